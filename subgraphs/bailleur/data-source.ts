import type { SubgraphDatabase } from '../kit/db/data-source';
import {
  DirectPaymentOrder,
  Lease,
  RentArrearsDeclaration,
  RentPayment,
  RentPaymentCorrection,
  RentTerm,
} from './entities';
import { migrations } from './migrations';

export const bailleurDatabase: SubgraphDatabase = {
  schema: 'bailleur',
  entities: [Lease, DirectPaymentOrder, RentPayment, RentTerm, RentPaymentCorrection, RentArrearsDeclaration],
  migrations,
};

import type { SubgraphDatabase } from '../kit/data-source';
import { DirectPaymentOrder, Lease, RentPayment } from './entities';
import { migrations } from './migrations';

export const bailleurDatabase: SubgraphDatabase = { schema: 'bailleur', entities: [Lease, DirectPaymentOrder, RentPayment], migrations };

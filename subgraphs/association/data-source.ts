import type { SubgraphDatabase } from '../kit/db/data-source';
import {
  DelegatedAccount,
  DelegatedBenefit,
  DelegatedBudgetPlan,
  DelegatedFile,
  DelegatedOperation,
  DelegatedOverdraft,
  DelegationBilan,
  AssociationDelegation,
} from './entities';
import { migrations } from './migrations';

export const associationDatabase: SubgraphDatabase = {
  schema: 'association',
  entities: [
    DelegatedFile,
    DelegatedBenefit,
    DelegatedBudgetPlan,
    DelegatedAccount,
    DelegatedOperation,
    DelegatedOverdraft,
    DelegationBilan,
    AssociationDelegation,
  ],
  migrations,
};

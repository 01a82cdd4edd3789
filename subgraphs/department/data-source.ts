import type { SubgraphDatabase } from '../kit/data-source';
import { Beneficiary, Delegation, MajNotice, Measure } from './entities';
import { migrations } from './migrations';

export const departmentDatabase: SubgraphDatabase = {
  schema: 'department',
  entities: [Beneficiary, Measure, Delegation, MajNotice],
  migrations,
};

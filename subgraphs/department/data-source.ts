import type { SubgraphDatabase } from '../kit/db/data-source';
import { DEPARTMENT_ENTITIES } from './entities';
import { migrations } from './migrations';

export const departmentDatabase: SubgraphDatabase = {
  schema: 'department',
  entities: DEPARTMENT_ENTITIES,
  migrations,
};

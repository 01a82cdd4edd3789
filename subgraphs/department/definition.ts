import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { departmentDatabase } from './data-source';
import { createLoaders, DepartmentLoaders } from './loaders';
import { seedDepartment } from './seed';
import { buildDepartmentSchema } from './schema';
import { endContractsAtTerm } from './resolvers/delegation-lifecycle';

/** The département's subgraph: persons, measures and the registry of habilitations. */
export const department: RunnableSubgraph<DepartmentLoaders> = {
  name: 'department',
  database: departmentDatabase,
  buildSchema: buildDepartmentSchema,
  createLoaders,
  seed: seedDepartment,
  schedule: [
    // CASF L271-2: a contract not renewed by its term ends at its term, its delegation with it (reach already stopped)
    { task: 'end-contracts-at-term', cron: '7 * * * *', run: async (tx, today) => void (await endContractsAtTerm(tx, today)) },
  ],
};

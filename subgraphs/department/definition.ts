import type { RunnableSubgraph } from '../kit/server/run-subgraph';
import { departmentDatabase } from './data-source';
import { createLoaders, DepartmentLoaders } from './loaders';
import { seedDepartment } from './seed';
import { handleMajEnded, handleMajRecorded, handleProtectionRecorded, majSchedule } from './events/maj.handlers';
import { buildDepartmentSchema } from './schema';
import { handleArrearsReached, handleLeaseEnded, handleLeaseRecorded } from './events/lease.handlers';
import { endExpiredPaymentOrders } from './resolvers/payment-order';
import { endContractsAtTerm } from './resolvers/delegation-lifecycle';
import { retentionPurgeJob } from './retention/purge';

/** The département's subgraph: persons, measures and the registry of habilitations. */
export const department: RunnableSubgraph<DepartmentLoaders> = {
  name: 'department',
  database: departmentDatabase,
  buildSchema: buildDepartmentSchema,
  createLoaders,
  seed: seedDepartment,
  consumes: {
    'lease.recorded': handleLeaseRecorded,
    'lease.ended': handleLeaseEnded,
    'arrears.reached': handleArrearsReached,
    'maj.recorded': handleMajRecorded,
    'maj.ended': handleMajEnded,
    'protection.recorded': handleProtectionRecorded,
  },
  schedule: [
    endExpiredPaymentOrders,
    ...majSchedule,
    // CASF L271-2: a contract not renewed by its term ends at its term, its delegation with it (reach already stopped)
    {
      task: 'end-contracts-at-term',
      cron: '7 * * * *',
      run: async (tx, today) => void (await endContractsAtTerm(tx, today)),
    },
    // CNIL: closed files archived, then erased, on the département's dated retention parameters
    retentionPurgeJob,
  ],
};

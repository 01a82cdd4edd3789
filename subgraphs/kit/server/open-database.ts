import { Logger as WorkerLogger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import { workerSchemaOf } from '../events/outbox';
import { applyAccessLogSettings, readAccessLogSettings } from '../access-log/audit';
import { createSubgraphDataSource, SubgraphDatabase } from '../db/data-source';
import type { Logger } from '../runtime/logger';
import { hubMetrics } from '../runtime/metrics';

/**
 * graphile-worker's log lines, through the subgraph's logger (its debug chatter dropped), whose scrubbing takes out
 * a job's `payload`, a failed job's statement and bound values, and the values its messages echo.
 */
export function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    if (level === 'error') log.error({ worker: meta }, message);
    else if (level === 'warning') log.warn({ worker: meta }, message);
  });
}

/** Connects, creates the subgraph's schema if needed and applies pending migrations. */
export async function openSubgraphDatabase(
  db: SubgraphDatabase,
  url: string,
  log: Logger,
  opts: { migrate?: boolean; poolSize?: number } = {},
): Promise<DataSource> {
  const ds = createSubgraphDataSource(db, url, log, opts.poolSize);
  await ds.initialize();
  hubMetrics().registerPool(
    db.schema,
    (ds.driver as unknown as { master: { totalCount: number; idleCount: number; waitingCount: number } }).master,
  );
  if (opts.migrate ?? true) {
    await ds.query(`CREATE SCHEMA IF NOT EXISTS "${db.schema}"`);
    await ds.runMigrations({ transaction: 'each' });
    // The outbox: graphile-worker's own tables and functions, in the subgraph's `<schema>_worker` schema.
    await runWorkerMigrations({ connectionString: url, schema: workerSchemaOf(db.schema), logger: workerLogger(log) });
    // The retention term and the app role's privileges on the access log, applied with the owner's rights.
    await applyAccessLogSettings(ds, db.schema, readAccessLogSettings());
  }
  return ds;
}

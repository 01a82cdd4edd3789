import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import type { DataSource } from 'typeorm';
import { workerSchemaOf } from '../events/outbox';
import { workerLogger } from '../events/worker-logger';
import { applyAccessLogSettings, readAccessLogSettings } from '../access-log/audit';
import { createSubgraphDataSource, SubgraphDatabase } from '../db/data-source';
import { grantAppRole, roleExists } from '../db/roles';
import type { Logger } from '../runtime/logger';
import { hubMetrics } from '../runtime/metrics';

/**
 * Connects; with `migrate` (as the schema owner: kit/db/roles.ts), creates the subgraph's schema if needed, applies
 * pending migrations and grants the application role (`appRole`) its privileges.
 */
export async function openSubgraphDatabase(
  db: SubgraphDatabase,
  url: string,
  log: Logger,
  opts: { migrate?: boolean; poolSize?: number; appRole?: string } = {},
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
    // The retention term, applied with the owner's rights.
    await applyAccessLogSettings(ds, db.schema, readAccessLogSettings());
    // The application role's privileges, after the migrations (the access log's are narrowed last).
    if (opts.appRole) {
      if (await roleExists(ds, opts.appRole)) await grantAppRole(ds, db.schema, opts.appRole);
      else log.warn({ role: opts.appRole }, 'application role missing: no privileges granted (run db:roles)');
    }
  }
  return ds;
}

import 'reflect-metadata';
import { SUBGRAPHS } from './index';
import { databaseUrlFor } from './kit/db/data-source';
import { openSubgraphDatabase } from './kit/server/open-database';
import { ConfigError } from './kit/runtime/env';
import { serviceLogger } from './kit/runtime/logger';
import { buildDemoPlan } from './kit/seed/demo-plan';

/**
 * `npm run db:migrate` applies every subgraph's pending migrations; `npm run db:seed` (this file with `--seed`) also
 * writes the demo data where a subgraph has none. Each subgraph uses `<NAME>_DATABASE_URL` or `DATABASE_URL`.
 */
async function main(): Promise<void> {
  const seed = process.argv.includes('--seed');
  const plan = seed ? buildDemoPlan() : undefined;
  for (const def of SUBGRAPHS) {
    const log = serviceLogger(def.name);
    const url = databaseUrlFor(def.database.schema);
    const variable = `DATABASE_URL (or ${def.database.schema.toUpperCase()}_DATABASE_URL)`;
    if (!url) throw new ConfigError(variable, 'is required but not set');
    if (!/^postgres(ql)?:\/\/[^/]/.test(url)) throw new ConfigError(variable, 'must be a postgres:// URL');
    const ds = await openSubgraphDatabase(def.database, url, log, { migrate: true, poolSize: 2 });
    try {
      const wrote = plan ? await def.seed(ds, plan) : false;
      console.log(
        `${def.name}: migrated${plan ? (wrote ? ', demo data written' : ', demo data already present') : ''}`,
      );
    } finally {
      await ds.destroy();
    }
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : `db: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

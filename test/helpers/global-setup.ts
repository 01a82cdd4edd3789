import 'reflect-metadata';
import { createServer } from 'node:net';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPHS } from '../../subgraphs';
import { openSubgraphDatabase } from '../../subgraphs/kit/server/open-database';
import { ensureDatabase, startEmbeddedPostgres } from '../../subgraphs/kit/db/embedded-postgres';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { buildDemoPlan } from '../../subgraphs/kit/seed/demo-plan';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/**
 * One PostgreSQL for the run: DATABASE_URL's server if set, else an embedded one; a fresh database, migrated and
 * seeded.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'masp-test-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data directory
    const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort(), persistent: false });
    (globalThis as Record<string, unknown>).__MASP_PG__ = pg;
    serverUrl = pg.url('postgres');
  }
  const name = `masp_test_${process.pid}`;
  const url = await ensureDatabase(serverUrl, name, { fresh: true });
  const plan = buildDemoPlan();
  for (const def of SUBGRAPHS) {
    const ds = await openSubgraphDatabase(def.database, url, serviceLogger('test-setup'));
    await def.seed(ds, plan);
    await ds.destroy();
  }
  process.env.TEST_DATABASE_URL = url;
  (globalThis as Record<string, unknown>).__MASP_DB__ = { serverUrl, name };
}

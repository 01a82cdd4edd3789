import 'reflect-metadata';
import { createServer } from 'node:net';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDatabase, startEmbeddedPostgres } from '../../subgraphs/kit/db/embedded-postgres';
import { prepareLocalDatabase } from '../../gateway/dev/local-hub';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/**
 * One PostgreSQL for the run: DATABASE_URL's server if set, else an embedded one; a fresh database, migrated and
 * seeded (as each subgraph's owner role; the hubs connect as the application roles: gateway/dev/local-hub.ts).
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
  // Each subgraph's owner and application roles, named after this run's database (roles are cluster-wide, and runs
  // share the server); migrations and seed as the owner; the test hubs serve as the application roles.
  await prepareLocalDatabase(url, { migrate: true, seed: true });
  // A superuser's connection, for what the API cannot show or set up (row counts, fixtures, the access log's guards).
  process.env.TEST_DATABASE_URL = url;
  (globalThis as Record<string, unknown>).__MASP_DB__ = { serverUrl, name };
}

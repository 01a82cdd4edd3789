import { dropDatabase, EmbeddedPostgres } from '../../subgraphs/kit/db/embedded-postgres';
import { dropLocalRoles } from '../../subgraphs/kit/db/roles';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const db = g.__MASP_DB__ as { serverUrl: string; name: string } | undefined;
  if (db) await dropDatabase(db.serverUrl, db.name).catch(() => undefined);
  // the run's roles, named after its database
  if (db) await dropLocalRoles(db.serverUrl, db.name).catch(() => undefined);
  const pg = g.__MASP_PG__ as EmbeddedPostgres | undefined;
  if (pg) await pg.stop();
}

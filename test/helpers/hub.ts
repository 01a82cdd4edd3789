import 'reflect-metadata';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallerClaims } from '../../schema/caller';
import { exportSPKI, importJWK, KeyLike } from 'jose';
import { DEV_ALG, DEV_AUDIENCE, DEV_ISSUER, DevKeys, loadOrCreateDevKeys } from '../../gateway/auth/dev-keys';
import { mintDevToken, MintOptions } from '../../gateway/auth/mint-token';
import { LocalHub, startLocalHub } from '../../gateway/dev/local-hub';
import { dropDatabase, ensureDatabase } from '../../subgraphs/kit/db/embedded-postgres';
import { GatewayKeys, generateGatewayJwk, resolveGatewayKeys } from '../../gateway/auth/gateway-keys';
import { signedSubgraphBody } from '../bench/lib/subgraph-calls';

/** The query planner the test hubs run, from QUERY_PLANNER if set (the gateway's own default otherwise). */
export const plannerEnv = (): Record<string, string> =>
  process.env.QUERY_PLANNER ? { QUERY_PLANNER: process.env.QUERY_PLANNER } : {};

/** A GATEWAY_SIGNING_KEYS value (JSON) with one fresh key, for a configuration that needs one (production). */
export const testGatewaySigningKeys = (kid = 'test'): string => JSON.stringify({ keys: [generateGatewayJwk(kid)] });

/** A JWKS file of the hub's public keys, for a subgraph run as its own process (GATEWAY_JWKS_FILE). */
export function writeHubJwks(hub: LocalHub): string {
  const file = join(mkdtempSync(join(tmpdir(), 'masp-jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify(resolveGatewayKeys(hub.config.signingKeys).jwks));
  return file;
}

export interface TestHub extends LocalHub {
  /** The gateway's signing keys (a test that signs a subgraph request stands in for the gateway). */
  gatewayKeys: GatewayKeys;
  /** A request body signed as the gateway signs it for `subgraph` (with a registry grant for a partner). */
  signed(
    subgraph: string,
    claims: CallerClaims,
    query: string,
    variables?: Record<string, unknown>,
  ): Record<string, unknown>;
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
    env: { DEV_KEYS_DIR: keysDir, NODE_ENV: 'test', ...plannerEnv(), ...env },
    ephemeralPorts: true,
    // two test files run at once, each hub with its four pools, runners and replay stores: within max_connections
    poolSize: 3,
    migrate: db.migrate ?? false,
    seed: db.seed,
    eventsPollIntervalMs: 100, // retries due are picked within 0.1 s (hub.drainEvents() runs them at once)
  });
  const keys = await loadOrCreateDevKeys(keysDir);
  const gatewayKeys = resolveGatewayKeys(hub.config.signingKeys);
  return Object.assign(hub, {
    gatewayKeys,
    signed: (subgraph: string, claims: CallerClaims, query: string, variables?: Record<string, unknown>) =>
      signedSubgraphBody(gatewayKeys.signer, subgraph, claims, query, variables),
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
): Promise<TestHub & { databaseUrl: string; dispose(): Promise<void> }> {
  const runDb = new URL(process.env.TEST_DATABASE_URL!);
  const name = `${runDb.pathname.slice(1)}_${tag}`;
  const databaseUrl = await ensureDatabase(runDb.toString(), name, { fresh: true });
  const hub = await startTestHub(env, { databaseUrl, migrate: true, seed: true });
  return Object.assign(hub, {
    /** Its database, for a second hub on the same data (another configuration, e.g. production). */
    databaseUrl,
    async dispose() {
      await hub.stop();
      await dropDatabase(runDb.toString(), name).catch(() => undefined);
    },
  });
}

/**
 * The hub as production runs it (NODE_ENV=production): token keys from JWT_PUBLIC_KEY (a fresh development pair, whose
 * `keys` mint the test's tokens), its own GATEWAY_SIGNING_KEYS, both required in production; trusted documents only.
 */
export async function startProductionTestHub(
  db: { databaseUrl?: string } = {},
): Promise<{ hub: TestHub; keys: DevKeys; token(claims: object): Promise<string> }> {
  const keys = await loadOrCreateDevKeys(mkdtempSync(join(tmpdir(), 'masp-prod-keys-')));
  const pem = await exportSPKI((await importJWK(keys.publicJwk, DEV_ALG)) as KeyLike);
  const hub = await startTestHub(
    {
      NODE_ENV: 'production',
      JWT_PUBLIC_KEY: pem,
      JWT_ALGORITHM: DEV_ALG,
      JWT_ISSUER: DEV_ISSUER,
      JWT_AUDIENCE: DEV_AUDIENCE,
      GATEWAY_SIGNING_KEYS: testGatewaySigningKeys(),
    },
    db,
  );
  return { hub, keys, token: (claims) => mintDevToken(keys, claims as never) };
}

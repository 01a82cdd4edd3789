import { connect } from 'node:net';
import type { DataSource } from 'typeorm';
import { OrgKind, Role } from '../../schema/policy';
import { SUBGRAPHS } from '../../subgraphs';
import { openReplayStore, PostgresReplayStore, ReplayStore } from '../../subgraphs/kit/access/replay-store';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { openSubgraphDatabase } from '../../subgraphs/kit/server/open-database';
import { createSubgraphServer, SubgraphServer } from '../../subgraphs/kit/server/subgraph-server';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 19 §2: a signed request is accepted once across all the replicas of a subgraph, not once per process. Two
 * replicas of the bailleur subgraph (each its own server and connection pool) share the jti store: the PostgreSQL
 * table of the bailleur's schema (the default), or Redis (REPLAY_STORE_URL).
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
let hub: TestHub;
const stops: Array<() => Promise<unknown>> = [];
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
  await hub?.stop();
});

const bailleurDef = SUBGRAPHS.find((d) => d.name === 'bailleur')!;
const landlord = {
  sub: 'gl-replicas',
  org_kind: OrgKind.BAILLEUR,
  org_id: DEMO_ORGS.bailleurs[0],
  roles: [Role.GESTIONNAIRE_LOCATIF],
};
const QUERY = '{ myLeases(first: 1) { id } }';

/** One more replica of the bailleur: its own pool, its own server, the store `replays` makes from its pool. */
async function replica(replays?: (ds: DataSource) => Promise<ReplayStore>): Promise<{ url: string; ds: DataSource }> {
  const log = serviceLogger('bailleur');
  const ds = await openSubgraphDatabase(bailleurDef.database, process.env.TEST_DATABASE_URL!, log, {
    migrate: false,
    poolSize: 2,
  });
  stops.push(() => ds.destroy());
  const store = replays ? await replays(ds) : undefined;
  if (store) stops.push(() => store.close());
  const server: SubgraphServer = await createSubgraphServer(bailleurDef as never, {
    dataSource: ds,
    gatewayKeys: { kind: 'jwks', jwks: hub.gatewayKeys.jwks },
    log,
    replays: store,
  });
  stops.push(() => server.stop());
  return { url: await server.listen(0), ds };
}

const post = async (url: string, body: unknown) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
};

/** The same signed body to replica A, then B: B refuses it; a fresh one B serves. */
async function expectOncePerSubgraph(a: string, b: string) {
  const body = hub.signed('bailleur', landlord, QUERY);
  const first = await post(a, body);
  expect(first.status).toBe(200);
  expect(first.body.data.myLeases).toHaveLength(1);
  const replayed = await post(b, body);
  expect({ status: replayed.status, data: replayed.body.data, ext: replayed.body.errors?.[0].extensions }).toEqual({
    status: 401,
    data: undefined,
    ext: { code: 'UNAUTHENTICATED', reason: 'replayed' },
  });
  expect((await post(a, body)).body.errors?.[0].extensions.reason).toBe('replayed');
  expect((await post(b, hub.signed('bailleur', landlord, QUERY))).status).toBe(200);
}

function redisReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(6379, '127.0.0.1');
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

describe('authz › replays across replicas', () => {
  it('PostgreSQL (default): a request served by one replica is refused by another', async () => {
    const a = await replica();
    const b = await replica();
    await expectOncePerSubgraph(a.url, b.url);
    // and also by the hub's own bailleur, a third replica
    const body = hub.signed('bailleur', landlord, QUERY);
    expect((await post(a.url, body)).status).toBe(200);
    expect((await post(hub.subgraphs.bailleur.url, body)).body.errors?.[0].extensions.reason).toBe('replayed');
  });

  it('PostgreSQL: two replicas racing on the same jti serve it once', async () => {
    const a = await replica();
    const b = await replica();
    const body = hub.signed('bailleur', landlord, QUERY);
    const answers = await Promise.all([a.url, b.url, a.url, b.url].map((url) => post(url, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
  });

  it('PostgreSQL: expired jtis are purged, live ones kept', async () => {
    const ds = hub.subgraphs.bailleur.dataSource;
    const store = new PostgresReplayStore(ds, 'bailleur');
    stops.push(() => store.close());
    const old = Math.floor(Date.now() / 1000) - 600;
    expect(await store.claim('purge-old', old)).toBe(true);
    expect(await store.claim('purge-live', old + 1200)).toBe(true);
    expect(await store.purge()).toBeGreaterThanOrEqual(1);
    const left = await ds.query(`SELECT jti FROM bailleur.request_replay WHERE jti LIKE 'purge-%' ORDER BY jti`);
    expect(left).toEqual([{ jti: 'purge-live' }]);
    expect(await store.claim('purge-live', old + 1200)).toBe(false);
  });

  it('a replica that cannot reach its jti store serves nothing: 503, retryable', async () => {
    const down: ReplayStore = {
      claim: async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
      },
      close: async () => undefined,
    };
    const a = await replica(async () => down);
    const r = await post(a.url, hub.signed('bailleur', landlord, QUERY));
    expect({ status: r.status, data: r.body.data, ext: r.body.errors?.[0].extensions }).toEqual({
      status: 503,
      data: undefined,
      ext: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
    expect(JSON.stringify(r.body)).not.toContain('6379');
  });

  it('Redis (REPLAY_STORE_URL): a request served by one replica is refused by another', async () => {
    if (!(await redisReachable())) {
      if (process.env.CI) throw new Error(`Redis is required in CI at ${REDIS_URL}`);
      console.warn(`replay-replicas: Redis not reachable at ${REDIS_URL}: the Redis store test is skipped here`);
      return;
    }
    const redis = (ds: DataSource) =>
      openReplayStore({ url: REDIS_URL, dataSource: ds, schema: 'bailleur', name: 'bailleur' });
    const a = await replica(redis);
    const b = await replica(redis);
    await expectOncePerSubgraph(a.url, b.url);
    // nothing written in PostgreSQL by a replica on Redis
    const body = hub.signed('bailleur', landlord, QUERY);
    const jti = JSON.parse(
      Buffer.from((body.extensions as Record<string, string>)['masp-signature'].split('.')[1], 'base64url').toString(),
    ).jti;
    expect((await post(a.url, body)).status).toBe(200);
    expect(await a.ds.query('SELECT 1 FROM bailleur.request_replay WHERE jti = $1', [jti])).toEqual([]);
  });
});

import { performance } from 'node:perf_hooks';
import { generateGatewayJwk, parseGatewayKeys } from '../../gateway/auth/gateway-keys';
import { JWKS_PATH } from '../../gateway/auth/upstream-signing';
import { readGatewayConfig } from '../../gateway/env';
import { createHubGateway, createVerifier } from '../../gateway/gateway';
import { serveGateway, ServedGateway } from '../../gateway/serve';
import { OrgKind, Role } from '../../schema/policy';
import { signRegistryGrant, signRequest } from '../../schema/upstream-signature';
import { SUBGRAPHS } from '../../subgraphs';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { createSubgraphServer, SubgraphServer } from '../../subgraphs/kit/server/subgraph-server';
import { freePort } from '../faults/helpers/own-postgres';
import { startTestHub, TestHub } from '../helpers/hub';
import { signedSubgraphBody } from '../bench/lib/subgraph-calls';

/**
 * Issue 19 §1: the gateway's keys rotate without restarting a subgraph. A department replica reads the gateway's
 * JWKS from its URL (GATEWAY_JWKS_URL, cache 1 s here); the gateway restarts on the same port with [new, old], then
 * with [new] alone: the replica accepts both keys during the rotation, and refuses the old one once its cache has
 * refreshed.
 */
const CACHE_MS = 1000;
let hub: TestHub;
let department: SubgraphServer;
let departmentUrl: string;
let port: number;
let served: ServedGateway | undefined;
beforeAll(async () => {
  hub = await startTestHub();
  port = await freePort();
  department = await createSubgraphServer(SUBGRAPHS.find((d) => d.name === 'department') as never, {
    dataSource: hub.subgraphs.department.dataSource,
    gatewayKeys: { kind: 'url', url: `http://127.0.0.1:${port}${JWKS_PATH}`, cacheMaxAgeMs: CACHE_MS, cooldownMs: 0 },
    log: serviceLogger('department'),
  });
  departmentUrl = await department.listen(0);
});
afterAll(async () => {
  await served?.stop();
  await department?.stop();
  await hub?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const OLD = JSON.stringify(generateGatewayJwk('gw-old'));
const NEW = JSON.stringify(generateGatewayJwk('gw-new'));
const jwks = (...keys: string[]) => `{"keys":[${keys.join(',')}]}`;
const encadrant = {
  sub: 'enc-rotation',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.ENCADRANT],
};
const CASELOAD = '{ caseload(first: 2) { id } }';

/** The gateway, (re)started on the same port with these keys, its department at the test's replica. */
async function restartGateway(keys: string) {
  await served?.stop();
  const config = readGatewayConfig({ NODE_ENV: 'test', GATEWAY_SIGNING_KEYS: keys });
  config.subgraphUrls = { ...hub.config.subgraphUrls, department: departmentUrl };
  const gateway = await createHubGateway(config, { verify: await createVerifier(hub.config) });
  served = await serveGateway(gateway, { port, host: '127.0.0.1' });
}

async function throughGateway() {
  const res = await fetch(served!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await hub.token(encadrant)}` },
    body: JSON.stringify({ query: CASELOAD }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

/** A request signed directly with one key (as a gateway still holding only that key would sign). */
async function signedWith(key: string) {
  const signer = parseGatewayKeys(jwks(key)).signer;
  const res = await fetch(departmentUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signedSubgraphBody(signer, 'department', encadrant, CASELOAD)),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}

describe('authz › rotating the gateway’s signing key', () => {
  it('publishes its public keys only, at /.well-known/jwks.json', async () => {
    await restartGateway(jwks(OLD, NEW));
    const res = await fetch(`http://127.0.0.1:${port}${JWKS_PATH}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { keys: Array<Record<string, unknown>> };
    expect(body.keys.map((k) => k.kid)).toEqual(['gw-old', 'gw-new']);
    for (const key of body.keys) {
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    }
  });

  it('old → [new, old] → [new]: the subgraph, never restarted, follows', async () => {
    // 1. the old key alone
    await restartGateway(jwks(OLD));
    expect((await throughGateway()).data?.caseload).toHaveLength(2);
    // 2. the gateway restarts signing with the new key, still publishing the old one: both are accepted
    await restartGateway(jwks(NEW, OLD));
    const rotated = await throughGateway();
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data.caseload).toHaveLength(2);
    expect((await signedWith(OLD)).status).toBe(200);
    expect((await signedWith(NEW)).status).toBe(200);
    // 3. the old key withdrawn: refused once the subgraph's JWKS cache has refreshed
    await restartGateway(jwks(NEW));
    await sleep(CACHE_MS + 200);
    const old = await signedWith(OLD);
    expect({ status: old.status, reason: old.body.errors?.[0].extensions.reason }).toEqual({
      status: 401,
      reason: 'bad_signature',
    });
    expect((await throughGateway()).data?.caseload).toHaveLength(2);
  });
});

describe('authz › what signing costs the gateway', () => {
  it('an ES256 request signature and a registry grant cost a fraction of a millisecond each', () => {
    const { signer } = parseGatewayKeys(jwks(NEW));
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Beneficiary { id lastName } } }';
    const variables = { r: Array.from({ length: 100 }, (_, i) => ({ __typename: 'Beneficiary', id: `${i}` })) };
    for (let i = 0; i < 200; i++) signRequest(signer, 'bailleur', encadrant, { query, variables }); // warm-up
    const N = 2000;
    let started = performance.now();
    for (let i = 0; i < N; i++) signRequest(signer, 'bailleur', encadrant, { query, variables });
    const perRequest = (performance.now() - started) / N;
    started = performance.now();
    for (let i = 0; i < N; i++) signRegistryGrant(signer, 'bailleur', encadrant);
    const perGrant = (performance.now() - started) / N;
    // plain node: ~0.05–0.08 ms per signature on a shared 2-core machine (load average 20); under jest on that loaded
    // machine up to ~0.9 ms. The bound catches an order-of-magnitude regression (an async or per-call key import).
    expect(perRequest).toBeLessThan(3);
    expect(perGrant).toBeLessThan(3);
    console.log(`ES256 signing: ${perRequest.toFixed(3)} ms per request, ${perGrant.toFixed(3)} ms per grant`);
  });
});

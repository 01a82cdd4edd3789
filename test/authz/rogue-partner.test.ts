import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { createPrivateKey, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateGatewayJwk } from '../../gateway/auth/gateway-keys';
import { createHubGateway, createVerifier } from '../../gateway/gateway';
import { OrgKind, Role } from '../../schema/policy';
import {
  GATEWAY_ISSUER,
  GatewaySigner,
  GRANT_EXTENSION,
  GRANT_TYP,
  REQUEST_TYP,
  requestDigest,
  SIGNATURE_EXTENSION,
  signCompactJws,
} from '../../schema/upstream-signature';
import { readGatewayKeySource } from '../../subgraphs/kit/server/run-subgraph';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 19 §4: a rogue bailleur. Whoever runs the bailleur subgraph holds its configuration (no key of the gateway's:
 * only the public JWKS), its database, and every request the gateway sends it, grants included. With all of that, and
 * real HTTP calls to the department, association and mandataire subgraphs, it gets nothing its own callers could not
 * read: it cannot sign as the gateway, cannot use a request signed for it elsewhere or twice, and a grant it saw
 * answers only the registry questions it names, for its caller.
 */
let hub: TestHub;
let gateway: GatewayRuntime;
let tap: Server;
/** What the gateway sent the bailleur: the rogue operator's view of its own traffic. */
const captured: Array<{ query: string; variables?: Record<string, unknown>; extensions: Record<string, string> }> = [];

beforeAll(async () => {
  hub = await startTestHub();
  // The bailleur behind a tap that records each request body before passing it on.
  const target = new URL(hub.subgraphs.bailleur.url);
  tap = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      captured.push(JSON.parse(body));
      const upstream = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(await upstream.text());
    });
  });
  await new Promise<void>((resolve) => tap.listen(0, '127.0.0.1', resolve));
  const tapUrl = `http://127.0.0.1:${(tap.address() as AddressInfo).port}/graphql`;
  gateway = await createHubGateway(
    { ...hub.config, subgraphUrls: { ...hub.config.subgraphUrls, bailleur: tapUrl } },
    { verify: await createVerifier(hub.config) },
  );
});
afterAll(async () => {
  await gateway?.dispose();
  await new Promise((resolve) => tap?.close(resolve));
  await hub?.stop();
});

const post = async (subgraph: string, body: unknown) => {
  const res = await fetch(hub.subgraphs[subgraph].url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
};
const refusal = (r: { status: number; body: { data?: any; errors?: any[] } }) => ({
  status: r.status,
  data: r.body.data,
  reason: r.body.errors?.[0]?.extensions?.reason,
});

const PARTNER_SUBGRAPHS = ['department', 'association', 'mandataire'];
/** A département référent, one of whose persons has a lease: reading it goes through the bailleur. */
const lease = () => hub.plan.leases[0];
const personOf = (id: string) => hub.plan.persons.find((p) => p.id === id)!;
const referent = () => {
  const p = personOf(lease().beneficiaryId);
  return {
    sub: p.referentSub,
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.TRAVAILLEUR_SOCIAL],
  };
};
/** The widest caller there is: an ENCADRANT without a territory reaches every person. */
const encadrantAll = {
  sub: 'rogue-enc',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.ENCADRANT],
};
const ALL_IDS = () => hub.plan.persons.map((p) => p.id);
const REACHABLE = 'query($ids: [ID!]!) { reachablePersons(ids: $ids) }';

/** A request of the référent through the gateway, whose bailleur leg the rogue captures. */
async function captureBailleurRequest() {
  const from = captured.length;
  const token = await hub.token(referent());
  const res = await gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: 'query($id: ID!) { beneficiary(id: $id) { id leases { id } } }',
      variables: { id: lease().beneficiaryId },
    }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data.beneficiary.leases.map((l: { id: string }) => l.id)).toContain(lease().id);
  const seen = captured.slice(from);
  expect(seen.length).toBeGreaterThan(0);
  return seen[0];
}

describe('authz › a rogue bailleur', () => {
  it('holds no key that signs: its configuration has the public JWKS only, and a private key is refused', () => {
    const jwks = hub.gatewayKeys.jwks;
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
    expect(readGatewayKeySource({ GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json' })).toEqual(
      expect.objectContaining({ kind: 'url' }),
    );
    expect(() =>
      readGatewayKeySource({
        GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json',
        GATEWAY_SIGNING_KEYS: '{}',
      }),
    ).toThrow("GATEWAY_SIGNING_KEYS is the gateway's private key: a subgraph must not hold it");
  });

  it('cannot forge a caller: a request or a grant it signs with its own key (under the gateway’s kid) is refused', async () => {
    const own: GatewaySigner = {
      kid: hub.gatewayKeys.signer.kid,
      key: createPrivateKey({ key: generateGatewayJwk('rogue'), format: 'jwk' }),
    };
    const now = Math.floor(Date.now() / 1000);
    const query = '{ caseload(first: 5) { id lastName } }';
    for (const subgraph of PARTNER_SUBGRAPHS) {
      const jws = signCompactJws(own, REQUEST_TYP, {
        ...encadrantAll,
        iss: GATEWAY_ISSUER,
        aud: subgraph,
        iat: now,
        exp: now + 30,
        jti: randomUUID(),
        digest: requestDigest({ query }),
      });
      const r = await post(subgraph, { query, extensions: { [SIGNATURE_EXTENSION]: jws } });
      expect(refusal(r)).toEqual({ status: 401, data: undefined, reason: 'bad_signature' });
    }
    const grant = signCompactJws(own, GRANT_TYP, {
      ...encadrantAll,
      iss: GATEWAY_ISSUER,
      aud: 'department',
      partner: 'bailleur',
      scope: ['reachablePersons', 'knownPersons'],
      iat: now,
      exp: now + 30,
      jti: randomUUID(),
    });
    const r = await post('department', {
      query: REACHABLE,
      variables: { ids: ALL_IDS() },
      extensions: { [GRANT_EXTENSION]: grant },
    });
    expect(refusal(r)).toEqual({ status: 401, data: undefined, reason: 'bad_signature' });
  });

  it('cannot use a request the gateway signed for it anywhere else (audience), nor twice (replay)', async () => {
    const seen = await captureBailleurRequest();
    for (const subgraph of PARTNER_SUBGRAPHS) {
      const r = await post(subgraph, { query: seen.query, variables: seen.variables, extensions: seen.extensions });
      expect(refusal(r)).toEqual({ status: 401, data: undefined, reason: 'wrong_audience' });
      // nor with the signature alone, or with a query of its choosing
      const other = await post(subgraph, {
        query: '{ caseload(first: 5) { id lastName } }',
        extensions: { [SIGNATURE_EXTENSION]: seen.extensions[SIGNATURE_EXTENSION] },
      });
      expect(refusal(other)).toEqual({ status: 401, data: undefined, reason: 'wrong_audience' });
    }
    // to the bailleur itself (any replica: the jti store is shared), once is all
    const replay = await post('bailleur', seen);
    expect(refusal(replay)).toEqual({ status: 401, data: undefined, reason: 'replayed' });
    // and another query under its signature breaks the digest
    const swapped = await post('bailleur', { ...seen, query: '{ myLeases(first: 100) { id } }' });
    expect(refusal(swapped)).toEqual({ status: 401, data: undefined, reason: 'bad_digest' });
  });

  it('a grant it saw asks only the registry questions it names: no other field, no other subgraph', async () => {
    const grant = (await captureBailleurRequest()).extensions[GRANT_EXTENSION];
    expect(typeof grant).toBe('string');
    const p = personOf(lease().beneficiaryId);
    const beyond = [
      '{ caseload(first: 5) { id lastName } }',
      `{ beneficiary(id: "${p.id}") { lastName } }`,
      `query($ids: [ID!]!) { reachablePersons(ids: $ids) caseload(first: 1) { id } }`,
      `{ ... on Query { caseload(first: 1) { id } } }`,
      `query($ids: [ID!]!) { ...R } fragment R on Query { reachablePersons(ids: $ids) }`,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Beneficiary { lastName } } }`,
      '{ _service { sdl } }',
      `mutation { __typename }`,
    ];
    for (const query of beyond) {
      const r = await post('department', {
        query,
        variables: { ids: [p.id], r: [{ __typename: 'Beneficiary', id: p.id }] },
        extensions: { [GRANT_EXTENSION]: grant },
      });
      expect({ query, ...refusal(r) }).toEqual({ query, status: 401, data: undefined, reason: 'outside_grant' });
    }
    // the grant is the department's: the other partners take no grant in place of a signature
    for (const subgraph of ['association', 'mandataire']) {
      const r = await post(subgraph, { query: '{ __typename }', extensions: { [GRANT_EXTENSION]: grant } });
      expect(refusal(r)).toEqual({ status: 401, data: undefined, reason: 'missing_signature' });
    }
  });

  it('a grant it saw cannot be turned to another caller', async () => {
    const grant = (await captureBailleurRequest()).extensions[GRANT_EXTENSION];
    const [header, payload, signature] = grant.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: referent().sub, partner: 'bailleur', aud: 'department' });
    for (const widened of [
      { ...claims, ...encadrantAll },
      { ...claims, roles: [Role.ENCADRANT] },
      { ...claims, partner: 'association' },
      { ...claims, exp: claims.exp + 3600 },
    ]) {
      const forged = `${header}.${Buffer.from(JSON.stringify(widened)).toString('base64url')}.${signature}`;
      const r = await post('department', {
        query: REACHABLE,
        variables: { ids: ALL_IDS() },
        extensions: { [GRANT_EXTENSION]: forged },
      });
      expect(refusal(r)).toEqual({ status: 401, data: undefined, reason: 'bad_signature' });
    }
  });

  it('used within its rights, a grant gives exactly the persons its caller reaches, nothing more', async () => {
    const grant = (await captureBailleurRequest()).extensions[GRANT_EXTENSION];
    const ask = async (query: string) =>
      post('department', { query, variables: { ids: ALL_IDS() }, extensions: { [GRANT_EXTENSION]: grant } });
    const reached = await ask(REACHABLE);
    expect(reached.body.errors).toBeUndefined();
    const own = hub.plan.persons.filter((p) => p.referentSub === referent().sub).map((p) => p.id);
    expect(own.length).toBeLessThan(hub.plan.persons.length);
    expect([...reached.body.data.reachablePersons].sort()).toEqual([...own].sort());
    // several questions under the same grant (one partner request may batch them) stay this caller's
    expect((await ask(REACHABLE)).body.data.reachablePersons).toHaveLength(own.length);
    // knownPersons: ids only, which the register holds; no name, no field of a person
    const known = await ask('query($ids: [ID!]!) { knownPersons(ids: $ids) }');
    expect(known.body.data.knownPersons).toHaveLength(hub.plan.persons.length);
    expect(JSON.stringify(known.body)).not.toContain(personOf(lease().beneficiaryId).lastName);
  });

  it("a grant for the bailleur's own caller (a landlord) reaches no person", async () => {
    const from = captured.length;
    const landlord = {
      sub: 'gl-rogue',
      org_kind: OrgKind.BAILLEUR,
      org_id: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
    };
    const token = await hub.token(landlord);
    const res = await gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ myLeases(first: 1) { id } }' }),
    });
    expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
    const grant = captured[from].extensions[GRANT_EXTENSION];
    const r = await post('department', {
      query: REACHABLE,
      variables: { ids: ALL_IDS() },
      extensions: { [GRANT_EXTENSION]: grant },
    });
    expect(r.body).toEqual({ data: { reachablePersons: [] } });
  });
});

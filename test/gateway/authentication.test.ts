import { generateKeyPair, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { OrgKind, Role } from '../../schema/policy';
import { GATEWAY_ISSUER, REQUEST_TYP, requestDigest, signCompactJws } from '../../schema/upstream-signature';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const good = {
  sub: 'gl-1',
  org_kind: OrgKind.BAILLEUR,
  org_id: DEMO_ORGS.bailleurs[0],
  roles: [Role.GESTIONNAIRE_LOCATIF],
};
const Q = '{ myLeases(first: 1) { id } }';

describe('gateway › authentication', () => {
  it('serves a valid token', async () => {
    const { status, body } = await hub.query(await hub.token(good), Q);
    expect(status).toBe(200);
    expect(body.data.myLeases).toHaveLength(1);
  });

  const refused: Array<[string, () => Promise<string | undefined>, string]> = [
    ['no token', async () => undefined, 'missing_token'],
    ['a malformed token', async () => 'not-a-jwt', 'malformed'],
    ['an expired token', () => hub.token(good, { expiresIn: -60 }), 'expired'],
    ['a token not valid yet', () => hub.token(good, { notBefore: 600 }), 'not_yet_valid'],
    ['an unknown org_kind', () => hub.token({ ...good, org_kind: 'PREFECTURE' }), 'bad_org_kind'],
    ['a role of another kind of organisation', () => hub.token({ ...good, roles: [Role.ENCADRANT] }), 'bad_roles'],
    ['another issuer', () => hub.token(good, { issuer: 'https://evil.example' }), 'bad_claims'],
    // what a provider issues to an application at sign-in, with the hub's audience: not an access token
    ['an OIDC ID token', () => hub.token({ ...good, nonce: 'n-1', at_hash: 'h' }, { typ: 'JWT' }), 'id_token'],
    ['a JWT whose typ is not at+jwt', () => hub.token(good, { typ: 'JWT' }), 'not_access_token'],
    [
      'a token signed with another key',
      async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return new SignJWT({ ...good })
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer('masp-hub-dev')
          .setAudience('masp-hub')
          .setSubject('x')
          .setExpirationTime('1h')
          .sign(privateKey);
      },
      'bad_signature',
    ],
  ];
  it.each(refused)('refuses %s with 401 UNAUTHENTICATED', async (_label, mint, reason) => {
    const { status, body } = await hub.query(await mint(), Q);
    expect(status).toBe(401);
    expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
    expect(body.data).toBeUndefined();
  });
});

describe('gateway › subgraphs accept only the gateway', () => {
  const post = (url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Beneficiary { lastName } } }`;
  const now = () => Math.floor(Date.now() / 1000);
  const variables = () => ({ r: [{ __typename: 'Beneficiary', id: hub.plan.persons[0].id }] });
  /** The JWS payload the gateway signs for the department, for `entities` and `variables()`. */
  const claims = (over: Record<string, unknown> = {}) => ({
    sub: 'ts',
    org_kind: 'DEPARTEMENT',
    org_id: DEMO_ORGS.departement,
    roles: ['ENCADRANT'],
    iss: GATEWAY_ISSUER,
    aud: 'department',
    iat: now(),
    exp: now() + 30,
    jti: randomUUID(),
    digest: requestDigest({ query: entities, variables: variables() }),
    ...over,
  });
  const signed = (jws: string) => ({ query: entities, variables: variables(), extensions: { 'masp-signature': jws } });
  const sign = (over: Record<string, unknown> = {}) =>
    signCompactJws(hub.gatewayKeys.signer, REQUEST_TYP, claims(over));

  it('a correctly signed request is served (the reference implementation of the contract)', async () => {
    const res = await post(hub.subgraphs.department.url, signed(sign()));
    const body = await res.json();
    expect(body.data._entities[0].lastName).toBe(hub.plan.persons[0].lastName);
  });

  it.each([
    ['unsigned _entities', () => ({ query: entities, variables: variables() }), 'missing_signature'],
    [
      'a forged signature',
      () => {
        const [header, payload] = sign().split('.');
        return signed(`${header}.${payload}.${Buffer.alloc(64).toString('base64url')}`);
      },
      'bad_signature',
    ],
    [
      'altered claims on a signed request',
      () => {
        const [header, , signature] = sign().split('.');
        const altered = Buffer.from(JSON.stringify(claims({ roles: ['TRAVAILLEUR_SOCIAL', 'ENCADRANT'] })));
        return signed(`${header}.${altered.toString('base64url')}.${signature}`);
      },
      'bad_signature',
    ],
    ['an expired signed request', () => signed(sign({ iat: now() - 120, exp: now() - 60 })), 'expired'],
    [
      'variables altered after signing',
      () => ({ ...signed(sign()), variables: { r: [{ __typename: 'Beneficiary', id: hub.plan.persons[1].id }] } }),
      'bad_digest',
    ],
  ])('refuses %s with 401', async (_label, body, reason) => {
    const res = await post(hub.subgraphs.department.url, body());
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason });
  });

  it('refuses a replayed signed request', async () => {
    const body = signed(sign());
    expect((await post(hub.subgraphs.department.url, body)).status).toBe(200);
    const replay = await post(hub.subgraphs.department.url, body);
    expect(replay.status).toBe(401);
    expect((await replay.json()).errors[0].extensions.reason).toBe('replayed');
  });

  it('answers /health once the database answers', async () => {
    const res = await fetch(hub.subgraphs.bailleur.url.replace('/graphql', '/health'));
    expect(await res.json()).toEqual({
      status: 'ok',
      subgraph: 'bailleur',
      // its outbox's backlog (issue 17): deliveries pending, the oldest's age, dead letters
      events: { pending: expect.any(Number), oldestSeconds: expect.any(Number), deadLetters: expect.any(Number) },
    });
  });
});

describe('gateway › verified tokens are remembered no longer than they are valid', () => {
  it('a token served once from memory is refused as expired once its exp has passed', async () => {
    const { createTokenVerifier } = await import('../../gateway/auth/verify-token');
    const { exportJWK } = await import('jose');
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const verify = await createTokenVerifier({
      keys: { kind: 'jwk', jwk: await exportJWK(publicKey) },
      issuer: 'iss',
      audience: 'aud',
      clockTolerance: 0,
    });
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = await new SignJWT({ ...good })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt' })
      .setIssuer('iss')
      .setAudience('aud')
      .setSubject('gl-1')
      .setExpirationTime(exp)
      .sign(privateKey);
    expect((await verify(token)).sub).toBe('gl-1');
    expect((await verify(token)).sub).toBe('gl-1'); // the second time from memory
    await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
    await expect(verify(token)).rejects.toMatchObject({ reason: 'expired' });
  });
});

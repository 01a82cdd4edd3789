import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { discoverOidcProvider, OidcDiscoveryError } from '../../gateway/auth/oidc';
import { readGatewayConfig } from '../../gateway/env';
import { createVerifier } from '../../gateway/gateway';
import { LocalHub, startLocalHub } from '../../gateway/dev/local-hub';
import { OrgKind, Role } from '../../schema/policy';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { createHubGateway } from '../../gateway/gateway';
import { useAuthentication } from '../../gateway/auth/authenticate.plugin';
import { KeysUnavailableError } from '../../gateway/auth/verify-token';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

/** A secret a production start accepts (random-looking, 64 hex characters). */
const PRODUCTION_SECRET = '3f9c1e7a5b2d84f0c6a1e9b7d3f5a2c8e4b6d0f2a8c1e3b5d7f9a0c2e4b6d8f1';

/** A local OpenID provider: discovery document + JWKS, like Keycloak's realm endpoints. */
interface FakeProvider {
  issuer: string;
  sign(
    claims: Record<string, unknown>,
    opts?: { issuer?: string; audience?: string | string[]; key?: KeyLike; kid?: string; typ?: string },
  ): Promise<string>;
  requests: string[];
  /** The next discovery requests answered 503 (a provider still starting). */
  failDiscovery: number;
  /** The JWKS endpoint answers 500 (a provider outage). */
  jwksDown: boolean;
  close(): Promise<void>;
}

async function startFakeProvider(opts: { issuerOverride?: string } = {}): Promise<FakeProvider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'realm-key-1', alg: 'RS256', use: 'sig' };
  const requests: string[] = [];
  let issuer = '';
  const state = { failDiscovery: 0, jwksDown: false };
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.endsWith('/openid-configuration') && state.failDiscovery > 0) {
      state.failDiscovery -= 1;
      res.writeHead(503).end();
      return;
    }
    if (req.url?.endsWith('/certs') && state.jwksDown) {
      res.writeHead(500).end();
      return;
    }
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/realms/masp/.well-known/openid-configuration') {
      send({
        issuer: opts.issuerOverride ?? issuer,
        jwks_uri: `${issuer}/protocol/openid-connect/certs`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    } else if (req.url === '/realms/masp/protocol/openid-connect/certs') send({ keys: [jwk] });
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/masp`;
  return {
    issuer,
    requests,
    get failDiscovery() {
      return state.failDiscovery;
    },
    set failDiscovery(n: number) {
      state.failDiscovery = n;
    },
    get jwksDown() {
      return state.jwksDown;
    },
    set jwksDown(down: boolean) {
      state.jwksDown = down;
    },
    // an access token (RFC 9068 typ at+jwt) unless told otherwise
    sign: (claims, o = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: o.kid ?? 'realm-key-1', typ: o.typ ?? 'at+jwt' })
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? 'masp-hub')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(o.key ?? privateKey),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Keycloak-shaped claims: roles under realm_access with a prefix, the organisation in a nested claim. */
const keycloakEnv = (issuer: string) => ({
  OIDC_ISSUER: issuer,
  JWT_AUDIENCE: 'masp-hub',
  OIDC_CLAIM_ORG_KIND: 'organisation.kind',
  OIDC_CLAIM_ORG_ID: 'organisation.id',
  OIDC_CLAIM_ROLES: 'realm_access.roles',
  OIDC_CLAIM_TERRITORY: 'organisation.territory',
  OIDC_ROLE_PREFIX: 'masp:',
});
const landlordClaims = {
  sub: 'kc-user-1',
  organisation: { kind: 'BAILLEUR', id: DEMO_ORGS.bailleurs[0] },
  realm_access: { roles: ['offline_access', 'masp:GESTIONNAIRE_LOCATIF', 'uma_authorization'] },
};

let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider();
});
afterAll(async () => {
  await provider?.close();
});

describe('gateway › OIDC provider (discovery + JWKS + claim mapping)', () => {
  it('finds the JWKS through the discovery document', async () => {
    expect(await discoverOidcProvider(provider.issuer)).toEqual({
      issuer: provider.issuer,
      jwksUri: `${provider.issuer}/protocol/openid-connect/certs`,
    });
  });

  it('verifies a Keycloak-style token and maps its claims (nested paths, role prefix, other roles dropped)', async () => {
    const verify = await createVerifier(readGatewayConfig(keycloakEnv(provider.issuer)));
    const caller = await verify(await provider.sign(landlordClaims));
    expect(caller).toMatchObject({
      sub: 'kc-user-1',
      orgKind: OrgKind.BAILLEUR,
      orgId: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
      territory: undefined,
    });
    expect(provider.requests).toEqual(
      expect.arrayContaining([
        '/realms/masp/.well-known/openid-configuration',
        '/realms/masp/protocol/openid-connect/certs',
      ]),
    );
  });

  it('maps a ProConnect-style agent: constant org kind, SIRET → organisation uuid, space-separated roles, territory', async () => {
    const verify = await createVerifier(
      readGatewayConfig({
        OIDC_ISSUER: provider.issuer,
        JWT_AUDIENCE: 'masp-hub',
        OIDC_CLAIM_ORG_KIND: '=DEPARTEMENT',
        OIDC_CLAIM_ORG_ID: 'siret',
        OIDC_CLAIM_ROLES: 'masp_roles',
        OIDC_CLAIM_TERRITORY: 'masp_territory',
        OIDC_ORG_ID_MAP: JSON.stringify({ '22450001000019': DEMO_ORGS.departement }),
      }),
    );
    const caller = await verify(
      await provider.sign({
        sub: 'agent-pc-7',
        siret: '22450001000019',
        masp_roles: 'ENCADRANT',
        masp_territory: 'MDD-ORLEANS',
        email: 'agent@loiret.fr',
      }),
    );
    expect(caller).toMatchObject({
      sub: 'agent-pc-7',
      orgKind: OrgKind.DEPARTEMENT,
      orgId: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
      territory: 'MDD-ORLEANS',
    });
  });

  it('refuses a token of another issuer, another audience, or a key outside the JWKS', async () => {
    const verify = await createVerifier(readGatewayConfig(keycloakEnv(provider.issuer)));
    await expect(
      verify(await provider.sign(landlordClaims, { issuer: 'http://127.0.0.1:1/realms/other' })),
    ).rejects.toMatchObject({ reason: 'bad_claims' });
    await expect(verify(await provider.sign(landlordClaims, { audience: 'other-app' }))).rejects.toMatchObject({
      reason: 'bad_claims',
    });
    const { privateKey } = await generateKeyPair('RS256');
    await expect(verify(await provider.sign(landlordClaims, { key: privateKey }))).rejects.toMatchObject({
      reason: 'bad_signature',
    });
  });

  it('refuses a token whose mapped roles are empty (no masp: role) with bad_roles', async () => {
    const verify = await createVerifier(readGatewayConfig(keycloakEnv(provider.issuer)));
    await expect(
      verify(await provider.sign({ ...landlordClaims, realm_access: { roles: ['offline_access'] } })),
    ).rejects.toMatchObject({ reason: 'bad_roles' });
  });

  it('refuses a provider whose discovery document names another issuer (OIDC Discovery §4.3)', async () => {
    const liar = await startFakeProvider({ issuerOverride: 'https://evil.example/realms/masp' });
    try {
      await expect(discoverOidcProvider(liar.issuer)).rejects.toThrow(OidcDiscoveryError);
    } finally {
      await liar.close();
    }
  });

  it('refuses an ID token presented as an access token, even with the right audience', async () => {
    const verify = await createVerifier(readGatewayConfig(keycloakEnv(provider.issuer)));
    // what a provider issues to a relying party at sign-in: typ JWT, nonce and at_hash, aud = the hub's audience here
    const idToken = await provider.sign({ ...landlordClaims, nonce: 'n-123', at_hash: 'x1' }, { typ: 'JWT' });
    await expect(verify(idToken)).rejects.toMatchObject({ reason: 'id_token' });
    // the ID token markers refuse it whatever its typ header says
    await expect(verify(await provider.sign({ ...landlordClaims, nonce: 'n-123' }))).rejects.toMatchObject({
      reason: 'id_token',
    });
    // a JWT without typ at+jwt is not an access token (RFC 9068 §4)
    await expect(verify(await provider.sign(landlordClaims, { typ: 'JWT' }))).rejects.toMatchObject({
      reason: 'not_access_token',
    });
    expect((await verify(await provider.sign(landlordClaims, { typ: 'application/at+jwt' }))).sub).toBe('kc-user-1');
  });

  it('OIDC_ACCESS_TOKEN_TYPES admits a provider whose access tokens say typ JWT (Keycloak); its ID tokens stay refused', async () => {
    const verify = await createVerifier(
      readGatewayConfig({ ...keycloakEnv(provider.issuer), OIDC_ACCESS_TOKEN_TYPES: 'at+jwt, JWT' }),
    );
    expect((await verify(await provider.sign(landlordClaims, { typ: 'JWT' }))).sub).toBe('kc-user-1');
    // Keycloak marks its ID tokens with a typ claim "ID" (and a nonce when the client sent one)
    await expect(verify(await provider.sign({ ...landlordClaims, typ: 'ID' }, { typ: 'JWT' }))).rejects.toMatchObject({
      reason: 'id_token',
    });
  });

  it('OIDC_CLIENT_IDS: a token addressed to a relying party (an ID token) is refused', async () => {
    const verify = await createVerifier(
      readGatewayConfig({ ...keycloakEnv(provider.issuer), OIDC_CLIENT_IDS: 'masp-console' }),
    );
    await expect(
      verify(await provider.sign(landlordClaims, { audience: ['masp-hub', 'masp-console'] })),
    ).rejects.toMatchObject({ reason: 'id_token' });
    expect((await verify(await provider.sign(landlordClaims, { audience: ['masp-hub'] }))).sub).toBe('kc-user-1');
  });

  it('retries discovery at start-up while the provider answers 503, then verifies tokens', async () => {
    const slow = await startFakeProvider();
    try {
      slow.failDiscovery = 2;
      const verify = await createVerifier(readGatewayConfig(keycloakEnv(slow.issuer)), {
        discoveryDelaysMs: [5, 5, 5],
      });
      expect(slow.requests.filter((r) => r.endsWith('/openid-configuration'))).toHaveLength(3);
      expect((await verify(await slow.sign(landlordClaims))).sub).toBe('kc-user-1');
      // a provider still down after every retry: the start fails, naming the discovery URL
      slow.failDiscovery = 10;
      await expect(
        createVerifier(readGatewayConfig(keycloakEnv(slow.issuer)), { discoveryDelaysMs: [5, 5] }),
      ).rejects.toThrow(/OIDC discovery failed at .*openid-configuration: HTTP 503/);
      expect(slow.failDiscovery).toBe(7); // three attempts
    } finally {
      await slow.close();
    }
  });

  it('in production, the JWKS must be served over https', async () => {
    await expect(discoverOidcProvider(provider.issuer, { requireHttps: true })).rejects.toThrow(
      /jwks_uri http:\/\/.* must use https: in production/,
    );
    expect(() =>
      readGatewayConfig({
        UPSTREAM_SIGNING_SECRET: PRODUCTION_SECRET,
        NODE_ENV: 'production',
        JWT_JWKS_URL: 'http://idp.example/certs',
        JWT_ISSUER: 'https://idp.example',
        JWT_AUDIENCE: 'masp-hub',
      }),
    ).toThrow('configuration: JWT_JWKS_URL must use https:');
  });

  it('checks the OIDC configuration at start-up', () => {
    expect(() =>
      readGatewayConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://x/y',
        OIDC_ISSUER: 'http://idp.example/realms/masp',
        JWT_AUDIENCE: 'masp-hub',
      }),
    ).toThrow('configuration: OIDC_ISSUER');
    expect(() => readGatewayConfig({ ...keycloakEnv(provider.issuer), OIDC_CLAIM_ROLES: 'realm access' })).toThrow(
      'configuration: OIDC_CLAIM_ROLES must be a claim path',
    );
    expect(() => readGatewayConfig({ ...keycloakEnv(provider.issuer), OIDC_ORG_ID_MAP: '[1]' })).toThrow(
      'configuration: OIDC_ORG_ID_MAP',
    );
    expect(() => readGatewayConfig({ NODE_ENV: 'production' })).toThrow(
      'OIDC_ISSUER (or JWT_JWKS_URL, JWT_PUBLIC_KEY)',
    );
  });
});

describe('gateway › OIDC end to end', () => {
  let hub: LocalHub;
  beforeAll(async () => {
    hub = await startLocalHub({
      databaseUrl: process.env.TEST_DATABASE_URL!,
      env: keycloakEnv(provider.issuer),
      ephemeralPorts: true,
      migrate: false,
    });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it("answers 503 SERVICE_UNAVAILABLE (retryable, not 401) while the provider's keys cannot be fetched", async () => {
    const down = await startFakeProvider();
    try {
      const config = readGatewayConfig(keycloakEnv(down.issuer));
      config.subgraphUrls = hub.config.subgraphUrls;
      const gateway = await createHubGateway(config);
      try {
        const ask = async (token: string) => {
          const res = await gateway.fetch('http://localhost/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query: '{ myLeases(first: 1) { id } }' }),
          });
          return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
        };
        down.jwksDown = true;
        const unavailable = await ask(await down.sign(landlordClaims));
        expect(unavailable.status).toBe(503);
        expect(unavailable.retryAfter).toBe('5');
        expect(unavailable.body.errors[0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
        expect(unavailable.body.data).toBeUndefined();
        // the provider back: the same token is served
        down.jwksDown = false;
        const ok = await ask(await down.sign(landlordClaims));
        expect(ok.status).toBe(200);
        expect(ok.body.data.myLeases).toHaveLength(1);
      } finally {
        await gateway.dispose();
      }
    } finally {
      await down.close();
    }
  });

  it('serves a landlord signed in at the provider, and refuses a dev-key token', async () => {
    const ask = async (token: string) => {
      const res = await hub.gateway.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ myLeases(first: 1) { id } }' }),
      });
      return { status: res.status, body: await res.json() };
    };
    const ok = await ask(await provider.sign(landlordClaims));
    expect(ok.status).toBe(200);
    expect(ok.body.data.myLeases).toHaveLength(1);
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({
      sub: 'x',
      org_kind: 'BAILLEUR',
      org_id: DEMO_ORGS.bailleurs[0],
      roles: ['GESTIONNAIRE_LOCATIF'],
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(provider.issuer)
      .setAudience('masp-hub')
      .setExpirationTime('5m')
      .sign(privateKey);
    const refused = await ask(forged);
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('gateway › authentication when the keys are unavailable', () => {
  it('logs why (never the token) and answers 503', async () => {
    const lines: Array<{ attrs: unknown; message: string }> = [];
    const log = { warn: (attrs: unknown, message: string) => lines.push({ attrs, message }) };
    const runtime = createGatewayRuntime({
      supergraph: 'type Query { a: Int }',
      logging: false,
      plugins: () => [
        useAuthentication(
          async () => {
            throw new KeysUnavailableError('JWKS https://idp.example/certs: Expected 200 OK');
          },
          '/graphql',
          { log: log as never },
        ),
      ],
    } as never);
    try {
      const res = await runtime.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer a.b.c' },
        body: JSON.stringify({ query: '{ a }' }),
      });
      expect(res.status).toBe(503);
      expect(lines).toEqual([
        {
          attrs: { reason: 'JWKS https://idp.example/certs: Expected 200 OK' },
          message: 'token keys unavailable: answering 503',
        },
      ]);
      expect(JSON.stringify(lines)).not.toContain('a.b.c');
    } finally {
      await runtime.dispose();
    }
  });
});

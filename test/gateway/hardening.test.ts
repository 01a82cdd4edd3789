import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { readGatewayConfig } from '../../gateway/env';
import { createHubGateway, createVerifier } from '../../gateway/gateway';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { startTestHub, TestHub, testGatewaySigningKeys } from '../helpers/hub';
import { trustedDocumentsDir } from '../helpers/trusted-documents';
import { loadTrustedDocuments, sha256 } from '../../gateway/persisted-documents';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

let hub: TestHub;
let token: string;
const gateways: GatewayRuntime[] = [];
beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token(DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)']);
});
afterAll(async () => {
  for (const g of gateways) await g.dispose();
  await hub?.stop();
});

/** Another gateway over the test hub's subgraphs, configured from `env` (as gateway/index.ts would be). */
async function gatewayWith(env: Record<string, string>, subgraphUrls: Record<string, string> = {}) {
  const config = readGatewayConfig({
    NODE_ENV: 'test',
    JWT_PUBLIC_KEY: 'unused: tokens are verified with the hub key',
    JWT_ISSUER: 'masp-hub-dev',
    JWT_AUDIENCE: 'masp-hub',
    GATEWAY_SIGNING_KEYS: testGatewaySigningKeys(), // required in production; replaced by the hub's below
    ...env,
  });
  config.subgraphUrls = { ...hub.config.subgraphUrls, ...subgraphUrls };
  config.signingKeys = hub.config.signingKeys; // the key the hub's subgraphs know
  const gateway = await createHubGateway(config, { verify: await createVerifier(hub.config) });
  gateways.push(gateway);
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };
  return { query: (query: string, variables?: Record<string, unknown>) => post({ query, variables }), post };
}

/** Production, with `documents` as its only trusted documents. */
const production = (...documents: string[]) => ({
  NODE_ENV: 'production',
  TRUSTED_DOCUMENTS_DIR: trustedDocumentsDir(documents),
});
const messages = (body: any) => (body.errors ?? []).map((e: any) => e.message).join('\n');

describe('gateway › hardening › introspection and suggestions', () => {
  it('refuses introspection in production, and serves it elsewhere', async () => {
    const introspection = [
      '{ __schema { queryType { name } } }',
      '{ __type(name: "Beneficiary") { fields { name } } }',
    ];
    // registered, even: introspection stays off
    const prod = await gatewayWith(production(...introspection));
    for (const q of introspection) {
      const { body } = await prod.query(q);
      expect(body.data ?? null).toBeNull();
      expect(messages(body)).toMatch(/introspection/i);
    }
    const dev = await gatewayWith({});
    expect((await dev.query('{ __schema { queryType { name } } }')).body).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });

  it('blocks field suggestions in production only', async () => {
    const q = '{ caseload(first: 1) { lastNam } }';
    const dev = await (await gatewayWith({})).query(q);
    expect(messages(dev.body)).toMatch(/Did you mean "lastName"\?/);
    const prod = await (await gatewayWith(production(q))).query(q);
    expect(prod.body.errors).toHaveLength(1);
    expect(messages(prod.body)).toMatch(/Cannot query field "lastNam"/);
    expect(messages(prod.body)).not.toMatch(/Did you mean|lastName/);
  });
});

describe('gateway › hardening › query limits (graphql-armor, ARMOR_* variables)', () => {
  it('refuses a query deeper than ARMOR_MAX_DEPTH, with fragments counted at their real depth', async () => {
    const g = await gatewayWith({ ARMOR_MAX_DEPTH: '4' });
    expect((await g.query('{ caseload(first: 1) { measures { beneficiary { id } } } }')).body.errors).toBeUndefined();
    const deep = await g.query('{ caseload(first: 1) { measures { beneficiary { measures { id } } } } }');
    expect(deep.body.data ?? null).toBeNull();
    expect(messages(deep.body)).toMatch(/Query depth limit of 4 exceeded, found 5/);
    const viaFragment = await g.query(
      '{ caseload(first: 1) { ...a } } fragment a on Beneficiary { measures { beneficiary { measures { id } } } }',
    );
    expect(messages(viaFragment.body)).toMatch(/Query depth limit of 4 exceeded/);
  });

  it('counts aliases of __typename toward ARMOR_MAX_ALIASES like any other', async () => {
    const g = await gatewayWith({ ARMOR_MAX_ALIASES: '2' });
    expect((await g.query('{ a: __typename b: __typename caseload(first: 1) { id } }')).body.errors).toBeUndefined();
    const many = await g.query('{ a: __typename b: __typename c: __typename caseload(first: 1) { t: __typename } }');
    expect(many.body.data ?? null).toBeNull();
    expect(messages(many.body)).toMatch(/Aliases limit of 2 exceeded, found 4/);
  });

  it('refuses more aliases than ARMOR_MAX_ALIASES', async () => {
    const g = await gatewayWith({ ARMOR_MAX_ALIASES: '2' });
    expect(
      (await g.query('{ a: caseload(first: 1) { id } b: caseload(first: 1) { id } }')).body.errors,
    ).toBeUndefined();
    const many = await g.query(
      '{ a: caseload(first: 1) { id } b: caseload(first: 1) { id } c: caseload(first: 1) { id } }',
    );
    expect(many.body.data ?? null).toBeNull();
    expect(messages(many.body)).toMatch(/Aliases limit of 2 exceeded, found 3/);
  });

  it('answers a depth, alias, directive or cost refusal as a validation error with its code, like an unknown field', async () => {
    const fields = 'id lastName firstName birthDate address phone territory';
    const refused: Array<[Record<string, string>, string, string]> = [
      [
        { ARMOR_MAX_DEPTH: '4' },
        '{ caseload(first: 1) { measures { beneficiary { measures { id } } } } }',
        'Syntax Error: Query depth limit of 4 exceeded, found 5.',
      ],
      [
        { ARMOR_MAX_ALIASES: '2' },
        '{ a: caseload(first: 1) { id } b: caseload(first: 1) { id } c: caseload(first: 1) { id } }',
        'Syntax Error: Aliases limit of 2 exceeded, found 3.',
      ],
      [
        { ARMOR_MAX_DIRECTIVES: '2' },
        '{ caseload(first: 1) { id @include(if: true) territory @include(if: true) measures @skip(if: false) { id } } }',
        'Syntax Error: Directives limit of 2 exceeded, found 3.',
      ],
      [
        { ARMOR_MAX_COST: '100' },
        `{ caseload(first: 1) { ${fields} measures { id status beneficiary { ${fields} measures { id status beneficiary { ${fields} } } } } } }`,
        'Syntax Error: Query Cost limit of 100 exceeded, found',
      ],
    ];
    for (const [env, query, message] of refused) {
      const g = await gatewayWith(env);
      const json = await g.post({ query });
      expect(json.status).toBe(200); // application/json: a request error still answers 200, as for an unknown field
      expect(json.body.data).toBeUndefined();
      expect(json.body.errors).toEqual([
        { message: expect.stringContaining(message), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      ]);
      // GraphQL over HTTP: a document that fails validation is a 400 to a client accepting
      // application/graphql-response+json
      const spec = await g.post({ query }, { accept: 'application/graphql-response+json' });
      expect(spec.status).toBe(400);
      expect(spec.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    const unknownField = await (
      await gatewayWith({})
    ).post({ query: '{ caseload(first: 1) { lastNam } }' }, { accept: 'application/graphql-response+json' });
    expect([unknownField.status, unknownField.body.errors[0].extensions.code]).toEqual([
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });

  it('refuses more tokens than ARMOR_MAX_TOKENS', async () => {
    const g = await gatewayWith({ ARMOR_MAX_TOKENS: '100' });
    const q = `{ caseload(first: 1) { ${Array.from({ length: 120 }, () => 'id').join(' ')} } }`;
    const { body } = await g.query(q);
    expect(body.data ?? null).toBeNull();
    expect(messages(body)).toMatch(/Token limit of 100 exceeded/);
  });

  it('refuses a query costing more than ARMOR_MAX_COST', async () => {
    const g = await gatewayWith({ ARMOR_MAX_COST: '100' });
    expect((await g.query('{ caseload(first: 1) { id } }')).body.errors).toBeUndefined();
    const fields = 'id lastName firstName birthDate address phone territory';
    const { body } = await g.query(
      `{ caseload(first: 1) { ${fields} measures { id status level beneficiary { ${fields} measures { id status level beneficiary { ${fields} measures { id status level } } } } } } }`,
    );
    expect(body.data ?? null).toBeNull();
    expect(messages(body)).toMatch(/Query Cost limit of 100 exceeded/);
  });

  it('refuses more directives than ARMOR_MAX_DIRECTIVES', async () => {
    const g = await gatewayWith({ ARMOR_MAX_DIRECTIVES: '2' });
    const { body } = await g.query(
      '{ caseload(first: 1) { id @include(if: true) @include(if: true) @skip(if: false) } }',
    );
    expect(messages(body)).toMatch(/Directives limit of 2 exceeded, found 3/);
  });

  it('rejects a malformed limit at start-up, naming the variable', () => {
    expect(() => readGatewayConfig({ ARMOR_MAX_DEPTH: 'deep' })).toThrow('ARMOR_MAX_DEPTH must be an integer');
    expect(() => readGatewayConfig({ ARMOR_MAX_BATCH: '-1' })).toThrow('ARMOR_MAX_BATCH must be ≥ 0');
  });
});

describe('gateway › hardening › HTTP requests', () => {
  const op = { query: '{ caseload(first: 1) { id } }' };

  it('refuses batched requests by default', async () => {
    const { status, body } = await (await gatewayWith({})).post([op, op]);
    expect(status).toBe(400);
    expect(messages(body)).toMatch(/[Bb]atching is not supported/);
  });

  it('serves up to ARMOR_MAX_BATCH operations per batch and refuses more', async () => {
    const g = await gatewayWith({ ARMOR_MAX_BATCH: '2' });
    const ok = await g.post([op, op]);
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(2);
    expect(ok.body[0].data.caseload).toHaveLength(1);
    const tooMany = await g.post([op, op, op]);
    expect(tooMany.status).toBe(413);
    expect(messages(tooMany.body)).toMatch(/Batching is limited to 2 operations per request/);
  });

  it('refuses a body over ARMOR_MAX_BODY_BYTES with 413, whether its length is declared or not', async () => {
    const g = await gatewayWith({ ARMOR_MAX_BODY_BYTES: '2000' });
    const padded = JSON.stringify({ query: `{ caseload(first: 1) { id } } # ${'x'.repeat(3000)}` });
    const undeclared = await g.post(padded);
    expect(undeclared.status).toBe(413);
    expect(undeclared.body.errors[0].extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
    const declared = await g.post(padded, { 'content-length': String(Buffer.byteLength(padded)) });
    expect(declared.status).toBe(413);
    const small = await g.post(op);
    expect(small.status).toBe(200);
  });

  it('accepts only JSON bodies', async () => {
    const g = await gatewayWith({});
    const form = await g.post('query=%7B+caseload+%7B+id+%7D+%7D', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const bad = await g.post('{ not json');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.code).toBe('BAD_REQUEST');
  });
});

describe('gateway › hardening › errors are masked outside development', () => {
  const unreachable = { bailleur: 'http://127.0.0.1:9/graphql' };
  const q = '{ myLeases(first: 1) { id } }';
  const leaks = /127\.0\.0\.1|ECONNREFUSED|fetch failed|\/work\/|node_modules|at .+\(.+:\d+:\d+\)|SELECT|stack/i;

  it.each([
    ['production', production('{ myLeases(first: 1) { id } }')],
    ['test', {}],
  ])('in %s: no stack, address, SQL or internal path in the answer', async (_label, env) => {
    const g = await gatewayWith(env, unreachable);
    const landlordToken = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
    const res = await g.post({ query: q }, { authorization: `Bearer ${landlordToken}` });
    expect(res.body.errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(leaks);
    // The outage is named (which service, retryable), never its address or the signed request
    // (gateway/upstream-faults.ts).
    expect(res.body.errors[0].extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      serviceName: 'bailleur',
      retryable: true,
    });
  });

  it('in development too, an outage never shows the upstream address or the signed request', async () => {
    const g = await gatewayWith({ NODE_ENV: 'development' }, unreachable);
    const landlordToken = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
    const res = await g.post({ query: q }, { authorization: `Bearer ${landlordToken}` });
    expect(res.body.errors[0].extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(JSON.stringify(res.body)).not.toMatch(/masp-signature|masp-registry-grant/);
  });
});

describe('gateway › hardening › trusted documents (gateway/trusted-documents)', () => {
  const registered = 'query RegisteredLeases { myLeases(first: 1) { id } }';
  const unregistered = 'query Other { myLeases(first: 2) { id rentCents } }';
  /** Subgraph requests while `run` runs: a refused document must reach none. */
  async function subgraphCalls(run: () => Promise<unknown>): Promise<number> {
    let calls = 0;
    const count = () => (calls += 1);
    for (const s of Object.values(hub.subgraphs)) s.server.events.on('request', count);
    try {
      await run();
    } finally {
      for (const s of Object.values(hub.subgraphs)) s.server.events.off('request', count);
    }
    return calls;
  }
  const landlord = () => hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);

  it('in production: runs a registered document by id or by its exact text, and nothing else (400 PERSISTED_QUERY_ONLY)', async () => {
    const g = await gatewayWith(production(registered));
    const auth = { authorization: `Bearer ${await landlord()}` };
    const byText = await g.post({ query: registered }, auth);
    expect(byText.status).toBe(200);
    expect(byText.body.data.myLeases).toHaveLength(1);
    const byId = await g.post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(registered) } } }, auth);
    expect(byId.body).toEqual(byText.body);
    const byDocumentId = await g.post({ documentId: `sha256:${sha256(registered)}` }, auth);
    expect(byDocumentId.body).toEqual(byText.body);

    let refused: Awaited<ReturnType<typeof g.post>> | undefined;
    expect(await subgraphCalls(async () => (refused = await g.post({ query: unregistered }, auth)))).toBe(0);
    expect(refused!.status).toBe(400);
    expect(refused!.body.data ?? null).toBeNull();
    expect(refused!.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Document non enregistré.* \/ Unregistered document: in production only/),
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      }),
    ]);
    // the registered text with a single character changed is another document
    expect((await g.post({ query: `${registered} ` }, auth)).body.errors[0].extensions.code).toBe(
      'PERSISTED_QUERY_ONLY',
    );
  });

  it('in production: an unknown id is 404 PERSISTED_QUERY_NOT_FOUND, and a caller cannot register one (no APQ)', async () => {
    const g = await gatewayWith(production(registered));
    const auth = { authorization: `Bearer ${await landlord()}` };
    const hash = sha256(unregistered);
    const apq = { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } };
    const unknown = await g.post(apq, auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    // Apollo's APQ registration (hash + text) is refused, and the hash stays unknown
    const store = await g.post({ query: unregistered, ...apq }, auth);
    expect(store.status).toBe(400);
    expect(store.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    expect((await g.post(apq, auth)).status).toBe(404);
    // a registered text sent with another document's hash is not run either
    const lying = await g.post({ query: registered, ...apq }, auth);
    expect(lying.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('in production: every operation of a batch must be registered', async () => {
    const g = await gatewayWith({ ...production(registered), ARMOR_MAX_BATCH: '5' });
    const auth = { authorization: `Bearer ${await landlord()}` };
    const res = await g.post([{ query: registered }, { query: unregistered }], auth);
    expect(res.body[0].data.myLeases).toHaveLength(1);
    expect(res.body[1].errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
  });

  it('in development and tests: any document runs', async () => {
    const g = await gatewayWith({ TRUSTED_DOCUMENTS_DIR: trustedDocumentsDir([registered]) });
    const res = await g.post({ query: unregistered }, { authorization: `Bearer ${await landlord()}` });
    expect(res.status).toBe(200);
    expect(res.body.data.myLeases).toHaveLength(2);
  });

  it('refuses to start on a manifest whose hash does not match its document, naming the variable', () => {
    const dir = trustedDocumentsDir([registered]);
    const manifest = join(dir, 'test-client', 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ [sha256(unregistered)]: registered }));
    expect(() => loadTrustedDocuments(dir)).toThrow(
      /^configuration: TRUSTED_DOCUMENTS_DIR test-client\/manifest\.json/,
    );
  });
});

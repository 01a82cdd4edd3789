import { createHash } from 'node:crypto';
import { serverAudits } from 'graphql-http';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { startTestHub, TestHub } from '../helpers/hub';

let hub: TestHub;
let token: string;
beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
});
afterAll(async () => {
  await hub?.stop();
});

/** The gateway's fetch, with a partner's token (every GraphQL request must be authenticated). */
const authedFetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return hub.gateway.fetch(String(input instanceof Request ? input.url : input), { ...init, headers });
};

describe('gateway › GraphQL over HTTP (graphql-http server audits)', () => {
  // Every MUST and SHOULD audit of the GraphQL-over-HTTP specification, as graphql-http checks it.
  const audits = serverAudits({ url: 'http://localhost/graphql', fetchFn: authedFetch }).filter((a) =>
    /^(MUST|SHOULD)/.test(a.name),
  );
  it('has MUST and SHOULD audits to run', () => {
    expect(audits.length).toBeGreaterThan(20);
  });
  it.each(audits.map((a) => [a.name, a] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect({ status: result.status, reason: result.status === 'ok' ? undefined : result.reason }).toEqual({
      status: 'ok',
      reason: undefined,
    });
  });
});

describe('gateway › GET and persisted queries', () => {
  const query = 'query OneLease { myLeases(first: 1) { id } }';
  const hash = createHash('sha256').update(query).digest('hex');
  const get = (params: Record<string, string>) =>
    authedFetch(`http://localhost/graphql?${new URLSearchParams(params)}`, {
      method: 'GET',
      headers: { accept: 'application/graphql-response+json' },
    });

  it('serves a query over GET', async () => {
    const res = await get({ query });
    expect(res.status).toBe(200);
    expect((await res.json()).data.myLeases).toHaveLength(1);
  });

  it('refuses a mutation over GET with 405 and Allow: POST', async () => {
    const res = await get({ query: 'mutation M { __typename }' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toContain('POST');
  });

  it('answers PERSISTED_QUERY_NOT_FOUND for an unknown hash, then serves the hash alone once registered (APQ)', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const unknown = await get({ extensions });
    expect(unknown.status).toBe(200);
    expect((await unknown.json()).errors).toEqual([
      expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }),
    ]);

    const register = await authedFetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: JSON.parse(extensions) }),
    });
    expect(register.status).toBe(200);
    expect((await register.json()).data.myLeases).toHaveLength(1);

    const byHash = await get({ extensions });
    expect(byHash.status).toBe(200);
    const body = await byHash.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.myLeases).toHaveLength(1);
  });

  it('refuses a query whose sha256 is not the hash sent', async () => {
    const res = await authedFetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ myLeases(first: 2) { id } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].extensions.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });

  it('still requires a token for a persisted query', async () => {
    const res = await hub.gateway.fetch(
      `http://localhost/graphql?${new URLSearchParams({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }) })}`,
    );
    expect(res.status).toBe(401);
  });
});

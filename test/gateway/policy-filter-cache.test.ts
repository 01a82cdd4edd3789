import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { startTestHub, TestHub } from '../helpers/hub';
import { hubMetrics } from '../../subgraphs/kit/runtime/metrics';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const referent = DEMO_CALLERS['TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)'];
const pilotage = DEMO_CALLERS['PILOTAGE (département)'];

async function cacheCounts(): Promise<{ hit: number; miss: number }> {
  const text = await hubMetrics().registry.metrics(); // what /metrics serves, on the metrics port
  const value = (outcome: string) =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(`masp_policy_filter_cache_total{outcome="${outcome}"}`))
        ?.split(' ')
        .at(-1) ?? 0,
    );
  return { hit: value('hit'), miss: value('miss') };
}

const forbiddenOf = (body: { errors?: any[] }) =>
  (body.errors ?? [])
    .filter((e) => e.extensions?.code === 'FORBIDDEN')
    .map((e) => ({ path: e.path, domain: e.extensions.domain }));

describe('gateway › the policy filter result is reused for an identical request (plan cache)', () => {
  it('an identical request by a caller with the same scopes reuses the filtered document (hit), with the same FORBIDDEN errors', async () => {
    const query = 'query CacheLeases { myLeases(first: 2) { id reference beneficiary { firstName } } }';
    const landlord = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];
    const first = await hub.query(await hub.token(landlord), query);
    const before = await cacheCounts();
    // Another token of the same role: the key is the scope set, not the token.
    const second = await hub.query(await hub.token({ ...landlord, sub: 'gestion-b1-other' }), query);
    const after = await cacheCounts();
    expect(after.hit - before.hit).toBe(1);
    expect(after.miss - before.miss).toBe(0);
    expect(forbiddenOf(first.body).length).toBeGreaterThan(0);
    expect(forbiddenOf(second.body)).toEqual(forbiddenOf(first.body));
    expect(forbiddenOf(second.body)[0]).toEqual({
      path: ['myLeases', 0, 'beneficiary', 'firstName'],
      domain: 'IDENTITY',
    });
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.data.myLeases[0].beneficiary.firstName).toBeNull();
  });

  it('a caller with other scopes never gets the result filtered for the first caller (allowed first, then refused)', async () => {
    const query = 'query CacheCaseloadA { caseload(first: 3) { id firstName } }';
    const allowed = await hub.query(await hub.token(referent), query);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.caseload[0].firstName).toEqual(expect.any(String));
    const before = await cacheCounts();
    const refused = await hub.query(await hub.token(pilotage), query);
    expect((await cacheCounts()).miss - before.miss).toBe(1);
    expect(forbiddenOf(refused.body).length).toBeGreaterThan(0);
    expect(JSON.stringify(refused.body.data ?? null)).not.toContain(allowed.body.data.caseload[0].firstName);
  });

  it('a caller with other scopes never gets the result filtered for the first caller (refused first, then allowed)', async () => {
    const query = 'query CacheCaseloadB { caseload(first: 3) { id firstName } }';
    const refused = await hub.query(await hub.token(pilotage), query);
    expect(forbiddenOf(refused.body).length).toBeGreaterThan(0);
    const before = await cacheCounts();
    const allowed = await hub.query(await hub.token(referent), query);
    expect((await cacheCounts()).miss - before.miss).toBe(1);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.caseload[0].firstName).toEqual(expect.any(String));
  });

  it('a field skipped by a variable is judged again when the variable changes (the key holds @skip/@include values)', async () => {
    const landlord = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];
    const query =
      'query CacheSkip($hide: Boolean!) { myLeases(first: 1) { id beneficiary { id firstName @skip(if: $hide) } } }';
    const token = await hub.token(landlord);
    const hidden = await hub.query(token, query, { hide: true });
    expect(hidden.body.errors).toBeUndefined();
    const shown = await hub.query(token, query, { hide: false });
    expect(forbiddenOf(shown.body)[0]).toEqual({
      path: ['myLeases', 0, 'beneficiary', 'firstName'],
      domain: 'IDENTITY',
    });
  });
});

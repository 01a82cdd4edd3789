import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { DevKeys } from '../../gateway/auth/dev-keys';
import { mintDevToken } from '../../gateway/auth/mint-token';
import { loadTrustedDocuments, sha256, trustedDocument } from '../../gateway/persisted-documents';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { Role } from '../../schema/policy';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startProductionTestHub, TestHub } from '../helpers/hub';

/**
 * The journeys as a production gateway runs them (NODE_ENV=production, token keys from JWT_PUBLIC_KEY, its own signing
 * keys from GATEWAY_SIGNING_KEYS, both required in production): the documents of
 * gateway/trusted-documents (samples, journeys) run by id or by text; any other document is refused before planning.
 */
let hub: TestHub;
let keys: DevKeys;
beforeAll(async () => {
  ({ hub, keys } = await startProductionTestHub());
});
afterAll(async () => {
  await hub?.stop();
});

const CALLER_OF: Partial<Record<Role, string>> = {
  [Role.DELEGUE]: 'DELEGUE (association A)',
  [Role.GESTIONNAIRE_LOCATIF]: 'GESTIONNAIRE_LOCATIF (bailleur 1)',
  [Role.TRAVAILLEUR_SOCIAL]: 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
  [Role.MJPM]: 'MJPM (service mandataire)',
};
const tokenOf = (label: string) => mintDevToken(keys, DEMO_CALLERS[label]);

async function post(token: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await hub.gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}
const byId = (query: string, variables?: Record<string, unknown>) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } },
  variables,
});

/** Subgraph requests while `run` runs. */
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

describe('e2e › journeys in production (trusted documents only)', () => {
  it('every sample query is a registered document of the samples client', () => {
    const registry = loadTrustedDocuments();
    for (const sample of Object.values(SAMPLE_QUERIES))
      expect(registry.byHash.get(sha256(sample.query))?.client).toBe('samples');
  });

  it.each(Object.entries(SAMPLE_QUERIES))('journey %s runs by id and by text, with the same answer', async (_, s) => {
    const token = await tokenOf(CALLER_OF[s.role]!);
    const viaId = await post(token, byId(s.query, s.variables));
    expect(viaId.status).toBe(200);
    expect(viaId.body.errors).toBeUndefined();
    expect(JSON.stringify(viaId.body.data).length).toBeGreaterThan(100);
    const viaText = await post(token, { query: s.query, variables: s.variables });
    expect(viaText.body).toEqual(viaId.body);
  });

  it("association B reaches none of association A's persons (journeys' document, by id)", async () => {
    const aFile = hub.plan.delegations.find((d) => d.associationOrgId === DEMO_ORGS.associationA)!;
    const { body } = await post(
      await tokenOf('DELEGUE (association B)'),
      byId(trustedDocument('journeys', 'BeneficiaryById'), { id: aFile.beneficiaryId }),
    );
    expect(body.data.beneficiary).toBeNull();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('a landlord gets its leases, identity FORBIDDEN at its path (journeys’ document, by text)', async () => {
    const { body } = await post(await tokenOf('GESTIONNAIRE_LOCATIF (bailleur 1)'), {
      query: trustedDocument('journeys', 'LandlordLeasesAndDenials'),
    });
    expect(body.data.myLeases).toHaveLength(3);
    expect(body.errors.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
  });

  it('refuses an unregistered query before any subgraph call: 400 PERSISTED_QUERY_ONLY', async () => {
    const token = await tokenOf('ENCADRANT (département, territoire MDD-ORLEANS)');
    // the development journey's variant (first: 100) is not registered
    const query = SAMPLE_QUERIES.departmentCaseload.query.replace('first: 5', 'first: 100');
    let res: { status: number; body: any } | undefined;
    expect(await subgraphCalls(async () => (res = await post(token, { query })))).toBe(0);
    expect(res!.status).toBe(400);
    expect(res!.body.data ?? null).toBeNull();
    expect(res!.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('Unregistered document'),
        extensions: { code: 'PERSISTED_QUERY_ONLY' },
      }),
    ]);
  });

  it('refuses an unregistered mutation: nothing reaches the subgraphs, nothing is written', async () => {
    const token = await tokenOf('DELEGUE (association A)');
    const file = hub.plan.delegations.find((d) => d.associationOrgId === DEMO_ORGS.associationA)!;
    const mutation = `mutation { postDelegatedOperation(input: { fileId: "${file.id}", kind: RECEIPT, amountCents: 100, operatedOn: "2026-01-05", label: "unregistered" }) { id } }`;
    const countRows = async () =>
      (
        await hub.subgraphs.association.dataSource.query(
          `SELECT count(*)::int AS n FROM association.delegated_operation WHERE label = 'unregistered'`,
        )
      )[0].n as number;
    let res: { status: number; body: any } | undefined;
    expect(await subgraphCalls(async () => (res = await post(token, { query: mutation })))).toBe(0);
    expect(res!.status).toBe(400);
    expect(res!.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_ONLY');
    expect(await countRows()).toBe(0);
  });

  it('an unknown document id is 404 PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await post(await tokenOf('MJPM (service mandataire)'), byId('query Nope { __typename }'));
    expect(res.status).toBe(404);
    expect(res.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

import { SAMPLE_QUERIES } from '../../../gateway/sample-queries';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startIsolatedTestHub, TestHub } from '../../helpers/hub';
import { caller, DELEGUE_A } from './helpers';

// Its own database: the journey reads association A's demo files as seeded, which other test files' writes and the
// hubs' scheduled jobs (ends at term, MAJ ending a MASP) may change on the run's shared database.
let hub: TestHub & { dispose(): Promise<void> };
beforeAll(async () => {
  hub = await startIsolatedTestHub('association_journey');
}, 120_000);
afterAll(async () => {
  await hub?.dispose();
});

describe('association › journey 1: an association queries its delegated files', () => {
  it('gets, in one query, identity and contract (department), budget, ledger and bilans (association), lease and payments (bailleur)', async () => {
    const { status, body } = await hub.query(
      await hub.token(caller(DELEGUE_A)),
      SAMPLE_QUERIES.associationFiles.query.replace('first: 5', 'first: 20'),
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const files = body.data.myDelegatedFiles;
    expect(files).toHaveLength(20);
    const planned = new Map(hub.plan.delegations.map((d) => [d.id, d]));
    for (const f of files) {
      const d = planned.get(f.id)!;
      expect(d.associationOrgId).toBe(DEMO_ORGS.associationA);
      expect(f.measure).toMatchObject({ level: 'MASP_2', status: 'ACTIVE', startsOn: d.startsOn });
      expect(typeof f.measure.beneficiary.lastName).toBe('string');
      expect(f.measure.beneficiary.leases[0].payments.length).toBeGreaterThan(0);
      // The seeded benefits add up to the file's monthly resources, and are all managed.
      expect(f.benefits.reduce((s: number, b: any) => s + b.monthlyAmountCents, 0)).toBe(d.monthlyResourcesCents);
      expect(f.benefits.every((b: any) => f.managedBenefits.includes(b.kind))).toBe(true);
      // Rent and charges first (CASF L271-2).
      const p = f.budgetPlan;
      expect(p.rentAndChargesCents).toBe(Math.min(d.rentAndChargesCents, p.resourcesCents - p.careCents));
      expect(p.resteAVivreCents).toBe(p.resourcesCents - p.rentAndChargesCents - p.careCents - p.otherChargesCents);
      expect(f.bilans[0]).toMatchObject({ kind: 'PROGRESS', summary: expect.any(String) });
      if (f.operations.length) expect(f.account.balanceCents).toBe(f.operations[0].balanceAfterCents);
    }
    expect(files.some((f: any) => f.operations.length > 0)).toBe(true);
  });

  it('answers FORBIDDEN at the paths of data the délégataire may not see, the rest intact', async () => {
    const { status, body } = await hub.query(
      await hub.token(caller(DELEGUE_A)),
      `{ myDelegatedFiles(first: 3) {
      id budgetPlan { resteAVivreCents } bilans { summary }
      measure { level beneficiary { lastName judicialMeasures { court } } }
    } }`,
    );
    expect(status).toBe(200);
    expect(body.data.myDelegatedFiles).toHaveLength(3);
    for (const f of body.data.myDelegatedFiles) {
      expect(typeof f.budgetPlan.resteAVivreCents).toBe('number');
      expect(typeof f.bilans[0].summary).toBe('string');
      expect(typeof f.measure.beneficiary.lastName).toBe('string');
      expect(f.measure.beneficiary.judicialMeasures).toBeNull();
    }
    // one refusal per file, at its path
    expect(
      body.errors.map((e: any) => ({ path: e.path, code: e.extensions.code, domain: e.extensions.domain })),
    ).toEqual(
      [0, 1, 2].map((i) => ({
        path: ['myDelegatedFiles', i, 'measure', 'beneficiary', 'judicialMeasures'],
        code: 'FORBIDDEN',
        domain: 'JUDICIAL',
      })),
    );
  });

  it("a landlord sees none of the délégataire's money or bilans", async () => {
    const { body } = await hub.query(
      await hub.token(caller('GESTIONNAIRE_LOCATIF (bailleur 1)')),
      `{ myLeases(first: 1) { id beneficiary { id } } }`,
    );
    const leaseId = body.data.myLeases[0].id;
    expect(leaseId).toEqual(expect.any(String));
    const { body: files } = await hub.query(
      await hub.token(caller('GESTIONNAIRE_LOCATIF (bailleur 1)')),
      `{ myDelegatedFiles(first: 5) { id budgetPlan { resteAVivreCents } bilans { summary } benefits { kind } } }`,
    );
    expect(files.data.myDelegatedFiles).toEqual([]);
    expect(files.errors.map((e: any) => e.extensions.domain).sort()).toEqual(['BENEFITS', 'BUDGET', 'SOCIAL_SUMMARY']);
  });
});

describe('association › N+1 free', () => {
  it('costs the association subgraph the same SQL statements for 2 files as for 40', async () => {
    const token = await hub.token(caller(DELEGUE_A));
    const count = async (n: number) => {
      let statements = 0;
      const listener = (r: { statements: number }) => {
        statements += r.statements;
      };
      hub.subgraphs.association.server.events.on('request', listener);
      const { body } = await hub.query(token, SAMPLE_QUERIES.associationFiles.query.replace('first: 5', `first: ${n}`));
      hub.subgraphs.association.server.events.off('request', listener);
      // A file whose delegation another test file ended keeps its own data; the département's measure is then null,
      // with its FORBIDDEN there (DelegatedFile.measure). Nothing else may fail.
      for (const e of body.errors ?? []) {
        expect({ code: e.extensions.code, at: e.path.slice(0, 1).concat(e.path.slice(2)) }).toEqual({
          code: 'FORBIDDEN',
          at: ['myDelegatedFiles', 'measure'],
        });
        expect(body.data.myDelegatedFiles[e.path[1]].measure).toBeNull();
      }
      expect(body.data.myDelegatedFiles).toHaveLength(n);
      return statements;
    };
    const small = await count(2);
    expect(small).toBeGreaterThan(0);
    expect(await count(40)).toBe(small);
  });
});

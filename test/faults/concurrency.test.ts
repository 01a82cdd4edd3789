import { randomUUID } from 'node:crypto';
import { DEMO_CALLERS } from '../../gateway/dev-tokens';
import { Domain, OrgKind, Role } from '../../schema/policy';
import { recordWrite } from '../../subgraphs/kit/audit';
import type { SubgraphContext } from '../../subgraphs/kit/context.type';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';
import { inParallel, sqlValue, sqlViolations, SqlInvariant } from './concurrency';
import { askGateway } from './helpers/fault-hub';
import { Figures } from './helpers/report';

/**
 * Issue 9 — concurrency on what exists now, with the reusable helpers of concurrency.ts: many parallel requests from
 * different callers through the gateway (no caller's rows leak into another's answer, answers equal the sequential
 * ones), and racing writes on the database's invariants (one winner on a UNIQUE key, no lost update under
 * SELECT … FOR UPDATE, no access-log record without its write). To extend after the merge: confirmRentPayment and
 * the ledgers go in RACES as mutations through the gateway.
 */
const figures = new Figures('concurrency');
let hub: TestHub;
let url: string;
beforeAll(async () => {
  hub = await startTestHub();
  url = process.env.TEST_DATABASE_URL!;
});
afterAll(async () => {
  figures.flush();
  await hub?.stop();
});

/** Invariants that hold for the whole database at any time, checked after every race. */
const GLOBAL_INVARIANTS: SqlInvariant[] = [
  { name: 'one rent payment per lease and month', sql: 'SELECT lease_id, month, count(*) FROM bailleur.rent_payment GROUP BY 1, 2 HAVING count(*) > 1' },
  { name: 'no negative amounts', sql: 'SELECT id FROM bailleur.rent_payment WHERE expected_cents < 0 OR received_cents < 0' },
  { name: 'one delegated file per measure', sql: 'SELECT measure_id FROM association.delegated_file GROUP BY 1 HAVING count(*) > 1' },
  { name: 'every WRITE record of the bailleur log has its payment (no record of a rolled-back write)', sql: `SELECT l.request_id FROM bailleur.access_log l WHERE l.action = 'WRITE' AND l.detail = 'faultsRace' AND NOT EXISTS (SELECT 1 FROM bailleur.rent_payment p WHERE p.id::text = l.request_id)` },
];

const writerCtx = (requestId: string): SubgraphContext =>
  ({ caller: { sub: 'faults-race', orgId: DEMO_ORGS.bailleurs[0], orgKind: OrgKind.BAILLEUR, roles: [Role.GESTIONNAIRE_LOCATIF] }, requestId, operationName: 'faultsRace' }) as unknown as SubgraphContext;

describe('faults › concurrency', () => {
  it('100 parallel reads by 6 callers across the four subgraphs: all served, each sees only its own rows, same as sequential', async () => {
    const callers = ['ENCADRANT (département, territoire NORD)', 'DELEGUE (association A)', 'DELEGUE (association B)', 'GESTIONNAIRE_LOCATIF (bailleur 1)', 'MJPM (service mandataire)', 'TRAVAILLEUR_SOCIAL (département, référent NORD)'];
    const QUERIES: Record<string, string> = {
      'ENCADRANT (département, territoire NORD)': '{ caseload(first: 20) { id territory measures { id delegatedFile { id associationOrgId } } leases { id landlordOrgId } judicialMeasures { id } } }',
      'TRAVAILLEUR_SOCIAL (département, référent NORD)': '{ caseload(first: 20) { id territory measures { id } } }',
      'DELEGUE (association A)': '{ myDelegatedFiles(first: 20) { id associationOrgId measure { id beneficiary { id leases { id } } } } }',
      'DELEGUE (association B)': '{ myDelegatedFiles(first: 20) { id associationOrgId measure { id beneficiary { id leases { id } } } } }',
      'GESTIONNAIRE_LOCATIF (bailleur 1)': '{ myLeases(first: 20) { id landlordOrgId beneficiary { id } payments(last: 2) { month status } } }',
      'MJPM (service mandataire)': '{ myJudicialMeasures(first: 20) { id mandataireOrgId beneficiary { id } } }',
    };
    const tokens = Object.fromEntries(await Promise.all(callers.map(async (c) => [c, await hub.token(DEMO_CALLERS[c])] as const)));
    const sequential: Record<string, string> = {};
    for (const c of callers) sequential[c] = JSON.stringify((await askGateway(hub.gateway, tokens[c], QUERIES[c])).body);
    const run = await inParallel(100, (i) => ({ gateway: hub.gateway, token: tokens[callers[i % callers.length]], query: QUERIES[callers[i % callers.length]] }));
    figures.add('parallelReads', 100);
    figures.set('parallelReadsMs', run.ms);
    expect(run.byCode).toEqual({ served: 100 });
    run.results.forEach((r, i) => {
      const caller = callers[i % callers.length];
      expect(JSON.stringify((r as { body: unknown }).body)).toBe(sequential[caller]); // no leak, no mix-up between concurrent callers
    });
    const filesA = JSON.parse(sequential['DELEGUE (association A)']).data.myDelegatedFiles;
    expect(filesA.length).toBeGreaterThan(0);
    expect(filesA.every((f: any) => f.associationOrgId === DEMO_ORGS.associationA)).toBe(true);
  });

  interface Race {
    name: string;
    /** Racing writers. */
    n: number;
    /** Runs `n` racing writes; returns how many succeeded. */
    race(n: number): Promise<{ succeeded: number; failures: unknown[] }>;
    /** SQL of the race's own outcome: returns rows when wrong. */
    invariants: SqlInvariant[];
    /** How many must succeed. */
    winners(n: number): number;
  }

  const lease = () => hub.plan.leases.find((l) => l.landlordOrgId === DEMO_ORGS.bailleurs[0])!;
  const RACES: Race[] = [
    {
      name: 'the same rent payment recorded 12 times at once (UNIQUE lease+month): one winner, one access-log record',
      n: 12,
      winners: () => 1,
      async race(n) {
        const ds = hub.subgraphs.bailleur.dataSource;
        const run = await inParallel(n, () => async () => {
          const id = randomUUID();
          await ds.transaction(async (tx) => {
            await tx.query(`INSERT INTO bailleur.rent_payment (id, lease_id, beneficiary_id, month, expected_cents, received_cents, received_on, status) VALUES ($1, $2, $3, '2099-01', 50000, 50000, '2099-01-05', 'CONFIRMED')`, [id, lease().id, lease().beneficiaryId]);
            await recordWrite(tx, 'bailleur', writerCtx(id), lease().beneficiaryId, 'faultsRace', [Domain.TENANCY]);
          });
          return 'ok';
        });
        return { succeeded: run.results.filter((r) => r === 'ok').length, failures: run.results.filter((r) => r !== 'ok').map((r) => (r as { thrown: { code?: string } }).thrown) };
      },
      invariants: [{ name: 'exactly one 2099-01 payment on the lease', sql: `SELECT count(*) FROM bailleur.rent_payment WHERE month = '2099-01' HAVING count(*) <> 1` }],
    },
    {
      name: '20 concurrent partial receipts on one payment (SELECT … FOR UPDATE): no lost update',
      n: 20,
      winners: (n) => n,
      async race(n) {
        const ds = hub.subgraphs.bailleur.dataSource;
        await ds.query(`INSERT INTO bailleur.rent_payment (lease_id, beneficiary_id, month, expected_cents, received_cents, status) VALUES ($1, $2, '2099-02', 100000, 0, 'MISSING')`, [lease().id, lease().beneficiaryId]);
        const run = await inParallel(n, () => async () => {
          await ds.transaction(async (tx) => {
            const [row] = await tx.query(`SELECT id, received_cents FROM bailleur.rent_payment WHERE lease_id = $1 AND month = '2099-02' FOR UPDATE`, [lease().id]);
            await tx.query('SELECT pg_sleep(0.005)'); // widen the read-modify-write window
            await tx.query("UPDATE bailleur.rent_payment SET received_cents = $2, received_on = '2099-02-05', status = 'PARTIAL' WHERE id = $1", [row.id, row.received_cents + 100]);
          });
          return 'ok';
        });
        return { succeeded: run.results.filter((r) => r === 'ok').length, failures: run.results.filter((r) => r !== 'ok') };
      },
      invariants: [{ name: 'received = n × 100 cents', sql: `SELECT received_cents FROM bailleur.rent_payment WHERE month = '2099-02' AND received_cents <> 2000` }],
    },
  ];

  it.each(RACES.map((r) => [r.name, r] as const))('%s', async (_name, race) => {
    const n = race.n;
    const { succeeded, failures } = await race.race(n);
    figures.add('racingWrites', n);
    figures.tally('raceWinners', `${RACES.indexOf(race) + 1} of ${n}`, succeeded);
    expect(succeeded).toBe(race.winners(n));
    // the losers failed on the constraint (23505 unique_violation), not on anything else
    for (const f of failures) expect((f as { code?: string }).code).toBe('23505');
    expect(await sqlViolations(url, [...race.invariants, ...GLOBAL_INVARIANTS])).toEqual([]);
    figures.add('sqlInvariantsChecked', race.invariants.length + GLOBAL_INVARIANTS.length);
  });

  afterAll(async () => {
    const removed = await sqlValue(url, `WITH d AS (DELETE FROM bailleur.rent_payment WHERE month LIKE '2099-%' RETURNING 1) SELECT count(*)::int FROM d`);
    figures.set('rowsCleanedUp', removed);
  });
});

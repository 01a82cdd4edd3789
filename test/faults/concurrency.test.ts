import { randomUUID } from 'node:crypto';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { createHubGateway } from '../../gateway/gateway';
import { Domain, OrgKind, Role } from '../../schema/policy';
import { recordWrite } from '../../subgraphs/kit/access-log/audit';
import { PostgresReplayStore } from '../../subgraphs/kit/access/replay-store';
import type { SubgraphContext } from '../../subgraphs/kit/server/context.type';
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
  {
    name: 'one rent payment per lease and month',
    sql: 'SELECT lease_id, month, count(*) FROM bailleur.rent_payment GROUP BY 1, 2 HAVING count(*) > 1',
  },
  {
    name: 'no negative amounts',
    sql: 'SELECT id FROM bailleur.rent_payment WHERE expected_cents < 0 OR received_cents < 0',
  },
  {
    name: 'one delegated file per measure',
    sql: 'SELECT measure_id FROM association.delegated_file GROUP BY 1 HAVING count(*) > 1',
  },
  {
    name: 'every WRITE record of the bailleur log has its payment (no record of a rolled-back write)',
    sql: `SELECT l.request_id FROM bailleur.access_log l WHERE l.action = 'WRITE' AND l.detail = 'faultsRace' AND NOT EXISTS (SELECT 1 FROM bailleur.rent_payment p WHERE p.id::text = l.request_id)`,
  },
];

const writerCtx = (requestId: string): SubgraphContext =>
  ({
    caller: {
      sub: 'faults-race',
      orgId: DEMO_ORGS.bailleurs[0],
      orgKind: OrgKind.BAILLEUR,
      roles: [Role.GESTIONNAIRE_LOCATIF],
    },
    requestId,
    operationName: 'faultsRace',
  }) as unknown as SubgraphContext;

describe('faults › concurrency', () => {
  it('100 parallel reads by 6 callers across the four subgraphs: all served, each sees only its own rows, same as sequential', async () => {
    const callers = [
      'ENCADRANT (département, territoire MDD-ORLEANS)',
      'DELEGUE (association A)',
      'DELEGUE (association B)',
      'GESTIONNAIRE_LOCATIF (bailleur 1)',
      'MJPM (service mandataire)',
      'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
    ];
    const QUERIES: Record<string, string> = {
      'ENCADRANT (département, territoire MDD-ORLEANS)':
        '{ caseload(first: 20) { id territory measures { id delegatedFile { id associationOrgId } } leases { id landlordOrgId } judicialMeasures { id } } }',
      'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)':
        '{ caseload(first: 20) { id territory measures { id } } }',
      'DELEGUE (association A)':
        '{ myDelegatedFiles(first: 20) { id associationOrgId measure { id beneficiary { id leases { id } } } } }',
      'DELEGUE (association B)':
        '{ myDelegatedFiles(first: 20) { id associationOrgId measure { id beneficiary { id leases { id } } } } }',
      'GESTIONNAIRE_LOCATIF (bailleur 1)':
        '{ myLeases(first: 20) { id landlordOrgId beneficiary { id } payments(last: 2) { month status } } }',
      'MJPM (service mandataire)': '{ myJudicialMeasures(first: 20) { id mandataireOrgId beneficiary { id } } }',
    };
    const tokens = Object.fromEntries(
      await Promise.all(callers.map(async (c) => [c, await hub.token(DEMO_CALLERS[c])] as const)),
    );
    const sequential: Record<string, string> = {};
    for (const c of callers)
      sequential[c] = JSON.stringify((await askGateway(hub.gateway, tokens[c], QUERIES[c])).body);
    // isolation under concurrency, not latency (subgraph-down.test.ts tests the timeout): a gateway whose upstream
    // timeout a loaded 2-core machine cannot reach with 100 heavy reads at once
    const patient = await createHubGateway({ ...hub.config, upstreamTimeoutMs: 60_000 });
    const run = await inParallel(100, (i) => ({
      gateway: patient,
      token: tokens[callers[i % callers.length]],
      query: QUERIES[callers[i % callers.length]],
    })).finally(() => patient.dispose());
    figures.add('parallelReads', 100);
    figures.set('parallelReadsMs', run.ms);
    expect(run.byCode).toEqual({ served: 100 });
    run.results.forEach((r, i) => {
      const caller = callers[i % callers.length];
      // no leak, no mix-up between concurrent callers
      expect(JSON.stringify((r as { body: unknown }).body)).toBe(sequential[caller]);
    });
    const filesA = JSON.parse(sequential['DELEGUE (association A)']).data.myDelegatedFiles;
    expect(filesA.length).toBeGreaterThan(0);
    expect(filesA.every((f: any) => f.associationOrgId === DEMO_ORGS.associationA)).toBe(true);
  });

  it('one signed subgraph request sent 20 times at once (a captured request replayed in a burst): served once', async () => {
    const body = hub.signed(
      'bailleur',
      DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'],
      '{ myLeases(first: 1) { id } }',
    );
    // released together: the claims of the burst meet in the replay store's batches (kit/access/replay-store.ts)
    const run = await inParallel(20, () => async () => {
      const res = await fetch(hub.subgraphs.bailleur.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { data?: any; errors?: any[] };
      return res.status === 200 && answer.data?.myLeases?.length === 1
        ? 'served'
        : `${res.status} ${answer.errors?.[0]?.extensions?.reason ?? answer.errors?.[0]?.extensions?.code}`;
    });
    figures.add('replayBurst', 20);
    const outcomes: Record<string, number> = {};
    for (const r of run.results) outcomes[String(r)] = (outcomes[String(r)] ?? 0) + 1;
    expect(outcomes).toEqual({ served: 1, '401 replayed': 19 });
  });

  it('the replay store: 20 claims of one jti in one batch, one granted; 20 of distinct jtis, all granted', async () => {
    const store = new PostgresReplayStore(hub.subgraphs.bailleur.dataSource, 'bailleur');
    try {
      const exp = Math.floor(Date.now() / 1000) + 60;
      // two claims take the store's two connections: the next ones wait, and go together in one statement
      const busy = [store.claim(randomUUID(), exp), store.claim(randomUUID(), exp)];
      const jti = randomUUID();
      const same = await Promise.all(Array.from({ length: 20 }, () => store.claim(jti, exp)));
      const distinct = await Promise.all(Array.from({ length: 20 }, () => store.claim(randomUUID(), exp)));
      expect(await Promise.all(busy)).toEqual([true, true]);
      expect(same.filter(Boolean)).toHaveLength(1);
      expect(distinct.every(Boolean)).toBe(true);
      expect(await store.claim(jti, exp)).toBe(false);
    } finally {
      await store.close();
    }
  });

  interface Race {
    name: string;
    /** Racing writers. */
    n: number;
    /**
     * Runs `n` racing writes; returns how many succeeded, and the code of each failure (SQLSTATE or extensions.code).
     */
    race(n: number): Promise<{ succeeded: number; failures: string[] }>;
    /** SQL of the race's own outcome: returns rows when wrong (may use what `race` left in `state`). */
    invariants: SqlInvariant[] | (() => SqlInvariant[]);
    /** How many must succeed. */
    winners(n: number): number;
    /**
     * The only codes a loser may fail with (a constraint, a business refusal naming the rule, a retryable conflict).
     */
    loserCodes: string[];
  }

  /** What the gateway races found and left, for their invariants. */
  const state: Record<string, any> = {};
  const tokenOf = (caller: string) => hub.token(DEMO_CALLERS[caller]);
  const codesOf = (run: { results: unknown[] }) =>
    run.results
      .filter((r: any) => r?.body?.errors?.length || r?.thrown)
      .map((r: any) => String(r.thrown ? 'THROWN' : (r.body.errors[0].extensions?.code ?? 'NO_CODE')));
  const servedOf = (run: { results: unknown[] }) =>
    run.results.filter((r: any) => r?.status === 200 && !r.body?.errors?.length && r.body?.data).length;

  /** Leases of bailleur 1 with a direct-payment order active in one begun month and no payment yet recorded for it. */
  async function unconfirmedMonth(
    limit: number,
  ): Promise<{ month: string; leases: Array<{ leaseId: string; beneficiaryId: string; expected: number }> }> {
    const rows: Array<{ month: string; lease_id: string; beneficiary_id: string; expected: number }> =
      await hub.subgraphs.bailleur.dataSource.query(
        `WITH cand AS (
         SELECT DISTINCT ON (l.id, m.month) l.id AS lease_id, l.beneficiary_id, m.month, o.monthly_amount_cents AS expected
           FROM bailleur.lease l
           JOIN bailleur.direct_payment_order o ON o.lease_id = l.id
           CROSS JOIN LATERAL (SELECT to_char(g, 'YYYY-MM') AS month FROM generate_series(date_trunc('month', o.starts_on), date_trunc('month', LEAST(COALESCE(o.ends_on, current_date), current_date)), interval '1 month') g) m
          WHERE l.landlord_org_id = $1
            AND NOT EXISTS (SELECT 1 FROM bailleur.rent_payment p WHERE p.lease_id = l.id AND p.month = m.month)
          ORDER BY l.id, m.month, o.starts_on DESC)
       SELECT * FROM cand WHERE month = (SELECT month FROM cand GROUP BY month ORDER BY count(*) DESC, month DESC LIMIT 1) ORDER BY lease_id LIMIT $2`,
        [DEMO_ORGS.bailleurs[0], limit],
      );
    if (!rows.length)
      throw new Error('fixture: no lease of bailleur 1 with an unconfirmed month under an active order');
    return {
      month: rows[0].month,
      leases: rows.map((r) => ({ leaseId: r.lease_id, beneficiaryId: r.beneficiary_id, expected: r.expected })),
    };
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
            await tx.query(
              `INSERT INTO bailleur.rent_payment (id, lease_id, beneficiary_id, month, expected_cents, received_cents, received_on, status) VALUES ($1, $2, $3, '2099-01', 50000, 50000, '2099-01-05', 'CONFIRMED')`,
              [id, lease().id, lease().beneficiaryId],
            );
            await recordWrite(tx, 'bailleur', writerCtx(id), lease().beneficiaryId, 'faultsRace', [Domain.TENANCY]);
          });
          return 'ok';
        });
        return {
          succeeded: run.results.filter((r) => r === 'ok').length,
          failures: run.results
            .filter((r) => r !== 'ok')
            .map((r) => String((r as { thrown: { code?: string } }).thrown?.code)),
        };
      },
      loserCodes: ['23505'], // unique_violation: the constraint decides, not the code
      invariants: [
        {
          name: 'exactly one 2099-01 payment on the lease',
          sql: `SELECT count(*) FROM bailleur.rent_payment WHERE month = '2099-01' HAVING count(*) <> 1`,
        },
      ],
    },
    {
      name: '20 concurrent partial receipts on one payment (SELECT … FOR UPDATE): no lost update',
      n: 20,
      winners: (n) => n,
      async race(n) {
        const ds = hub.subgraphs.bailleur.dataSource;
        await ds.query(
          `INSERT INTO bailleur.rent_payment (lease_id, beneficiary_id, month, expected_cents, received_cents, status) VALUES ($1, $2, '2099-02', 100000, 0, 'MISSING')`,
          [lease().id, lease().beneficiaryId],
        );
        const run = await inParallel(n, () => async () => {
          await ds.transaction(async (tx) => {
            const [row] = await tx.query(
              `SELECT id, received_cents FROM bailleur.rent_payment WHERE lease_id = $1 AND month = '2099-02' FOR UPDATE`,
              [lease().id],
            );
            await tx.query('SELECT pg_sleep(0.005)'); // widen the read-modify-write window
            await tx.query(
              "UPDATE bailleur.rent_payment SET received_cents = $2, received_on = '2099-02-05', status = 'PARTIAL' WHERE id = $1",
              [row.id, row.received_cents + 100],
            );
          });
          return 'ok';
        });
        return {
          succeeded: run.results.filter((r) => r === 'ok').length,
          failures: run.results
            .filter((r) => r !== 'ok')
            .map((r) => String((r as { thrown: { code?: string } }).thrown?.code)),
        };
      },
      loserCodes: [],
      invariants: [
        {
          name: 'received = n × 100 cents',
          sql: `SELECT received_cents FROM bailleur.rent_payment WHERE month = '2099-02' AND received_cents <> 2000`,
        },
      ],
    },
    {
      name: 'one evaluation, 8 renewal terms inserted at once on different positions (UNIQUE evaluation): the database keeps one',
      n: 8,
      winners: () => 1,
      loserCodes: ['23505'],
      async race(n) {
        const ds = hub.subgraphs.department.dataSource;
        const [m] = await ds.query(
          `SELECT m.id, m.beneficiary_id FROM department.measure m WHERE m.level IN ('MASP_1', 'MASP_2') ORDER BY m.id LIMIT 1`,
        );
        const [e] = await ds.query(
          `INSERT INTO department.evaluation (beneficiary_id, kind, evaluated_on, author_sub) VALUES ($1, 'RESULTATS', current_date, 'faults-race') RETURNING id`,
          [m.beneficiary_id],
        );
        state.evaluationRace = { evaluation: e.id };
        const run = await inParallel(n, (i) => async () => {
          await ds.query(
            `INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months, evaluation_id, decided_on) VALUES ($1, $2, $3, '2099-01-01', '2099-07-01', 6, $4, current_date)`,
            [m.id, m.beneficiary_id, 100 + i, e.id],
          );
          return 'ok';
        });
        return {
          succeeded: run.results.filter((r) => r === 'ok').length,
          failures: run.results
            .filter((r) => r !== 'ok')
            .map((r) => String((r as { thrown: { code?: string } }).thrown?.code)),
        };
      },
      invariants: () => [
        {
          name: 'one term for the evaluation',
          sql: `SELECT count(*) FROM department.measure_term WHERE evaluation_id = $1 HAVING count(*) <> 1`,
          params: [state.evaluationRace.evaluation],
        },
      ],
    },
    {
      name: 'the mutation confirmRentPayments: 8 clerks confirm the same month of up to 3 leases at once → one payment row per lease, one access-log WRITE each, every answer the same record',
      n: 8,
      winners: (n) => n, // idempotent: every clerk gets the one record
      loserCodes: [],
      async race(n) {
        const { month, leases } = await unconfirmedMonth(3);
        const writesOf = async () =>
          Number(
            (
              await hub.subgraphs.bailleur.dataSource.query(
                `SELECT count(*)::int AS n FROM bailleur.access_log WHERE action = 'WRITE' AND detail LIKE 'confirmRentPayment%' AND beneficiary_id = ANY($1::uuid[])`,
                [leases.map((l) => l.beneficiaryId)],
              )
            )[0].n,
          );
        state.confirm = { month, leases, writesBefore: await writesOf() };
        const token = await tokenOf('GESTIONNAIRE_LOCATIF (bailleur 1)');
        const receivedOn =
          `${month}-05` > new Date().toISOString().slice(0, 10) ? new Date().toISOString().slice(0, 10) : `${month}-05`;
        const items = leases.map((l) => ({ leaseId: l.leaseId, amountReceivedCents: l.expected, receivedOn }));
        const run = await inParallel(n, () => ({
          gateway: hub.gateway,
          token,
          query:
            'mutation($month: Month!, $items: [RentConfirmationItemInput!]!) { confirmRentPayments(month: $month, items: $items) { leaseId ok errorCode payment { id status receivedCents } } }',
          variables: { month, items },
        }));
        const failures = codesOf(run);
        for (const r of run.results as any[]) {
          for (const item of r?.body?.data?.confirmRentPayments ?? [])
            if (!item.ok) failures.push(String(item.errorCode));
        }
        const ids = new Set(
          (run.results as any[]).flatMap((r) =>
            (r?.body?.data?.confirmRentPayments ?? []).map((i: any) => i.payment?.id),
          ),
        );
        state.confirm.distinctPaymentIds = ids.size;
        expect(ids.size).toBe(leases.length); // every clerk was answered with the same record per lease
        // one access-log WRITE per lease, none for the repeats
        expect((await writesOf()) - state.confirm.writesBefore).toBe(leases.length);
        return { succeeded: servedOf(run), failures };
      },
      invariants: () => [
        {
          name: 'one payment per lease for the month',
          sql: `SELECT lease_id, count(*) FROM bailleur.rent_payment WHERE month = $1 AND lease_id = ANY($2::uuid[]) GROUP BY 1 HAVING count(*) <> 1`,
          params: [state.confirm.month, state.confirm.leases.map((l: any) => l.leaseId)],
        },
        {
          name: 'every lease of the batch confirmed',
          sql: `SELECT $3::int - count(*) AS missing FROM bailleur.rent_payment WHERE month = $1 AND lease_id = ANY($2::uuid[]) HAVING count(*) <> $3::int`,
          params: [state.confirm.month, state.confirm.leases.map((l: any) => l.leaseId), state.confirm.leases.length],
        },
        {
          name: 'no correction recorded (same amounts)',
          sql: `SELECT c.id FROM bailleur.rent_payment_correction c JOIN bailleur.rent_payment p ON p.id = c.payment_id WHERE p.month = $1 AND p.lease_id = ANY($2::uuid[])`,
          params: [state.confirm.month, state.confirm.leases.map((l: any) => l.leaseId)],
        },
      ],
    },
    {
      name: 'the mutation postDelegatedOperation: 20 receipts posted at once on one managed account → balance = before + their sum, operations numbered 1…n without gap',
      n: 20,
      winners: (n) => n,
      loserCodes: [],
      async race(n) {
        const ds = hub.subgraphs.association.dataSource;
        const [file] = await ds.query(
          `SELECT f.id, f.managed_benefits, a.balance_cents, a.last_seq FROM association.delegated_file f JOIN association.delegated_account a ON a.file_id = f.id
            WHERE f.association_org_id = $1 AND f.status = 'ACTIVE' AND cardinality(f.managed_benefits) > 0 AND f.started_on <= current_date ORDER BY f.id LIMIT 1`,
          [DEMO_ORGS.associationA],
        );
        if (!file) throw new Error('fixture: no ACTIVE delegated file of association A managing a benefit');
        const amounts = Array.from({ length: n }, (_, i) => 100 + i);
        state.ledger = {
          fileId: file.id,
          before: Number(file.balance_cents),
          lastSeq: Number(file.last_seq),
          sum: amounts.reduce((a, b) => a + b, 0),
          n,
        };
        const token = await tokenOf('DELEGUE (association A)');
        const run = await inParallel(n, (i) => ({
          gateway: hub.gateway,
          token,
          query:
            'mutation($input: PostDelegatedOperationInput!) { postDelegatedOperation(input: $input) { __typename } }',
          variables: {
            input: {
              fileId: file.id,
              kind: 'RECEIPT',
              amountCents: amounts[i],
              operatedOn: new Date().toISOString().slice(0, 10),
              label: `faults race ${i}`,
              benefitKind: file.managed_benefits[0],
            },
          },
        }));
        return { succeeded: servedOf(run), failures: codesOf(run) };
      },
      invariants: () => [
        {
          name: 'balance = before + sum of the receipts',
          sql: `SELECT balance_cents FROM association.delegated_account WHERE file_id = $1 AND balance_cents <> $2::int`,
          params: [state.ledger.fileId, state.ledger.before + state.ledger.sum],
        },
        {
          name: 'n more operations, numbered without gap or repeat',
          sql: `SELECT count(*), count(DISTINCT seq), max(seq) FROM association.delegated_operation WHERE file_id = $1 HAVING count(*) <> max(seq) OR count(DISTINCT seq) <> count(*) OR max(seq) <> $2::int`,
          params: [state.ledger.fileId, state.ledger.lastSeq + state.ledger.n],
        },
        {
          name: 'the account balance is the running balance of its last operation and the sum of its ledger',
          sql: `SELECT a.balance_cents FROM association.delegated_account a WHERE a.file_id = $1 AND (a.balance_cents <> (SELECT balance_after_cents FROM association.delegated_operation o WHERE o.file_id = a.file_id ORDER BY seq DESC LIMIT 1) OR a.balance_cents <> (SELECT COALESCE(SUM(CASE WHEN kind = 'RECEIPT' THEN amount_cents ELSE -amount_cents END), 0) FROM association.delegated_operation o WHERE o.file_id = a.file_id))`,
          params: [state.ledger.fileId],
        },
      ],
    },
    {
      name: 'the mutation renewContract: 8 case workers renew the same contract at once with the same evaluation → exactly one renewal',
      n: 8,
      winners: () => 1,
      // the losers see the renewed term: the evaluation no longer lies in the running term (or, had the lock not
      // serialised them, UNIQUE (measure_id, seq) would refuse them: a retryable conflict)
      loserCodes: ['RENEWAL_WITHOUT_EVALUATION', 'SERVICE_UNAVAILABLE'],
      async race(n) {
        const ds = hub.subgraphs.department.dataSource;
        const today = new Date().toISOString().slice(0, 10);
        const person = randomUUID();
        const measure = randomUUID();
        const evaluation = randomUUID();
        // a MASP 1 signed 3 months ago for 6 months, an evaluation and an eligibility check last month, a D271-2
        // benefit: renewable
        // today
        await ds.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO department.beneficiary (id, last_name, first_name, birth_date, address, territory, referent_sub) VALUES ($1, 'Faults', 'Renewal', '1980-01-01', '1 rue du Test', 'MDD-ORLEANS', 'ts-mdd-orleans-1')`,
            [person],
          );
          await tx.query(
            `INSERT INTO department.benefit_received (beneficiary_id, kind, monthly_amount_cents, paying_body, starts_on) VALUES ($1, 'RSA', 60000, 'CAF', (current_date - interval '1 year')::date)`,
            [person],
          );
          await tx.query(
            `INSERT INTO department.measure (id, beneficiary_id, level, status, starts_on, ends_on, managed_benefits) VALUES ($1, $2, 'MASP_1', 'ACTIVE', (current_date - interval '3 months')::date, (current_date + interval '3 months')::date, '{}')`,
            [measure, person],
          );
          await tx.query(
            `INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months, decided_on) VALUES ($1, $2, 1, (current_date - interval '3 months')::date, (current_date + interval '3 months')::date, 6, (current_date - interval '3 months')::date)`,
            [measure, person],
          );
          await tx.query(
            `INSERT INTO department.evaluation (id, beneficiary_id, kind, evaluated_on, author_sub) VALUES ($1, $2, 'RESULTATS', (current_date - interval '1 month')::date, 'ts-mdd-orleans-1')`,
            [evaluation, person],
          );
          // an eligibility check still valid (ELIGIBILITY_VALIDITY_MONTHS) for the renewal
          await tx.query(
            `INSERT INTO department.eligibility_check (beneficiary_id, checked_on, checked_by, capacity_to_consent, eligible) VALUES ($1, (current_date - interval '1 month')::date, 'ts-mdd-orleans-1', true, true)`,
            [person],
          );
        });
        state.renewal = { measure };
        const token = await tokenOf('ENCADRANT (département, territoire MDD-ORLEANS)');
        const run = await inParallel(n, () => ({
          gateway: hub.gateway,
          token,
          query: 'mutation($input: RenewContractInput!) { renewContract(input: $input) { id endsOn } }',
          variables: { input: { measureId: measure, months: 6, evaluationId: evaluation, decidedOn: today } },
        }));
        return { succeeded: servedOf(run), failures: codesOf(run) };
      },
      invariants: () => [
        {
          name: 'two terms exactly (the initial one and one renewal)',
          sql: `SELECT count(*) FROM department.measure_term WHERE measure_id = $1 HAVING count(*) <> 2`,
          params: [state.renewal.measure],
        },
        {
          name: 'the measure ends with its last term',
          sql: `SELECT m.ends_on FROM department.measure m WHERE m.id = $1 AND m.ends_on <> (SELECT ends_on FROM department.measure_term t WHERE t.measure_id = m.id ORDER BY seq DESC LIMIT 1)`,
          params: [state.renewal.measure],
        },
        {
          name: 'no evaluation justifies two renewals (UNIQUE index)',
          sql: `SELECT evaluation_id FROM department.measure_term WHERE evaluation_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1`,
        },
        {
          name: 'one access-log WRITE for the renewal',
          sql: `SELECT count(*) FROM department.access_log l JOIN department.measure m ON m.beneficiary_id = l.beneficiary_id WHERE m.id = $1 AND l.action = 'WRITE' HAVING count(*) <> 1`,
          params: [state.renewal.measure],
        },
      ],
    },
  ];

  it.each(RACES.map((r) => [r.name, r] as const))('%s', async (_name, race) => {
    const n = race.n;
    const { succeeded, failures } = await race.race(n);
    figures.add('racingWrites', n);
    figures.tally('raceWinners', `${RACES.indexOf(race) + 1} of ${n}`, succeeded);
    for (const f of failures) figures.tally('raceLosersByCode', f);
    expect(succeeded).toBe(race.winners(n));
    // the losers failed on the constraint or the rule the race is about, not on anything else
    for (const f of failures) expect(race.loserCodes).toContain(f);
    const invariants = typeof race.invariants === 'function' ? race.invariants() : race.invariants;
    expect(await sqlViolations(url, [...invariants, ...GLOBAL_INVARIANTS])).toEqual([]);
    figures.add('sqlInvariantsChecked', invariants.length + GLOBAL_INVARIANTS.length);
  });

  afterAll(async () => {
    const removed = await sqlValue(
      url,
      `WITH d AS (DELETE FROM bailleur.rent_payment WHERE month LIKE '2099-%' RETURNING 1) SELECT count(*)::int FROM d`,
    );
    await sqlValue(url, `DELETE FROM department.measure_term WHERE starts_on = '2099-01-01' AND seq >= 100`);
    figures.set('rowsCleanedUp', removed);
  });
});

import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { Domain, OrgKind, Role } from '../../schema/policy';
import { recordWrite } from '../../subgraphs/kit/access-log/audit';
import type { SubgraphContext } from '../../subgraphs/kit/server/context.type';
import { ensureDatabase } from '../../subgraphs/kit/db/embedded-postgres';
import { isTransientDatabaseError } from '../../subgraphs/kit/db/failures';
import type { TestHub } from '../helpers/hub';
import { askGateway, startHubOn } from './helpers/fault-hub';
import { OwnPostgres, startOwnPostgres } from './helpers/own-postgres';
import { Figures } from './helpers/report';

/**
 * Issue 9 — PostgreSQL restarted mid-load, on the suite's OWN embedded PostgreSQL (never the shared server):
 * reads through the gateway and writes run concurrently while the server is stopped (fast shutdown: sessions killed,
 * open transactions aborted) and started again. Checks: every write either committed entirely or failed with a
 * retryable error; nothing is half-written; reads fail only with SERVICE_UNAVAILABLE (retryable), never "Unexpected
 * error."; the pools reconnect by themselves (reads and writes succeed afterwards, same hub, no restart).
 *
 * Writes are scenarios (WRITE_SCENARIOS): each does one write in one transaction and says afterwards whether it is
 * complete, absent or partial; the real mutations (confirmRentPayment, postDelegatedOperation, renewContract) go
 * through the gateway, and a failed one must have been answered SERVICE_UNAVAILABLE with retryable: true. Each
 * scenario also checks the whole database afterwards (a balance equals its ledger, one access-log WRITE per write).
 */
const figures = new Figures('PostgreSQL restart mid-load');

interface WriteScenario {
  name: string;
  /** Fixture rows the scenario needs, created before the load. */
  prepare?(hub: TestHub): Promise<void>;
  /** One write, in one transaction; `key` identifies it. Throws when the write failed ('skipped': no fixture left). */
  write(hub: TestHub, key: string): Promise<void | 'skipped'>;
  /** What the database holds of write `key`. */
  verify(hub: TestHub, key: string): Promise<'complete' | 'absent' | 'partial'>;
  /**
   * Whole-database consistency of what the scenario wrote (ledger balances, one log record per write…): problems found.
   */
  consistency?(hub: TestHub): Promise<string[]>;
}

/** A mutation's error as the client saw it. */
class GatewayWriteError extends Error {
  constructor(
    readonly status: number,
    readonly extensions: Record<string, unknown> | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** May a client simply retry this failure (nothing of it committed)? A driver error, or the hub's answer saying so. */
function isRetryable(error: unknown): boolean {
  if (error instanceof GatewayWriteError)
    return (
      error.status === 200 && error.extensions?.code === 'SERVICE_UNAVAILABLE' && error.extensions?.retryable === true
    );
  return isTransientDatabaseError(error);
}

/** One mutation through the gateway, as `caller`; throws a GatewayWriteError when refused. */
async function mutate(h: TestHub, caller: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const a = await askGateway(h.gateway, await h.token(DEMO_CALLERS[caller]), query, variables);
  const e = a.body.errors?.[0];
  if (a.status !== 200 || e)
    throw new GatewayWriteError(a.status, e?.extensions, String(e?.message ?? `HTTP ${a.status}`));
  return a.body.data;
}

const q1 = async (h: TestHub, subgraph: string, sql: string, params: unknown[] = []) =>
  (await h.subgraphs[subgraph].dataSource.query(sql, params))[0];
const LANDLORD = 'GESTIONNAIRE_LOCATIF (bailleur 1)';
const ASSOCIATION_A = 'DELEGUE (association A)';
const ENCADRANT = 'ENCADRANT (département, territoire MDD-ORLEANS)';

/** Fixtures handed out to the writes, and which write got which. */
const confirmMonths: string[] = [];
const confirmOf = new Map<string, string>();
const rentFixture = { leaseId: '', beneficiaryId: '' };
const ledger = { fileId: '', beneficiaryId: '', benefitKind: '', logBefore: 0 };
const renewable: Array<{ measureId: string; evaluationId: string; personId: string; endsOn: string }> = [];
const renewalOf = new Map<string, (typeof renewable)[number]>();

const writerCtx = (key: string): SubgraphContext =>
  ({
    caller: {
      sub: 'faults-writer',
      orgId: DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)'].org_id,
      orgKind: OrgKind.DEPARTEMENT,
      roles: [Role.ENCADRANT],
    },
    requestId: key,
    operationName: 'faultsWrite',
  }) as unknown as SubgraphContext;

const WRITE_SCENARIOS: WriteScenario[] = [
  {
    name: 'department: a person, a measure and the access-log record in one transaction (kit recordWrite)',
    async write(hub, key) {
      const ds: DataSource = hub.subgraphs.department.dataSource;
      await ds.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO department.beneficiary (id, last_name, first_name, birth_date, address, territory, referent_sub) VALUES ($1, 'Faults', 'Restart', '1980-01-01', '1 rue du Test', 'MDD-ORLEANS', 'faults')`,
          [key],
        );
        await tx.query('SELECT pg_sleep(0.01)'); // widen the window in which a restart lands mid-transaction
        await tx.query(
          `INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on) VALUES ($1, 'MASP_1', 'PROPOSED', '2025-01-01', '2025-12-31')`,
          [key],
        );
        await tx.query('SELECT pg_sleep(0.01)');
        await recordWrite(tx, 'department', writerCtx(key), key, 'faultsWrite', [Domain.IDENTITY]);
      });
    },
    async verify(hub, key) {
      const [row] = await hub.subgraphs.department.dataSource.query(
        `SELECT (SELECT count(*) FROM department.beneficiary WHERE id = $1)::int AS b, (SELECT count(*) FROM department.measure WHERE beneficiary_id = $1)::int AS m,
                (SELECT count(*) FROM department.access_log WHERE beneficiary_id = $1 AND action = 'WRITE')::int AS l`,
        [key],
      );
      const parts = [row.b, row.m, row.l];
      return parts.every((n) => n === 1) ? 'complete' : parts.every((n) => n === 0) ? 'absent' : 'partial';
    },
  },
  {
    name: 'bailleur: the mutation confirmRentPayment (payment row + access-log WRITE)',
    async prepare(h) {
      // a lease of bailleur 1 under a direct-payment order since 1990: one unconfirmed begun month per write
      const lease = randomUUID();
      const person = randomUUID();
      await h.subgraphs.bailleur.dataSource.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO bailleur.lease (id, landlord_org_id, beneficiary_id, reference, address, tenant_name, rent_cents, charges_cents, starts_on) VALUES ($1, $2, $3, 'FAULTS-RESTART', '1 rue du Test', 'Faults Restart', 45000, 5000, '1990-01-01')`,
          [lease, DEMO_CALLERS[LANDLORD].org_id, person],
        );
        await tx.query(
          `INSERT INTO bailleur.direct_payment_order (lease_id, beneficiary_id, payer_org_id, payer_kind, monthly_amount_cents, starts_on, basis) VALUES ($1, $2, $3, 'ASSOCIATION', 50000, '1990-01-01', 'MASP2_DELEGATION')`,
          [lease, person, DEMO_CALLERS[ASSOCIATION_A].org_id],
        );
      });
      Object.assign(rentFixture, { leaseId: lease, beneficiaryId: person });
      const rows: Array<{ m: string }> = await h.subgraphs.bailleur.dataSource.query(
        `SELECT to_char(g, 'YYYY-MM') AS m FROM generate_series('1990-01-01'::date, date_trunc('month', current_date) - interval '1 month', interval '1 month') g`,
      );
      confirmMonths.push(...rows.map((r) => r.m));
    },
    async write(h, key) {
      const month = confirmMonths.shift();
      if (!month) return 'skipped';
      confirmOf.set(key, month);
      await mutate(
        h,
        LANDLORD,
        'mutation($input: RentConfirmationInput!) { confirmRentPayment(input: $input) { id status } }',
        { input: { leaseId: rentFixture.leaseId, month, amountReceivedCents: 50000, receivedOn: `${month}-05` } },
      );
    },
    async verify(h, key) {
      const r = await q1(
        h,
        'bailleur',
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'CONFIRMED' AND received_cents = 50000)::int AS whole FROM bailleur.rent_payment WHERE lease_id = $1 AND month = $2`,
        [rentFixture.leaseId, confirmOf.get(key)],
      );
      return r.n === 0 ? 'absent' : r.n === 1 && r.whole === 1 ? 'complete' : 'partial';
    },
    async consistency(h) {
      const r = await q1(
        h,
        'bailleur',
        `SELECT (SELECT count(*)::int FROM bailleur.rent_payment WHERE lease_id = $1) AS payments,
        (SELECT count(*)::int FROM bailleur.access_log WHERE beneficiary_id = $2 AND action = 'WRITE' AND detail = 'confirmRentPayment') AS logged`,
        [rentFixture.leaseId, rentFixture.beneficiaryId],
      );
      return r.payments === r.logged
        ? []
        : [`confirmRentPayment: ${r.payments} payments but ${r.logged} access-log WRITE records`];
    },
  },
  {
    name: 'association: the mutation postDelegatedOperation (ledger operation + account balance + access-log WRITE)',
    async prepare(h) {
      const f = await q1(
        h,
        'association',
        `SELECT f.id, f.beneficiary_id, f.managed_benefits FROM association.delegated_file f JOIN association.delegated_account a ON a.file_id = f.id
        WHERE f.association_org_id = $1 AND f.status = 'ACTIVE' AND cardinality(f.managed_benefits) > 0 AND f.started_on <= current_date ORDER BY f.id LIMIT 1`,
        [DEMO_CALLERS[ASSOCIATION_A].org_id],
      );
      if (!f) throw new Error('fixture: no ACTIVE delegated file of association A managing a benefit');
      const log = await q1(
        h,
        'association',
        `SELECT count(*)::int AS n FROM association.access_log WHERE beneficiary_id = $1 AND action = 'WRITE' AND detail = 'postDelegatedOperation'`,
        [f.beneficiary_id],
      );
      Object.assign(ledger, {
        fileId: f.id,
        beneficiaryId: f.beneficiary_id,
        benefitKind: f.managed_benefits[0],
        logBefore: log.n,
      });
    },
    async write(h, key) {
      await mutate(
        h,
        ASSOCIATION_A,
        'mutation($input: PostDelegatedOperationInput!) { postDelegatedOperation(input: $input) { id } }',
        {
          input: {
            fileId: ledger.fileId,
            kind: 'RECEIPT',
            amountCents: 100,
            operatedOn: new Date().toISOString().slice(0, 10),
            label: `restart ${key}`,
            benefitKind: ledger.benefitKind,
          },
        },
      );
    },
    async verify(h, key) {
      const r = await q1(
        h,
        'association',
        `SELECT count(*)::int AS n FROM association.delegated_operation WHERE file_id = $1 AND label = $2`,
        [ledger.fileId, `restart ${key}`],
      );
      return r.n === 0 ? 'absent' : r.n === 1 ? 'complete' : 'partial';
    },
    async consistency(h) {
      const problems: string[] = [];
      const r = await q1(
        h,
        'association',
        `SELECT a.balance_cents AS balance, a.last_seq,
          (SELECT COALESCE(SUM(CASE WHEN kind = 'RECEIPT' THEN amount_cents ELSE -amount_cents END), 0)::int FROM association.delegated_operation o WHERE o.file_id = a.file_id) AS ledger_sum,
          (SELECT balance_after_cents FROM association.delegated_operation o WHERE o.file_id = a.file_id ORDER BY seq DESC LIMIT 1) AS last_after,
          (SELECT count(*)::int FROM association.delegated_operation o WHERE o.file_id = a.file_id) AS ops,
          (SELECT count(DISTINCT seq)::int FROM association.delegated_operation o WHERE o.file_id = a.file_id) AS seqs,
          (SELECT count(*)::int FROM association.delegated_operation o WHERE o.file_id = a.file_id AND o.label LIKE 'restart %') AS ours,
          (SELECT count(*)::int FROM association.access_log WHERE beneficiary_id = $2 AND action = 'WRITE' AND detail = 'postDelegatedOperation') AS logged
        FROM association.delegated_account a WHERE a.file_id = $1`,
        [ledger.fileId, ledger.beneficiaryId],
      );
      if (r.balance !== r.ledger_sum || r.balance !== r.last_after)
        problems.push(
          `postDelegatedOperation: balance ${r.balance}, ledger sum ${r.ledger_sum}, last running balance ${r.last_after}`,
        );
      if (r.ops !== r.last_seq || r.seqs !== r.ops)
        problems.push(
          `postDelegatedOperation: ${r.ops} operations, ${r.seqs} distinct numbers, last_seq ${r.last_seq}`,
        );
      if (r.logged - ledger.logBefore !== r.ours)
        problems.push(
          `postDelegatedOperation: ${r.ours} operations but ${r.logged - ledger.logBefore} access-log WRITE records`,
        );
      return problems;
    },
  },
  {
    name: 'department: the mutation renewContract (new term + measure end date + access-log WRITE)',
    async prepare(h) {
      // renewable contracts: a MASP 1 of 6 months begun 3 months ago, an evaluation and an eligibility check last
      // month, a D271-2 benefit
      const rows: Array<{ p: string; m: string; e: string; ends: string }> = await h.subgraphs.department.dataSource
        .query(`
        WITH p AS (INSERT INTO department.beneficiary (last_name, first_name, birth_date, address, territory, referent_sub)
                   SELECT 'FaultsRenew', 'n' || g, '1980-01-01', '1 rue du Test', 'MDD-ORLEANS', 'ts-mdd-orleans-1' FROM generate_series(1, 400) g RETURNING id),
             b AS (INSERT INTO department.benefit_received (beneficiary_id, kind, monthly_amount_cents, paying_body, starts_on) SELECT id, 'RSA', 60000, 'CAF', (current_date - interval '1 year')::date FROM p),
             m AS (INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on) SELECT id, 'MASP_1', 'ACTIVE', (current_date - interval '3 months')::date, (current_date + interval '3 months')::date FROM p RETURNING id, beneficiary_id, starts_on, ends_on),
             t AS (INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months, decided_on) SELECT id, beneficiary_id, 1, starts_on, ends_on, 6, starts_on FROM m),
             c AS (INSERT INTO department.eligibility_check (beneficiary_id, checked_on, checked_by, capacity_to_consent, eligible) SELECT id, (current_date - interval '1 month')::date, 'ts-mdd-orleans-1', true, true FROM p),
             e AS (INSERT INTO department.evaluation (beneficiary_id, kind, evaluated_on, author_sub) SELECT id, 'RESULTATS', (current_date - interval '1 month')::date, 'ts-mdd-orleans-1' FROM p RETURNING id, beneficiary_id)
        SELECT m.beneficiary_id AS p, m.id AS m, e.id AS e, to_char(m.ends_on, 'YYYY-MM-DD') AS ends FROM m JOIN e USING (beneficiary_id)`);
      renewable.push(...rows.map((r) => ({ personId: r.p, measureId: r.m, evaluationId: r.e, endsOn: r.ends })));
    },
    async write(h, key) {
      const c = renewable.shift();
      if (!c) return 'skipped';
      renewalOf.set(key, c);
      await mutate(
        h,
        ENCADRANT,
        'mutation($input: RenewContractInput!) { renewContract(input: $input) { id endsOn } }',
        {
          input: {
            measureId: c.measureId,
            months: 6,
            evaluationId: c.evaluationId,
            decidedOn: new Date().toISOString().slice(0, 10),
          },
        },
      );
    },
    async verify(h, key) {
      const c = renewalOf.get(key)!;
      const r = await q1(
        h,
        'department',
        `SELECT (SELECT count(*)::int FROM department.measure_term WHERE measure_id = $1) AS terms,
          (SELECT to_char(ends_on, 'YYYY-MM-DD') FROM department.measure WHERE id = $1) AS ends,
          (SELECT to_char(ends_on, 'YYYY-MM-DD') FROM department.measure_term WHERE measure_id = $1 ORDER BY seq DESC LIMIT 1) AS term_ends,
          (SELECT count(*)::int FROM department.access_log WHERE beneficiary_id = $2 AND action = 'WRITE' AND detail = 'renewContract') AS logged`,
        [c.measureId, c.personId],
      );
      if (r.terms === 1 && r.ends === c.endsOn && r.logged === 0) return 'absent';
      if (r.terms === 2 && r.ends === r.term_ends && r.ends > c.endsOn && r.logged === 1) return 'complete';
      return 'partial';
    },
  },
];

let pg: OwnPostgres;
let hub: TestHub;
let token: string;
const startPg = () => pg.start();

beforeAll(async () => {
  pg = await startOwnPostgres();
  const url = await ensureDatabase(pg.url, 'masp_faults', { fresh: true });
  hub = await startHubOn(url, { migrate: true, seed: true });
  token = await hub.token(DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)']);
  for (const scenario of WRITE_SCENARIOS) await scenario.prepare?.(hub);
}, 180_000);

afterAll(async () => {
  figures.flush();
  await hub?.stop();
  await pg?.dispose();
});

const READ = '{ caseload(first: 5) { id territory measures { id status } leases { id } } }';

interface LoadResult {
  writes: Array<{ scenario: WriteScenario; key: string; ok: boolean; error?: unknown }>;
  reads: Array<{ ok: boolean; status: number; codes: string[]; retryable: boolean[] }>;
}

/** Writers and readers in parallel until `until` resolves. */
async function runLoad(until: Promise<void>, writers = 4, readers = 4): Promise<LoadResult> {
  const result: LoadResult = { writes: [], reads: [] };
  let done = false;
  void until.then(() => {
    done = true;
  });
  const writer = async (w: number) => {
    while (!done) {
      for (const scenario of WRITE_SCENARIOS) {
        const key = randomUUID();
        try {
          if ((await scenario.write(hub, key)) === 'skipped') continue;
          result.writes.push({ scenario, key, ok: true });
        } catch (error) {
          result.writes.push({ scenario, key, ok: false, error });
          await new Promise((r) => setTimeout(r, 20 + w));
        }
      }
    }
  };
  const reader = async () => {
    while (!done) {
      const a = await askGateway(hub.gateway, token, READ);
      const errors: any[] = a.body.errors ?? [];
      result.reads.push({
        ok: !errors.length && a.status === 200,
        status: a.status,
        codes: errors.map((e) => String(e.extensions?.code ?? e.message)),
        retryable: errors.map((e) => e.extensions?.retryable === true),
      });
      if (errors.length) await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all([
    ...Array.from({ length: writers }, (_, i) => writer(i)),
    ...Array.from({ length: readers }, reader),
  ]);
  return result;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('faults › PostgreSQL restarted mid-load', () => {
  let load: LoadResult;

  it('runs reads and writes through a stop and a start of PostgreSQL', async () => {
    let downMs = 0;
    load = await runLoad(
      (async () => {
        await sleep(1_500);
        const t = Date.now();
        await pg.stop(); // SIGINT: fast shutdown, in-flight transactions aborted
        await sleep(1_000);
        await startPg();
        downMs = Date.now() - t;
        await sleep(2_500);
      })(),
    );
    figures.set('downtimeMs', downMs);
    figures.set('writes', load.writes.length);
    figures.set('writesCommitted', load.writes.filter((w) => w.ok).length);
    figures.set('writesFailed', load.writes.filter((w) => !w.ok).length);
    figures.set('reads', load.reads.length);
    figures.set('readsServed', load.reads.filter((r) => r.ok).length);
    for (const r of load.reads) for (const c of r.codes) figures.tally('readErrorsByCode', c);
    expect(load.writes.filter((w) => !w.ok).length).toBeGreaterThan(0); // the restart did hit the load
    expect(load.reads.filter((r) => !r.ok).length).toBeGreaterThan(0);
  });

  it('every failed write failed with a retryable database error', () => {
    const notRetryable = load.writes
      .filter((w) => !w.ok && !isRetryable(w.error))
      .map((w) => `${w.scenario.name}: ${String((w.error as Error)?.message)}`);
    for (const w of load.writes)
      figures.tally('writesByScenario', `${w.scenario.name.split(' (')[0]} ${w.ok ? 'committed' : 'failed'}`);
    expect(notRetryable).toEqual([]);
  });

  it('nothing is half-written: a committed write is complete, a failed one absent (or, commit lost in flight, complete)', async () => {
    const outcome: Record<string, number> = {};
    const wrong: string[] = [];
    for (const w of load.writes) {
      const state = await w.scenario.verify(hub, w.key);
      outcome[`${w.ok ? 'ok' : 'failed'}→${state}`] = (outcome[`${w.ok ? 'ok' : 'failed'}→${state}`] ?? 0) + 1;
      if (state === 'partial' || (w.ok && state !== 'complete'))
        wrong.push(`${w.scenario.name} ${w.key}: ${w.ok ? 'ok' : 'failed'} but ${state}`);
    }
    figures.set('writesVerified', load.writes.length);
    for (const [k, n] of Object.entries(outcome)) figures.tally('writeOutcomes', k, n);
    expect(wrong).toEqual([]);
    // and no orphan anywhere: every measure of a test person has its person and its access-log record
    const [orphans] = await hub.subgraphs.department.dataSource.query(
      `SELECT count(*)::int AS n FROM department.beneficiary b WHERE b.last_name = 'Faults'
         AND ((SELECT count(*) FROM department.measure m WHERE m.beneficiary_id = b.id) <> 1
           OR (SELECT count(*) FROM department.access_log l WHERE l.beneficiary_id = b.id) <> 1)`,
    );
    expect(orphans.n).toBe(0);
    const problems: string[] = [];
    for (const scenario of WRITE_SCENARIOS) problems.push(...((await scenario.consistency?.(hub)) ?? []));
    figures.add('consistencyChecks', WRITE_SCENARIOS.filter((w) => w.consistency).length);
    expect(problems).toEqual([]);
  });

  it('reads failed only with SERVICE_UNAVAILABLE (retryable), never a 5xx or "Unexpected error."', () => {
    const bad = load.reads.filter(
      (r) => r.status >= 500 || r.codes.some((c) => c !== 'SERVICE_UNAVAILABLE') || r.retryable.some((x) => !x),
    );
    expect(bad.map((r) => `${r.status} ${r.codes.join(',')}`)).toEqual([]);
  });

  it('the pools reconnected by themselves: reads and writes succeed on the same hub after the restart', async () => {
    for (let i = 0; i < 20; i++) {
      const a = await askGateway(hub.gateway, token, READ);
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data.caseload).toHaveLength(5);
    }
    for (const scenario of WRITE_SCENARIOS) {
      const key = randomUUID();
      expect(await scenario.write(hub, key)).not.toBe('skipped');
      expect(await scenario.verify(hub, key)).toBe('complete');
    }
    // the load's last second ran after the restart: it was served
    expect(load.reads.slice(-8).every((r) => r.ok)).toBe(true);
    expect(load.writes.slice(-2 * WRITE_SCENARIOS.length).every((w) => w.ok)).toBe(true);
  });

  it('while PostgreSQL is down, the gateway answers at once with SERVICE_UNAVAILABLE and /health says so', async () => {
    await pg.stop();
    try {
      const a = await askGateway(hub.gateway, token, READ);
      figures.add('readsWhileDown');
      expect(a.status).toBe(200);
      expect(a.ms).toBeLessThan(6_000);
      expect(a.body.errors[0].extensions).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        retryable: true,
        serviceName: 'department',
      });
      expect(a.body.errors[0].message).toContain('retry');
      const health = await fetch(hub.subgraphs.department.url.replace('/graphql', '/health'));
      expect(health.status).toBe(503);
    } finally {
      await startPg();
    }
    let served = false;
    for (let i = 0; i < 50 && !served; i++) {
      served = !(await askGateway(hub.gateway, token, READ)).body.errors;
      if (!served) await sleep(100);
    }
    expect(served).toBe(true);
  });
});

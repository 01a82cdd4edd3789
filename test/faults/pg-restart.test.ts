import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DEMO_CALLERS } from '../../gateway/dev-tokens';
import { Domain, OrgKind, Role } from '../../schema/policy';
import { recordWrite } from '../../subgraphs/kit/audit';
import type { SubgraphContext } from '../../subgraphs/kit/context.type';
import { ensureDatabase } from '../../subgraphs/kit/embedded-postgres';
import { isTransientDatabaseError } from '../../subgraphs/kit/errors';
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
 * complete, absent or partial. Mutation-based writes (signContract, confirmRentPayment…) go in as more scenarios.
 */
const figures = new Figures('PostgreSQL restart mid-load');

interface WriteScenario {
  name: string;
  /** One write, in one transaction; `key` identifies it. Throws when the write failed. */
  write(hub: TestHub, key: string): Promise<void>;
  /** What the database holds of write `key`. */
  verify(hub: TestHub, key: string): Promise<'complete' | 'absent' | 'partial'>;
}

const writerCtx = (key: string): SubgraphContext =>
  ({ caller: { sub: 'faults-writer', orgId: DEMO_CALLERS['ENCADRANT (département, territoire NORD)'].org_id, orgKind: OrgKind.DEPARTEMENT, roles: [Role.ENCADRANT] }, requestId: key, operationName: 'faultsWrite' }) as unknown as SubgraphContext;

const WRITE_SCENARIOS: WriteScenario[] = [
  {
    name: 'department: a person, a measure and the access-log record in one transaction (kit recordWrite)',
    async write(hub, key) {
      const ds: DataSource = hub.subgraphs.department.dataSource;
      await ds.transaction(async (tx) => {
        await tx.query(`INSERT INTO department.beneficiary (id, last_name, first_name, birth_date, address, territory, referent_sub) VALUES ($1, 'Faults', 'Restart', '1980-01-01', '1 rue du Test', 'NORD', 'faults')`, [key]);
        await tx.query('SELECT pg_sleep(0.01)'); // widen the window in which a restart lands mid-transaction
        await tx.query(`INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on) VALUES ($1, 'MASP_1', 'PROPOSED', '2025-01-01', '2025-12-31')`, [key]);
        await tx.query('SELECT pg_sleep(0.01)');
        await recordWrite(tx, 'department', writerCtx(key), key, 'faultsWrite', [Domain.IDENTITY]);
      });
    },
    async verify(hub, key) {
      const [row] = await hub.subgraphs.department.dataSource.query(
        `SELECT (SELECT count(*) FROM department.beneficiary WHERE id = $1)::int AS b, (SELECT count(*) FROM department.measure WHERE beneficiary_id = $1)::int AS m,
                (SELECT count(*) FROM department.access_log WHERE beneficiary_id = $1 AND action = 'WRITE')::int AS l`, [key]);
      const parts = [row.b, row.m, row.l];
      return parts.every((n) => n === 1) ? 'complete' : parts.every((n) => n === 0) ? 'absent' : 'partial';
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
  token = await hub.token(DEMO_CALLERS['ENCADRANT (département, territoire NORD)']);
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
  void until.then(() => { done = true; });
  const writer = async (w: number) => {
    while (!done) {
      for (const scenario of WRITE_SCENARIOS) {
        const key = randomUUID();
        try {
          await scenario.write(hub, key);
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
      result.reads.push({ ok: !errors.length && a.status === 200, status: a.status, codes: errors.map((e) => String(e.extensions?.code ?? e.message)), retryable: errors.map((e) => e.extensions?.retryable === true) });
      if (errors.length) await new Promise((r) => setTimeout(r, 20));
    }
  };
  await Promise.all([...Array.from({ length: writers }, (_, i) => writer(i)), ...Array.from({ length: readers }, reader)]);
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
    const notRetryable = load.writes.filter((w) => !w.ok && !isTransientDatabaseError(w.error)).map((w) => String((w.error as Error)?.message));
    expect(notRetryable).toEqual([]);
  });

  it('nothing is half-written: a committed write is complete, a failed one absent (or, commit lost in flight, complete)', async () => {
    const outcome: Record<string, number> = {};
    const wrong: string[] = [];
    for (const w of load.writes) {
      const state = await w.scenario.verify(hub, w.key);
      outcome[`${w.ok ? 'ok' : 'failed'}→${state}`] = (outcome[`${w.ok ? 'ok' : 'failed'}→${state}`] ?? 0) + 1;
      if (state === 'partial' || (w.ok && state !== 'complete')) wrong.push(`${w.scenario.name} ${w.key}: ${w.ok ? 'ok' : 'failed'} but ${state}`);
    }
    figures.set('writesVerified', load.writes.length);
    for (const [k, n] of Object.entries(outcome)) figures.tally('writeOutcomes', k, n);
    expect(wrong).toEqual([]);
    // and no orphan anywhere: every measure of a test person has its person and its access-log record
    const [orphans] = await hub.subgraphs.department.dataSource.query(
      `SELECT count(*)::int AS n FROM department.beneficiary b WHERE b.last_name = 'Faults'
         AND ((SELECT count(*) FROM department.measure m WHERE m.beneficiary_id = b.id) <> 1
           OR (SELECT count(*) FROM department.access_log l WHERE l.beneficiary_id = b.id) <> 1)`);
    expect(orphans.n).toBe(0);
  });

  it('reads failed only with SERVICE_UNAVAILABLE (retryable), never a 5xx or "Unexpected error."', () => {
    const bad = load.reads.filter((r) => r.status >= 500 || r.codes.some((c) => c !== 'SERVICE_UNAVAILABLE') || r.retryable.some((x) => !x));
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
      await scenario.write(hub, key);
      expect(await scenario.verify(hub, key)).toBe('complete');
    }
    // the load's last second ran after the restart: it was served
    expect(load.reads.slice(-8).every((r) => r.ok)).toBe(true);
    expect(load.writes.slice(-4).every((w) => w.ok)).toBe(true);
  });

  it('while PostgreSQL is down, the gateway answers at once with SERVICE_UNAVAILABLE and /health says so', async () => {
    await pg.stop();
    try {
      const a = await askGateway(hub.gateway, token, READ);
      figures.add('readsWhileDown');
      expect(a.status).toBe(200);
      expect(a.ms).toBeLessThan(6_000);
      expect(a.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true, serviceName: 'department' });
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

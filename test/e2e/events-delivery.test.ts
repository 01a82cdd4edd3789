import { randomUUID } from 'node:crypto';
import { generateKeyPair, KeyLike } from 'jose';
import type { EntityManager } from 'typeorm';
import type { PartnerEvent } from '../../schema/events';
import { association } from '../../subgraphs/association/definition';
import { department } from '../../subgraphs/department/definition';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { signEvent, eventsUrlOf } from '../../subgraphs/kit/events/delivery';
import { notify } from '../../subgraphs/kit/events/notify';
import { DeliveryJob, publish } from '../../subgraphs/kit/events/outbox';
import { parisToday } from '../../subgraphs/kit/rules/calendar';
import { ruleError } from '../../subgraphs/kit/rules/errors';
import { hubMetrics } from '../../subgraphs/kit/runtime/metrics';
import { startIsolatedTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 17 §4 — nothing is lost between partners: a fact published in the producer's transaction is delivered at least
 * once (retried while the consumer is down, delivered after it restarts) and applied once (the consumer's inbox), and
 * the consumer refuses what it cannot trust (signature, audience, route). The association's handler here is a test
 * handler on the definition (the domain handlers come with their features): it records a notification per event.
 */
const applied: string[] = [];
const REFUSE = 'REFUSE-ME';
async function testHandler(manager: EntityManager, event: PartnerEvent<'delegation.granted'>): Promise<void> {
  if (event.data.delegationId === REFUSE)
    throw ruleError('DELEGATION_UNKNOWN_ASSOCIATION', 'CASF L271-3', 'association inconnue', 'unknown association');
  applied.push(event.id);
  await notify(manager, {
    audience: { orgId: event.data.associationOrgId },
    beneficiaryId: event.data.beneficiaryId,
    kind: 'delegation.granted',
    data: { startsOn: event.data.startsOn },
    eventId: event.id,
  });
}
const dailyRuns: string[] = [];

let hub: TestHub & { dispose(): Promise<void> };
const savedConsumes = association.consumes;
const savedSchedule = department.schedule;
beforeAll(async () => {
  association.consumes = { ...association.consumes, 'delegation.granted': testHandler };
  department.schedule = [
    ...(department.schedule ?? []),
    {
      task: 'test-daily',
      cron: '0 3 * * *',
      // idempotent: one row per day, whatever the number of runs
      run: async (manager, today) => {
        dailyRuns.push(today);
        await manager.query(
          `INSERT INTO department.event_inbox (event_id, type, producer, occurred_at)
           SELECT $1, 'test.daily', 'department', $2::date WHERE NOT EXISTS (
             SELECT 1 FROM department.event_inbox WHERE type = 'test.daily' AND occurred_at = $2::date)`,
          [randomUUID(), today],
        );
      },
    },
  ];
  hub = await startIsolatedTestHub('events');
}, 120_000);
afterAll(async () => {
  await hub?.dispose();
  association.consumes = savedConsumes;
  department.schedule = savedSchedule;
});

const grant = (over: Partial<PartnerEvent<'delegation.granted'>['data']> = {}) => ({
  delegationId: randomUUID(),
  measureId: randomUUID(),
  beneficiaryId: randomUUID(),
  associationOrgId: DEMO_ORGS.associationA,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  managedBenefits: ['RSA'],
  reachEndsOn: '2027-02-28',
  ...over,
});

async function publishGrant(data = grant()): Promise<string> {
  return hub.subgraphs.department.dataSource.transaction((m) => publish(m, 'delegation.granted', data));
}
const inboxHas = async (id: string) =>
  Number(
    (
      await hub.subgraphs.association.dataSource.query(
        'SELECT count(*) AS n FROM association.event_inbox WHERE event_id = $1',
        [id],
      )
    )[0].n,
  );
const notificationsOf = async (id: string) =>
  Number(
    (
      await hub.subgraphs.association.dataSource.query(
        'SELECT count(*) AS n FROM association.notification WHERE event_id = $1',
        [id],
      )
    )[0].n,
  );
const pendingJobs = async () =>
  (await hub.subgraphs.department.dataSource.query(
    `SELECT attempts, last_error FROM department_worker.jobs WHERE task_identifier = 'deliver_event' AND attempts < max_attempts`,
  )) as { attempts: number; last_error: string | null }[];
/** What /metrics serves (on the metrics port, never the public one: test/gateway/observability.test.ts). */
const metricsText = (): Promise<string> => hubMetrics().registry.metrics();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, test: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}
async function post(jws: string, to = 'association') {
  const res = await fetch(eventsUrlOf(hub.subgraphs[to].url), {
    method: 'POST',
    headers: { 'content-type': 'application/jose' },
    body: jws,
  });
  return { status: res.status, body: await res.json() };
}
const jobOf = (
  data = grant(),
  over: Partial<PartnerEvent> = {},
  to: DeliveryJob['to'] = 'association',
): DeliveryJob => ({
  to,
  event: {
    id: randomUUID(),
    type: 'delegation.granted',
    producer: 'department',
    occurredAt: new Date().toISOString(),
    data,
    ...over,
  } as PartnerEvent,
});

describe('events › delivery (outbox → /events → inbox)', () => {
  it('delivers an event published in the producer’s transaction, applied once', async () => {
    const id = await publishGrant();
    const started = Date.now();
    await hub.drainEvents();
    expect(Date.now() - started).toBeLessThan(5000); // new jobs go at once (LISTEN/NOTIFY): well under 2 s when idle
    expect(await inboxHas(id)).toBe(1);
    expect(await notificationsOf(id)).toBe(1);
    expect(applied.filter((a) => a === id)).toHaveLength(1);
  });

  it('through the gateway: the association’s users read what the département published, once', async () => {
    const token = await hub.token({
      sub: 'delegue-a-events',
      org_kind: 'ASSOCIATION',
      org_id: DEMO_ORGS.associationA,
      roles: ['DELEGUE'],
    });
    const q = 'query($after: ID) { associationNotifications(after: $after) { id kind summary beneficiary { id } } }';
    const [{ start }] = await hub.subgraphs.association.dataSource.query(
      'SELECT coalesce(max(id), 0)::text AS start FROM association.notification',
    );
    // a person association A reaches (its row rule: a delegation granted to it, within its closing window)
    const [{ beneficiary_id: beneficiaryId }] = await hub.subgraphs.association.dataSource.query(
      `SELECT beneficiary_id FROM association.delegation
        WHERE association_org_id = $1 AND reach_ends_on > current_date LIMIT 1`,
      [DEMO_ORGS.associationA],
    );
    const data = grant({ startsOn: '2026-04-01', beneficiaryId });
    await publishGrant(data);
    await hub.drainEvents();
    const after = await hub.query(token, q, { after: start });
    expect(after.body).toEqual({
      data: {
        associationNotifications: [
          {
            id: expect.any(String),
            kind: 'delegation.granted',
            summary: 'Nouvelle délégation (MASP 2) (1er avril 2026) / New delegation (MASP 2) (2026-04-01)',
            beneficiary: { id: data.beneficiaryId },
          },
        ],
      },
    });
    // the other association is not told
    const other = await hub.query(
      await hub.token({
        sub: 'delegue-b-events',
        org_kind: 'ASSOCIATION',
        org_id: DEMO_ORGS.associationB,
        roles: ['DELEGUE'],
      }),
      q,
      { after: start },
    );
    expect(other.body).toEqual({ data: { associationNotifications: [] } });
  });

  it('publishes nothing when the producer’s transaction rolls back', async () => {
    let id = '';
    await expect(
      hub.subgraphs.department.dataSource.transaction(async (m) => {
        id = await publish(m, 'delegation.granted', grant());
        throw new Error('the fact is refused');
      }),
    ).rejects.toThrow('the fact is refused');
    expect(await pendingJobs()).toEqual([]);
    await hub.drainEvents();
    expect(await inboxHas(id)).toBe(0);
  });

  it('refuses to publish outside a transaction', async () => {
    await expect(publish(hub.subgraphs.department.dataSource.manager, 'delegation.granted', grant())).rejects.toThrow(
      'outside a transaction',
    );
  });

  it('consumer down while the event is produced: retried, delivered after it restarts, applied once; backlog shown', async () => {
    await hub.stopSubgraph('association');
    try {
      const id = await publishGrant();
      // the first attempt fails (connection refused) and is scheduled again with graphile-worker's backoff
      await until('a failed attempt', async () => (await pendingJobs()).some((j) => j.attempts >= 1 && j.last_error));
      expect(await inboxHas(id)).toBe(0);
      const metrics = await metricsText();
      expect(metrics).toMatch(/masp_events_pending\{subgraph="department",consumer="association"\} 1/);
      expect(metrics).toMatch(/masp_events_oldest_pending_seconds\{subgraph="department"\} \d+/);
      const health = await (await fetch(hub.subgraphs.department.url.replace(/\/graphql$/, '/health'))).json();
      expect(health).toMatchObject({ status: 'ok', events: { pending: 1 } });
      await hub.restartSubgraph('association');
      await hub.drainEvents();
      expect(await inboxHas(id)).toBe(1);
      expect(await notificationsOf(id)).toBe(1);
      expect(applied.filter((a) => a === id)).toHaveLength(1);
      expect(await metricsText()).toMatch(/masp_events_pending\{subgraph="department",consumer="association"\} 0/);
      const after = await (await fetch(hub.subgraphs.department.url.replace(/\/graphql$/, '/health'))).json();
      expect(after).toMatchObject({ status: 'ok', events: { pending: 0, oldestSeconds: 0 } });
    } finally {
      if (!(await fetch(hub.subgraphs.association.url.replace(/\/graphql$/, '/health')).catch(() => undefined)))
        await hub.restartSubgraph('association');
    }
  });

  it('keeps delivering after a worker schema of the same database is migrated (one database, several partners)', async () => {
    // what graphile-worker's migration of another subgraph's schema announces: every runner of the database stops
    await hub.subgraphs.bailleur.dataSource.query(
      `SELECT pg_notify('worker:migrate', '{"migrationNumber": 11, "breaking": true}')`,
    );
    await sleep(300);
    const id = await publishGrant();
    await hub.drainEvents({ timeoutMs: 15_000 });
    expect(await inboxHas(id)).toBe(1);
    expect(process.exitCode).not.toBe(57);
  });

  it('applies a duplicate delivery once (200, nothing applied again)', async () => {
    const job = jobOf();
    const jws = await signEvent(job, hub.eventsKeys.signingKeys.department);
    expect(await post(jws)).toEqual({ status: 200, body: { status: 'applied' } });
    expect(await post(jws)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await inboxHas(job.event.id)).toBe(1);
    expect(await notificationsOf(job.event.id)).toBe(1);
    expect(applied.filter((a) => a === job.event.id)).toHaveLength(1);
  });

  describe('refusals (4xx: the producer does not retry), nothing applied', () => {
    let forger: KeyLike;
    beforeAll(async () => {
      forger = (await generateKeyPair('ES256')).privateKey;
    });
    const cases: Array<[string, () => Promise<{ job: DeliveryJob; jws: string }>, number, string]> = [
      [
        'a signature by a key that is not the producer’s (forged)',
        async () => {
          const job = jobOf();
          return { job, jws: await signEvent(job, forger) };
        },
        401,
        'EVENT_SIGNATURE_INVALID',
      ],
      [
        'an event signed by one partner in the name of another',
        async () => {
          const job = jobOf();
          return { job, jws: await signEvent(job, hub.eventsKeys.signingKeys.bailleur) };
        },
        401,
        'EVENT_SIGNATURE_INVALID',
      ],
      [
        'an event addressed to another partner (aud)',
        async () => {
          const job = jobOf(grant(), {}, 'mandataire');
          return { job, jws: await signEvent(job, hub.eventsKeys.signingKeys.department) };
        },
        403,
        'EVENT_WRONG_AUDIENCE',
      ],
      [
        'a type this partner does not receive from this producer (route)',
        async () => {
          const job = jobOf(grant(), { type: 'maj.recorded' } as Partial<PartnerEvent>);
          return { job, jws: await signEvent(job, hub.eventsKeys.signingKeys.department) };
        },
        403,
        'EVENT_ROUTE_NOT_ALLOWED',
      ],
      [
        'a business refusal by the handler',
        async () => {
          const job = jobOf(grant({ delegationId: REFUSE }));
          return { job, jws: await signEvent(job, hub.eventsKeys.signingKeys.department) };
        },
        422,
        'DELEGATION_UNKNOWN_ASSOCIATION',
      ],
    ];
    it.each(cases)('refuses %s', async (_label, make, status, code) => {
      const { job, jws } = await make();
      const answer = await post(jws);
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ status: 'refused', code });
      expect(await inboxHas(job.event.id)).toBe(0);
      expect(await notificationsOf(job.event.id)).toBe(0);
      expect(applied).not.toContain(job.event.id);
    });

    it('refuses a body that is not a JWS (401), one too large (413) and a GET (405)', async () => {
      expect((await post('not a jws')).status).toBe(401);
      expect((await post('x'.repeat(300_000))).status).toBe(413);
      const get = await fetch(eventsUrlOf(hub.subgraphs.association.url));
      expect(get.status).toBe(405);
    });

    it('a delivery refused for good is a dead letter at its producer, not retried', async () => {
      const id = await publishGrant(grant({ delegationId: REFUSE }));
      await hub.drainEvents();
      expect(await inboxHas(id)).toBe(0);
      const dead = await hub.subgraphs.department.dataSource.query(
        'SELECT consumer, type, status, reason FROM department.event_dead_letter WHERE event_id = $1',
        [id],
      );
      expect(dead).toEqual([
        { consumer: 'association', type: 'delegation.granted', status: 422, reason: 'DELEGATION_UNKNOWN_ASSOCIATION' },
      ]);
      expect(await metricsText()).toMatch(/masp_events_dead_letters\{subgraph="department"\} 1/);
    });
  });
});

describe('events › schedule', () => {
  it('runs a scheduled job in one transaction with today’s date (Europe/Paris), idempotently', async () => {
    await hub.subgraphs.department.events.runScheduled('test-daily');
    await hub.subgraphs.department.events.runScheduled('test-daily');
    expect(dailyRuns.slice(-2)).toEqual([parisToday(), parisToday()]);
    const rows = await hub.subgraphs.department.dataSource.query(
      `SELECT count(*)::int AS n FROM department.event_inbox WHERE type = 'test.daily'`,
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('dates a run at 23:30 UTC in winter on the next day in Paris', () => {
    expect(parisToday(new Date('2026-01-15T23:30:00Z'))).toBe('2026-01-16');
    expect(parisToday(new Date('2026-07-15T21:59:00Z'))).toBe('2026-07-15');
    expect(parisToday(new Date('2026-07-15T22:00:00Z'))).toBe('2026-07-16');
  });
});

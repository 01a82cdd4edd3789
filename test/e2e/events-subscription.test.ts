import { randomUUID } from 'node:crypto';
import { sha256, trustedDocument } from '../../gateway/persisted-documents';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { OrgKind, Role } from '../../schema/policy';
import { notify, NotificationAudience } from '../../subgraphs/kit/events/notify';
import { publish } from '../../subgraphs/kit/events/outbox';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startIsolatedTestHub, startProductionTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 17 §5 — partners are told, live: a partner subscribes through the gateway (GraphQL over SSE) and receives
 * each notification about a person within its reach as it is committed, under the field and row rules of the list,
 * each item in the access log. Rows are written with the kit's `notify` (what a consumer's handler calls).
 */
// A database of its own: a partner's LISTEN hears every notification committed in its database, and the other test
// files running at the same time on the run's database grant association A delegations of their own.
let hub: TestHub & { databaseUrl: string; dispose(): Promise<void> };
beforeAll(async () => {
  hub = await startIsolatedTestHub('events_live');
});
afterAll(async () => {
  await hub?.dispose();
});

const DELEGUE_A = DEMO_CALLERS['DELEGUE (association A)'];
const DELEGUE_B = DEMO_CALLERS['DELEGUE (association B)'];
const LANDLORD = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];

interface Live {
  status: number;
  contentType: string | null;
  /** The next result of the stream, or `undefined` if none came within `ms` (or the stream ended). */
  next(ms?: number): Promise<{ data?: any; errors?: any } | undefined>;
  /** Every result sent until the stream ended (for an answer that is not a stream: the one answer). */
  close(): Promise<void>;
}

/** Subscribes through the gateway as a browser's EventSource polyfill would: POST, `Accept: text/event-stream`. */
async function subscribe(
  token: string | undefined,
  query: string | Record<string, unknown>,
  variables?: Record<string, unknown>,
  on: TestHub = hub,
) {
  const abort = new AbortController();
  const res = await on.gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(typeof query === 'string' ? { query, variables } : { ...query, variables }),
    signal: abort.signal,
  });
  const contentType = res.headers.get('content-type');
  const queue: any[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  let cancel = () => Promise.resolve();
  if (contentType?.includes('text/event-stream')) {
    void (async () => {
      const reader = res.body!.getReader();
      cancel = () => reader.cancel().catch(() => undefined);
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let at: number;
          while ((at = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, at);
            buffer = buffer.slice(at + 2);
            const event = /^event: *(.*)$/m.exec(message)?.[1];
            const data = message
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('\n');
            if (event === 'complete') return;
            if (data) queue.push(JSON.parse(data));
            wake?.();
          }
        }
      } catch {
        // aborted by close()
      } finally {
        ended = true;
        wake?.();
      }
    })();
  } else {
    queue.push(await res.json());
    ended = true;
  }
  const live: Live = {
    status: res.status,
    contentType,
    async next(ms = 5_000) {
      const deadline = Date.now() + ms;
      while (!queue.length && !ended && Date.now() < deadline) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        });
        clearTimeout(timer);
      }
      return queue.shift();
    },
    async close() {
      // what a client going away does: the gateway's response stream is cancelled
      await cancel();
      abort.abort();
    },
  };
  return live;
}

async function tell(subgraph: string, audience: NotificationAudience, beneficiaryId: string, kind: string) {
  await hub.subgraphs[subgraph].dataSource.transaction((m) =>
    notify(m, { audience, beneficiaryId, kind, data: { startsOn: '2026-02-01' } }),
  );
}

const accessLogOf = (subgraph: string, sub: string) =>
  hub.subgraphs[subgraph].dataSource.query(
    `SELECT beneficiary_id, domains, action, detail FROM "${subgraph}".access_log WHERE sub = $1 ORDER BY id`,
    [sub],
  );

/** The LISTEN connections a subgraph holds (kit/events/live.ts): one while it has subscribers, none after. */
const listeners = async (subgraph: string) =>
  (
    await hub.subgraphs[subgraph].dataSource.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [`masp-live-${subgraph}`],
    )
  )[0].n as number;

/** Waits until `check` holds (a subscription is listening, or has let go), at most 5 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached within 5 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A person of the demo plan no association has a delegation for: no association reaches them before the test. */
const undelegated = () =>
  hub.plan.persons.find(
    (p) =>
      !hub.plan.delegations.some((d) => d.beneficiaryId === p.id) &&
      hub.plan.leases.some((l) => l.beneficiaryId === p.id),
  )!;

const ASSOCIATION_LIVE = `subscription AssociationLive($after: ID) {
  associationNotification(after: $after) { id kind summary beneficiary { id } }
}`;

describe('events › live notifications through the gateway (GraphQL over SSE)', () => {
  it('the association is told live of a delegation the département grants it; the other association is not', async () => {
    const person = undelegated();
    const a = await subscribe(await hub.token({ ...DELEGUE_A, sub: 'delegue-a-live' }), ASSOCIATION_LIVE);
    const b = await subscribe(await hub.token({ ...DELEGUE_B, sub: 'delegue-b-live' }), ASSOCIATION_LIVE);
    expect([a.status, a.contentType, b.status]).toEqual([200, expect.stringContaining('text/event-stream'), 200]);
    await until(async () => (await listeners('association')) === 1);
    // the département delegates the person's MASP 2 to association A: its event, delivered, applied, told
    await hub.subgraphs.department.dataSource.transaction((m) =>
      publish(m, 'delegation.granted', {
        delegationId: randomUUID(),
        measureId: randomUUID(),
        beneficiaryId: person.id,
        associationOrgId: DEMO_ORGS.associationA,
        startsOn: '2026-01-01',
        endsOn: '2030-12-31',
        managedBenefits: ['RSA'],
        reachEndsOn: '2031-02-28',
      }),
    );
    await hub.drainEvents({ beneficiaryId: person.id });
    expect(await a.next()).toEqual({
      data: {
        associationNotification: {
          id: expect.stringMatching(/^\d+$/),
          kind: 'DELEGATION_GRANTED',
          summary: 'Nouvelle délégation (MASP 2) (1er janvier 2026) / New delegation (MASP 2) (2026-01-01)',
          beneficiary: { id: person.id },
        },
      },
    });
    expect(await b.next(1_000)).toBeUndefined();
    // recorded as any read: the person, the domain served, the subscription's name
    expect(await accessLogOf('association', 'delegue-a-live')).toEqual([
      { beneficiary_id: person.id, domains: ['SOCIAL_SUMMARY'], action: 'READ', detail: 'AssociationLive' },
    ]);
    expect(await accessLogOf('association', 'delegue-b-live')).toEqual([]);
    await a.close();
    await b.close();
    // the clients gone, the subgraph lets its listening connection go
    await until(async () => (await listeners('association')) === 0);
  });

  it('pushes only what the row rule lets through, and replays the missed ones after `after`', async () => {
    // a person association B runs, not A
    const outside = hub.plan.persons.find(
      (p) =>
        hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationB) &&
        !hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
    )!;
    const inside = hub.plan.persons.find((p) =>
      hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
    )!;
    const token = await hub.token({ ...DELEGUE_A, sub: 'delegue-a-replay' });
    const start = String(
      (
        await hub.subgraphs.association.dataSource.query(
          `SELECT coalesce(max(id), 0) AS id FROM association.notification`,
        )
      )[0].id,
    );
    await tell('association', { orgId: DEMO_ORGS.associationA }, inside.id, 'delegation.granted');
    const a = await subscribe(token, ASSOCIATION_LIVE, { after: start });
    const replayed = await a.next();
    expect(replayed?.data.associationNotification).toMatchObject({
      kind: 'delegation.granted',
      beneficiary: { id: inside.id },
    });
    // addressed to association A, about a person it does not reach: not pushed
    await tell('association', { orgId: DEMO_ORGS.associationA }, outside.id, 'delegation.granted');
    await tell('association', { orgId: DEMO_ORGS.associationA }, inside.id, 'delegation.ended');
    const live = await a.next();
    expect(live?.data.associationNotification).toMatchObject({
      kind: 'delegation.ended',
      beneficiary: { id: inside.id },
    });
    expect(await a.next(500)).toBeUndefined();
    await a.close();
  });

  it('refuses a field of a domain the role lacks exactly as in a query: null there, FORBIDDEN, the rest served', async () => {
    const inside = hub.plan.persons.find((p) =>
      hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
    )!;
    const token = await hub.token({ ...DELEGUE_A, sub: 'delegue-a-denied' });
    // a DELEGUE holds no SOCIAL: referredOn is refused (schema/policy.md)
    const selection = '{ kind beneficiary { id referredOn } }';
    const start = String(
      (
        await hub.subgraphs.association.dataSource.query(
          `SELECT coalesce(max(id), 0) AS id FROM association.notification`,
        )
      )[0].id,
    );
    await tell('association', { orgId: DEMO_ORGS.associationA }, inside.id, 'delegation.granted');
    const query = await hub.query(token, `query($after: ID) { associationNotifications(after: $after) ${selection} }`, {
      after: start,
    });
    const a = await subscribe(
      token,
      `subscription($after: ID) { associationNotification(after: $after) ${selection} }`,
      {
        after: start,
      },
    );
    const item = await a.next();
    await a.close();
    expect(query.body.errors).toHaveLength(1);
    expect(item).toEqual({
      data: {
        associationNotification: { kind: 'delegation.granted', beneficiary: { id: inside.id, referredOn: null } },
      },
      errors: [
        expect.objectContaining({
          path: ['associationNotification', 'beneficiary', 'referredOn'],
          extensions: expect.objectContaining({ code: 'FORBIDDEN', domain: query.body.errors[0].extensions.domain }),
        }),
      ],
    });
    expect(query.body.data.associationNotifications[0].beneficiary).toEqual({ id: inside.id, referredOn: null });
  });

  it('refuses an unauthenticated subscription (401 UNAUTHENTICATED) and a role that is not the partner’s', async () => {
    const anonymous = await subscribe(undefined, ASSOCIATION_LIVE);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.next())?.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const landlord = await subscribe(await hub.token(LANDLORD), ASSOCIATION_LIVE);
    const refused = await landlord.next();
    await landlord.close();
    expect(refused?.errors[0].extensions.code).toBe('FORBIDDEN');
    const pilotage = await subscribe(
      await hub.token({
        sub: 'pilotage-live',
        org_kind: OrgKind.DEPARTEMENT,
        org_id: DEMO_ORGS.departement,
        roles: [Role.PILOTAGE],
      }),
      'subscription { referentNotification { id } }',
    );
    const refusedToo = await pilotage.next();
    await pilotage.close();
    expect(refusedToo?.errors[0].extensions.code).toBe('FORBIDDEN');
    await until(async () => (await listeners('association')) === 0);
  });

  it('the landlord is told live of a direct payment of its tenant’s rent; another landlord is not', async () => {
    // a lease of landlord 1 with no order yet: the département's order on it overlaps nothing
    const lease = hub.plan.leases.find(
      (l) => l.landlordOrgId === LANDLORD.org_id && !hub.plan.orders.some((o) => o.leaseId === l.id),
    )!;
    const live = `subscription LandlordLive { landlordNotification { kind summary beneficiary { id } } }`;
    const mine = await subscribe(await hub.token({ ...LANDLORD, sub: 'gestion-b1-live' }), live);
    const other = await subscribe(
      await hub.token({ ...LANDLORD, sub: 'gestion-b2-live', org_id: DEMO_ORGS.bailleurs[1] }),
      live,
    );
    await until(async () => (await listeners('bailleur')) === 1);
    await hub.subgraphs.department.dataSource.transaction((m) =>
      publish(m, 'payment-order.decided', {
        orderId: randomUUID(),
        basis: 'MASP2_DELEGATION',
        leaseId: lease.id,
        beneficiaryId: lease.beneficiaryId,
        landlordOrgId: LANDLORD.org_id,
        monthlyAmountCents: 45_000,
        startsOn: '2030-03-01',
        endsOn: null,
        judgmentId: null,
        payerOrgId: DEMO_ORGS.associationA,
      }),
    );
    await hub.drainEvents({ beneficiaryId: lease.beneficiaryId });
    expect(await mine.next()).toEqual({
      data: {
        landlordNotification: {
          kind: expect.any(String),
          summary: expect.any(String),
          beneficiary: { id: lease.beneficiaryId },
        },
      },
    });
    expect(await other.next(1_000)).toBeUndefined();
    expect(await accessLogOf('bailleur', 'gestion-b1-live')).toEqual([
      { beneficiary_id: lease.beneficiaryId, domains: ['TENANCY'], action: 'READ', detail: 'LandlordLive' },
    ]);
    expect(await accessLogOf('bailleur', 'gestion-b2-live')).toEqual([]);
    await mine.close();
    await other.close();
  });

  describe('in production: trusted documents only', () => {
    let prod: TestHub;
    let token: (claims: object) => Promise<string>;
    beforeAll(async () => {
      ({ hub: prod, token } = await startProductionTestHub({ databaseUrl: hub.databaseUrl }));
    });
    afterAll(async () => {
      await prod?.stop();
    });

    it('runs the registered subscription by its id, and refuses one that is not registered', async () => {
      const person = hub.plan.persons.find((p) =>
        hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
      )!;
      const document = trustedDocument('notifications', 'AssociationLive');
      const a = await subscribe(
        await token({ ...DELEGUE_A, sub: 'delegue-a-prod-live' }),
        { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } },
        undefined,
        prod,
      );
      expect(a.contentType).toContain('text/event-stream');
      await until(async () => (await listeners('association')) >= 1);
      await tell('association', { orgId: DEMO_ORGS.associationA }, person.id, 'delegation.granted');
      const item = await a.next();
      await a.close();
      expect(item?.data.associationNotification).toMatchObject({
        kind: 'delegation.granted',
        beneficiary: { id: person.id },
      });
      const unregistered = await subscribe(
        await token(DELEGUE_A),
        'subscription { associationNotification { id } }',
        undefined,
        prod,
      );
      const refused = await unregistered.next();
      await unregistered.close();
      expect(refused?.errors[0].extensions.code).toEqual(expect.stringMatching(/PERSISTED|DOCUMENT|TRUSTED/));
    });
  });
});

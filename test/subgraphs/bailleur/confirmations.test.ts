import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import { SAMPLE_QUERIES } from '../../../gateway/sample-queries';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import { CONFIRM, createOrder, landlordClaims, leasesWithoutOrder, monthFromNow, sql, today } from './fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const B1 = DEMO_ORGS.bailleurs[0];
const B2 = DEMO_ORGS.bailleurs[1];
const LAST_MONTH = monthFromNow(-1);
/** This file's leases: bailleur 2's leases without an order, 0 to 11 (orders.test.ts takes 12 onwards). */
const lease = (i: number) => {
  if (i > 11) throw new Error('slice');
  return leasesWithoutOrder(hub, B2)[i];
};
const asB2 = () => hub.token(landlordClaims(B2));
const confirm = async (input: Record<string, unknown>, token?: string) =>
  (await hub.query(token ?? (await asB2()), CONFIRM, { input })).body;
const received = (leaseId: string, amount: number, month = LAST_MONTH) => ({
  leaseId,
  month,
  amountReceivedCents: amount,
  receivedOn: amount ? `${month}-05` : null,
});

describe('bailleur › expected payments (journey 2)', () => {
  it("lists last month's expected payments of the landlord's leases under an order, with tenant name, amount, payer and status", async () => {
    const { body } = await hub.query(
      await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']),
      `query($m: Month!) {
      expectedPayments(month: $m, first: 100) { leaseId month tenantName expectedCents payerKind status receivedCents payment { id } } }`,
      { m: LAST_MONTH },
    );
    expect(body.errors).toBeUndefined();
    const mine = new Map(hub.plan.leases.filter((l) => l.landlordOrgId === B1).map((l) => [l.id, l]));
    const expected = hub.plan.orders.filter((o) => mine.has(o.leaseId));
    // the demo's orders (other test files may add orders on leases they record through the API)
    const demoRows = body.data.expectedPayments.filter((r: { leaseId: string }) => mine.has(r.leaseId));
    expect(demoRows).toHaveLength(expected.length);
    for (const row of demoRows) {
      const order = expected.find((o) => o.leaseId === row.leaseId)!;
      const seeded = hub.plan.payments.find((p) => p.leaseId === row.leaseId && p.month === LAST_MONTH)!;
      expect(row).toEqual({
        leaseId: order.leaseId,
        month: LAST_MONTH,
        tenantName: mine.get(order.leaseId)!.tenantName,
        expectedCents: order.monthlyAmountCents,
        payerKind: order.payerKind,
        status: seeded.status,
        receivedCents: seeded.receivedCents,
        payment: { id: seeded.id },
      });
    }
  });

  it('the sample query of journey 2 runs through the gateway with no error, and this month is PENDING', async () => {
    const token = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
    const { body } = await hub.query(
      token,
      SAMPLE_QUERIES.landlordPayments.query,
      SAMPLE_QUERIES.landlordPayments.variables,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.expectedPayments.length).toBeGreaterThan(0);
    const lease0 = body.data.myLeases[0];
    expect(lease0.rentHistory.at(-1)).toMatchObject({ rentCents: lease0.rentCents, chargesCents: lease0.chargesCents });
    expect(typeof lease0.rentArrears.alert).toBe('boolean');
    const now = await hub.query(token, `{ expectedPayments(month: "${monthFromNow(0)}", first: 100) { status } }`);
    expect(now.body.data.expectedPayments.length).toBeGreaterThan(0);
    expect(now.body.data.expectedPayments.every((r: any) => r.status === 'PENDING')).toBe(true);
  });

  it('a landlord never sees the basis of an order (JUDICIAL: it tells the MASP level), the person or their benefits', async () => {
    const token = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
    const { body } = await hub.query(
      token,
      `{ myLeases(first: 20) { id directPaymentOrders { payerKind basis } beneficiary { id lastName } } }`,
    );
    // one refusal per item, at its path (list indices left out here); the MASP level: test/e2e/journeys.test.ts
    const denied = new Set(
      body.errors.map(
        (e: any) =>
          `${e.path.filter((p: unknown) => typeof p === 'string').join('.')}:${e.extensions.code}:${e.extensions.domain ?? ''}`,
      ),
    );
    expect(denied).toEqual(
      new Set([
        'myLeases.directPaymentOrders.basis:FORBIDDEN:JUDICIAL',
        'myLeases.beneficiary.lastName:FORBIDDEN:IDENTITY',
      ]),
    );
    const withOrder = body.data.myLeases.find((l: any) => l.directPaymentOrders.length);
    expect(withOrder.directPaymentOrders[0].basis).toBeNull();
    expect(typeof withOrder.directPaymentOrders[0].payerKind).toBe('string');
    expect(withOrder.beneficiary.lastName).toBeNull();
  });
});

describe('bailleur › confirmRentPayment', () => {
  it('confirms a full payment, and the same confirmation twice returns the same record (idempotent)', async () => {
    const l = lease(0);
    await createOrder(hub, l.id);
    const first = await confirm(received(l.id, 30000));
    expect(first.errors).toBeUndefined();
    expect(first.data.confirmRentPayment).toMatchObject({
      leaseId: l.id,
      month: LAST_MONTH,
      status: 'CONFIRMED',
      expectedCents: 30000,
      receivedCents: 30000,
      receivedOn: `${LAST_MONTH}-05`,
      confirmedBy: 'gestion-2',
      corrections: [],
    });
    const again = await confirm(received(l.id, 30000));
    expect(again).toEqual(first);
    const writes = await sql(
      `SELECT detail, sub FROM bailleur.access_log WHERE beneficiary_id = $1 AND action = 'WRITE' AND detail LIKE 'confirmRentPayment%'`,
      [l.beneficiaryId],
    );
    expect(writes).toEqual([{ detail: 'confirmRentPayment', sub: 'gestion-2' }]);
  });

  it('two clerks confirming at once leave one record (UNIQUE + ON CONFLICT), all answers naming it', async () => {
    const l = lease(1);
    await createOrder(hub, l.id);
    const tokens = await Promise.all([1, 2, 3, 4, 5].map((n) => hub.token(landlordClaims(B2, `clerk-${n}`))));
    const answers = await Promise.all(tokens.map((t) => confirm(received(l.id, 30000), t)));
    expect(answers.every((a) => !a.errors)).toBe(true);
    expect(new Set(answers.map((a) => a.data.confirmRentPayment.id)).size).toBe(1);
    expect(
      await sql(`SELECT count(*)::int AS n FROM bailleur.rent_payment WHERE lease_id = $1 AND month = $2`, [
        l.id,
        LAST_MONTH,
      ]),
    ).toEqual([{ n: 1 }]);
    expect(
      await sql(
        `SELECT count(*)::int AS n FROM bailleur.rent_payment_correction c JOIN bailleur.rent_payment p ON p.id = c.payment_id WHERE p.lease_id = $1`,
        [l.id],
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('at once with different amounts: still one record, the others kept as corrections', async () => {
    const l = lease(2);
    await createOrder(hub, l.id);
    const answers = await Promise.all(
      [30000, 20000, 0].map(async (amount, n) =>
        confirm(received(l.id, amount), await hub.token(landlordClaims(B2, `clerk-${n}`))),
      ),
    );
    expect(answers.every((a) => !a.errors)).toBe(true);
    expect(new Set(answers.map((a) => a.data.confirmRentPayment.id)).size).toBe(1);
    expect(await sql(`SELECT count(*)::int AS n FROM bailleur.rent_payment WHERE lease_id = $1`, [l.id])).toEqual([
      { n: 1 },
    ]);
    expect(
      await sql(
        `SELECT count(*)::int AS n FROM bailleur.rent_payment_correction c JOIN bailleur.rent_payment p ON p.id = c.payment_id WHERE p.lease_id = $1`,
        [l.id],
      ),
    ).toEqual([{ n: 2 }]);
  });

  it('a different amount is a correction kept in the history with its author; status follows (PARTIAL, MISSING)', async () => {
    const l = lease(3);
    await createOrder(hub, l.id);
    const first = (await confirm(received(l.id, 30000))).data.confirmRentPayment;
    const partial = await confirm(received(l.id, 12000), await hub.token(landlordClaims(B2, 'clerk-correcting')));
    expect(partial.errors).toBeUndefined();
    expect(partial.data.confirmRentPayment).toMatchObject({
      id: first.id,
      status: 'PARTIAL',
      receivedCents: 12000,
      confirmedBy: 'gestion-2',
      corrections: [
        {
          previousReceivedCents: 30000,
          previousStatus: 'CONFIRMED',
          receivedCents: 12000,
          status: 'PARTIAL',
          authorSub: 'clerk-correcting',
        },
      ],
    });
    const missing = (await confirm(received(l.id, 0))).data.confirmRentPayment;
    expect(missing).toMatchObject({ id: first.id, status: 'MISSING', receivedCents: 0, receivedOn: null });
    expect(missing.corrections.map((c: any) => [c.previousStatus, c.status])).toEqual([
      ['CONFIRMED', 'PARTIAL'],
      ['PARTIAL', 'MISSING'],
    ]);
    const writes = await sql<{ detail: string }>(
      `SELECT detail FROM bailleur.access_log WHERE beneficiary_id = $1 AND action = 'WRITE' AND detail LIKE 'confirmRentPayment%' ORDER BY id`,
      [l.beneficiaryId],
    );
    expect(writes.map((w) => w.detail)).toEqual([
      'confirmRentPayment',
      'confirmRentPayment:correction',
      'confirmRentPayment:correction',
    ]);
  });

  describe('refusals', () => {
    let leaseId: string;
    beforeAll(async () => {
      leaseId = lease(4).id;
      await createOrder(hub, leaseId);
    });

    it("refuses another landlord's lease exactly like an unknown one (notReachable)", async () => {
      const other = await confirm(
        received(leaseId, 30000),
        await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']),
      );
      const unknown = await confirm(received('00000000-0000-4000-8000-000000000000', 30000));
      expect(other.data).toBeNull();
      expect(other.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(other.errors[0].message).toBe(unknown.errors[0].message);
      expect(other.errors[0].message).toMatch(/Lease not found or not within your reach/);
    });

    it('refuses a month to come (MONTH_IN_FUTURE)', async () => {
      const { errors } = await confirm(received(leaseId, 30000, monthFromNow(1)));
      expect(errors[0].extensions).toMatchObject({ code: 'MONTH_IN_FUTURE', field: 'month' });
    });

    it('refuses a malformed month (BAD_USER_INPUT, field month)', async () => {
      for (const month of ['2025-13', '2025-1', 'mars']) {
        const { errors } = await confirm({ ...received(leaseId, 30000), month });
        expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
      }
    });

    it('refuses a negative or absurd amount (BAD_USER_INPUT, field amountReceivedCents)', async () => {
      for (const amount of [-1, 90001, 5_000_000]) {
        const { errors } = await confirm(received(leaseId, amount));
        expect(errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountReceivedCents' });
      }
      expect(await sql(`SELECT count(*)::int AS n FROM bailleur.rent_payment WHERE lease_id = $1`, [leaseId])).toEqual([
        { n: 0 },
      ]);
    });

    it('refuses a received amount without a date, or dated in the future', async () => {
      expect((await confirm({ ...received(leaseId, 30000), receivedOn: null })).errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'receivedOn',
      });
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      expect(
        (await confirm({ ...received(leaseId, 30000), month: monthFromNow(0), receivedOn: tomorrow })).errors[0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'receivedOn' });
    });

    it('refuses a month without an active order (NO_ACTIVE_ORDER)', async () => {
      const before = await confirm(received(leaseId, 30000, monthFromNow(-5)));
      expect(before.errors[0].extensions.code).toBe('NO_ACTIVE_ORDER');
      const noOrder = await confirm(received(lease(5).id, 30000));
      expect(noOrder.errors[0].extensions.code).toBe('NO_ACTIVE_ORDER');
      expect(noOrder.errors[0].message).toMatch(/No direct-payment order is active/);
      expect(noOrder.errors[0].extensions.rule).toBe('pratique départementale');
    });

    it('refuses every role but the landlord (requireRole)', async () => {
      const { errors } = await confirm(
        received(leaseId, 30000),
        await hub.token(DEMO_CALLERS['DELEGUE (association A)']),
      );
      expect(errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['GESTIONNAIRE_LOCATIF'] });
    });
  });
});

describe('bailleur › confirmRentPayments (a month in one call)', () => {
  const BATCH = `mutation($month: Month!, $items: [RentConfirmationItemInput!]!) {
    confirmRentPayments(month: $month, items: $items) { leaseId ok errorCode errorField errorMessage payment { id status receivedCents } } }`;

  it('confirms each item in its own transaction: a refused item leaves the others confirmed', async () => {
    const [ok1, ok2, noOrder] = [lease(6), lease(7), lease(8)];
    await createOrder(hub, ok1.id);
    await createOrder(hub, ok2.id);
    const otherLandlords = hub.plan.orders.find(
      (o) => hub.plan.leases.find((l) => l.id === o.leaseId)!.landlordOrgId === B1,
    )!.leaseId;
    const { body } = await hub.query(await asB2(), BATCH, {
      month: LAST_MONTH,
      items: [
        { leaseId: ok1.id, amountReceivedCents: 30000, receivedOn: `${LAST_MONTH}-03` },
        { leaseId: noOrder.id, amountReceivedCents: 30000, receivedOn: `${LAST_MONTH}-03` },
        { leaseId: otherLandlords, amountReceivedCents: 30000, receivedOn: `${LAST_MONTH}-03` },
        { leaseId: ok1.id, amountReceivedCents: 99999999, receivedOn: `${LAST_MONTH}-03` },
        { leaseId: ok2.id, amountReceivedCents: 0 },
      ],
    });
    expect(body.errors).toBeUndefined();
    const r = body.data.confirmRentPayments;
    expect(r.map((x: any) => [x.leaseId, x.ok, x.errorCode, x.errorField])).toEqual([
      [ok1.id, true, null, null],
      [noOrder.id, false, 'NO_ACTIVE_ORDER', 'month'],
      [otherLandlords, false, 'FORBIDDEN', null],
      [ok1.id, false, 'BAD_USER_INPUT', 'amountReceivedCents'],
      [ok2.id, true, null, null],
    ]);
    expect(r[0].payment).toMatchObject({ status: 'CONFIRMED', receivedCents: 30000 });
    expect(r[4].payment).toMatchObject({ status: 'MISSING', receivedCents: 0 });
    expect(r[2].errorMessage).toMatch(/not within your reach/);
    const rows = await sql<{ lease_id: string; status: string }>(
      `SELECT lease_id, status FROM bailleur.rent_payment WHERE lease_id = ANY($1) ORDER BY status`,
      [[ok1.id, ok2.id, noOrder.id]],
    );
    expect(rows).toEqual([
      { lease_id: ok1.id, status: 'CONFIRMED' },
      { lease_id: ok2.id, status: 'MISSING' },
    ]);
  });

  it('refuses the whole call for a malformed or future month, or no items', async () => {
    const token = await asB2();
    const item = { leaseId: lease(6).id, amountReceivedCents: 30000, receivedOn: today() };
    expect(
      (await hub.query(token, BATCH, { month: '2025-00', items: [item] })).body.errors[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    expect(
      (await hub.query(token, BATCH, { month: monthFromNow(2), items: [item] })).body.errors[0].extensions.code,
    ).toBe('MONTH_IN_FUTURE');
    expect((await hub.query(token, BATCH, { month: LAST_MONTH, items: [] })).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items',
    });
  });
});

describe('bailleur › landlord isolation', () => {
  it("landlord 1 sees none of landlord 2's leases, expected payments or confirmations", async () => {
    const b2Leases = new Set(hub.plan.leases.filter((l) => l.landlordOrgId === B2).map((l) => l.id));
    const token = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
    const { body } = await hub.query(
      token,
      `query($m: Month!) { expectedPayments(month: $m, first: 100) { leaseId } myLeases(first: 100) { id } }`,
      { m: LAST_MONTH },
    );
    expect(body.data.expectedPayments.length).toBeGreaterThan(0);
    expect(body.data.expectedPayments.some((r: any) => b2Leases.has(r.leaseId))).toBe(false);
    expect(body.data.myLeases.some((r: any) => b2Leases.has(r.id))).toBe(false);
    const other = await hub.query(token, `query($id: ID!) { beneficiary(id: $id) { id } }`, {
      id: lease(0).beneficiaryId,
    });
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('another landlord organisation (not in the demo) reaches nothing', async () => {
    const token = await hub.token(landlordClaims('b0000000-0000-4000-8000-0000000000ff'));
    const { body } = await hub.query(
      token,
      `query($m: Month!) { expectedPayments(month: $m) { leaseId } myLeases { id } }`,
      { m: LAST_MONTH },
    );
    expect(body).toEqual({ data: { expectedPayments: [], myLeases: [] } });
  });
});

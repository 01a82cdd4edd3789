import { randomUUID } from 'node:crypto';
import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import type { PartnerEvent, PartnerEvents } from '../../../schema/events';
import {
  handlePaymentOrderDecided,
  handlePaymentOrderEnded,
} from '../../../subgraphs/bailleur/events/payment-order.handlers';
import { addDays, monthOf, shiftMonth } from '../../../subgraphs/kit/rules/calendar';
import { DEMO_ORGS, demoJudicialOrders } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import { holdDeliveriesInEachTest } from '../../helpers/outbox';
import { CREATE_ORDER, landlordClaims, sql, staffClaims, today } from './fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const B1 = DEMO_ORGS.bailleurs[0];
const B3 = DEMO_ORGS.bailleurs[2];
const landlord = () => hub.token(landlordClaims(B1));

/**
 * Persons of the register with no lease in the demo (MASP 1), this file's: from the end of the list, outside
 * MDD-ORLEANS, whose persons' leases other test files count (the registry and the journeys read that territory).
 */
const tenant = (i: number) => {
  const leased = new Set(hub.plan.leases.map((l) => l.beneficiaryId));
  return hub.plan.persons.filter((p) => !leased.has(p.id) && p.territory !== 'MDD-ORLEANS').reverse()[i];
};

const RECORD = `mutation($input: RecordLeaseInput!) { recordLease(input: $input) { id landlordOrgId reference rentCents chargesCents startsOn endsOn rentHistory { effectiveFrom rentCents chargesCents } beneficiary { id } } }`;
const REVISE = `mutation($input: ReviseRentInput!) { reviseRent(input: $input) { id rentCents chargesCents rentHistory { effectiveFrom rentCents } } }`;
const END_LEASE = `mutation($input: EndLeaseInput!) { endLease(input: $input) { id endsOn directPaymentOrders { id endsOn } } }`;
const DECLARE = `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id months } }`;

const leaseInput = (beneficiaryId: string, reference: string, extra: Record<string, unknown> = {}) => ({
  beneficiaryId,
  reference,
  address: '3 rue du Test, 45000 Orléans',
  tenantName: 'TEST Locataire',
  rentCents: 42000,
  chargesCents: 9000,
  startsOn: addDays(today(), -400),
  ...extra,
});

/**
 * The delivery jobs the bailleur enqueued for `type` about `key` (its `data` holds that value): read while
 * `holdDeliveriesInEachTest` holds them, before any hub's runner delivers them.
 */
async function jobs(type: string, key: string): Promise<{ to: string; data: Record<string, unknown> }[]> {
  const rows = await sql<{ payload: { to: string; event: { type: string; data: Record<string, unknown> } } }>(
    `SELECT j.payload FROM bailleur_worker._private_jobs j JOIN bailleur_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'deliver_event' AND j.payload->'event'->>'type' = $1 AND j.payload::text LIKE '%' || $2 || '%'
      ORDER BY j.id`,
    [type, key],
  );
  return rows.map((r) => ({ to: r.payload.to, data: r.payload.event.data }));
}

async function record(beneficiaryId: string, reference: string, extra: Record<string, unknown> = {}) {
  const { body } = await hub.query(await landlord(), RECORD, { input: leaseInput(beneficiaryId, reference, extra) });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.recordLease;
}

function asDelivered<T extends keyof PartnerEvents>(type: T, data: PartnerEvents[T]): PartnerEvent<T> {
  return { id: randomUUID(), type, producer: 'department', occurredAt: new Date().toISOString(), data };
}

describe('bailleur › leases are data: recorded, revised and ended through the API', () => {
  holdDeliveriesInEachTest('bailleur', 'department');

  it("records a lease for a person of the département's register; the département learns it (lease.recorded)", async () => {
    const person = tenant(0);
    const lease = await record(person.id, 'API-LEASE-1');
    expect(lease).toMatchObject({
      landlordOrgId: B1,
      reference: 'API-LEASE-1',
      rentCents: 42000,
      chargesCents: 9000,
      endsOn: null,
      rentHistory: [{ effectiveFrom: addDays(today(), -400), rentCents: 42000, chargesCents: 9000 }],
      beneficiary: { id: person.id },
    });
    expect(await jobs('lease.recorded', lease.id)).toEqual([
      {
        to: 'department',
        data: {
          leaseId: lease.id,
          beneficiaryId: person.id,
          landlordOrgId: B1,
          reference: 'API-LEASE-1',
          rentCents: 42000,
          chargesCents: 9000,
          startsOn: addDays(today(), -400),
          endsOn: null,
        },
      },
    ]);
    const writes = await sql(
      `SELECT sub, detail FROM bailleur.access_log WHERE beneficiary_id = $1 AND action = 'WRITE'`,
      [person.id],
    );
    expect(writes).toEqual([{ sub: 'gestion-1', detail: 'recordLease' }]);
  });

  it('refuses a tenant who is not a person of the register, a reference taken, a bad amount — nothing written', async () => {
    const stranger = randomUUID();
    const { body } = await hub.query(await landlord(), RECORD, { input: leaseInput(stranger, 'API-LEASE-X') });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({
      code: 'LEASE_TENANT_UNKNOWN',
      rule: 'pratique départementale',
      field: 'beneficiaryId',
    });
    const seeded = hub.plan.leases.find((l) => l.landlordOrgId === B1)!;
    const taken = await hub.query(await landlord(), RECORD, { input: leaseInput(tenant(1).id, seeded.reference) });
    expect(taken.body.errors[0].extensions).toMatchObject({ code: 'LEASE_REFERENCE_TAKEN', field: 'reference' });
    const zero = await hub.query(await landlord(), RECORD, {
      input: leaseInput(tenant(1).id, 'API-LEASE-Y', { rentCents: 0 }),
    });
    expect(zero.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rentCents' });
    const backwards = await hub.query(await landlord(), RECORD, {
      input: leaseInput(tenant(1).id, 'API-LEASE-Y', { endsOn: addDays(today(), -500) }),
    });
    expect(backwards.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsOn' });
    expect(
      await sql(`SELECT id FROM bailleur.lease WHERE beneficiary_id = ANY($1) OR reference = 'API-LEASE-Y'`, [
        [stranger, tenant(1).id],
      ]),
    ).toEqual([]);
    expect(await jobs('lease.recorded', stranger)).toEqual([]);
    expect(await jobs('lease.recorded', tenant(1).id)).toEqual([]);
  });

  it('only a landlord records a lease, for its own organisation', async () => {
    const delegue = await hub.token(DEMO_CALLERS['DELEGUE (association A)']);
    const { body } = await hub.query(delegue, RECORD, { input: leaseInput(tenant(2).id, 'API-LEASE-D') });
    expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['GESTIONNAIRE_LOCATIF'] });
    const staff = await hub.query(await hub.token(staffClaims), RECORD, { input: leaseInput(tenant(2).id, 'X') });
    expect(staff.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('revises the rent (the département learns the rent in force); refuses a date to come or under a running order', async () => {
    const lease = await record(tenant(3).id, 'API-LEASE-3');
    const token = await landlord();
    const revised = await hub.query(token, REVISE, {
      input: { leaseId: lease.id, effectiveFrom: addDays(today(), -30), rentCents: 43000, chargesCents: 9500 },
    });
    expect(revised.body.data.reviseRent).toMatchObject({
      rentCents: 43000,
      chargesCents: 9500,
      rentHistory: [
        { effectiveFrom: addDays(today(), -400), rentCents: 42000 },
        { effectiveFrom: addDays(today(), -30), rentCents: 43000 },
      ],
    });
    expect((await jobs('lease.recorded', lease.id)).map((j) => j.data.rentCents)).toEqual([42000, 43000]);
    const later = await hub.query(token, REVISE, {
      input: { leaseId: lease.id, effectiveFrom: addDays(today(), 1), rentCents: 44000, chargesCents: 9500 },
    });
    expect(later.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'effectiveFrom' });
    const twice = await hub.query(token, REVISE, {
      input: { leaseId: lease.id, effectiveFrom: addDays(today(), -30), rentCents: 44000, chargesCents: 9500 },
    });
    expect(twice.body.errors[0].extensions.code).toBe('RENT_TERM_ALREADY_RECORDED');
    // A DEPARTEMENT order of 500 € runs: the rent may not fall under it (CASF L271-5).
    const order = await hub.query(await hub.token(staffClaims), CREATE_ORDER, {
      input: {
        leaseId: lease.id,
        basis: 'MASP2_DELEGATION',
        payerOrgId: DEMO_ORGS.departement,
        payerKind: 'DEPARTEMENT',
        monthlyAmountCents: 50000,
        startsOn: addDays(today(), -10),
      },
    });
    expect(order.body.errors).toBeUndefined();
    const under = await hub.query(token, REVISE, {
      input: { leaseId: lease.id, effectiveFrom: addDays(today(), -5), rentCents: 40000, chargesCents: 9000 },
    });
    expect(under.body.errors[0].extensions).toMatchObject({ code: 'DIRECT_PAYMENT_EXCEEDS_RENT_L271_5' });
    const other = await hub.query(await hub.token(landlordClaims(B3)), REVISE, {
      input: { leaseId: lease.id, effectiveFrom: addDays(today(), -2), rentCents: 44000, chargesCents: 9500 },
    });
    expect(other.body.errors[0].message).toMatch(/Lease not found or not within your reach/);
    expect(await sql(`SELECT effective_from FROM bailleur.lease_rent WHERE lease_id = $1`, [lease.id])).toHaveLength(2);
  });

  it('ends a lease: its orders stop that day, the département learns it (lease.ended); an end only moves earlier', async () => {
    const lease = await record(tenant(4).id, 'API-LEASE-4');
    const order = await hub.query(await hub.token(staffClaims), CREATE_ORDER, {
      input: {
        leaseId: lease.id,
        basis: 'MASP2_DELEGATION',
        payerOrgId: DEMO_ORGS.departement,
        payerKind: 'DEPARTEMENT',
        monthlyAmountCents: 30000,
        startsOn: addDays(today(), -60),
      },
    });
    const orderId = order.body.data.createDirectPaymentOrder.id;
    const token = await landlord();
    const ended = await hub.query(token, END_LEASE, { input: { leaseId: lease.id, endsOn: today() } });
    expect(ended.body.errors).toBeUndefined();
    expect(ended.body.data.endLease).toEqual({
      id: lease.id,
      endsOn: today(),
      directPaymentOrders: [{ id: orderId, endsOn: today() }],
    });
    expect(await jobs('lease.ended', lease.id)).toEqual([
      {
        to: 'department',
        data: { leaseId: lease.id, beneficiaryId: tenant(4).id, landlordOrgId: B1, endsOn: today() },
      },
    ]);
    const again = await hub.query(token, END_LEASE, { input: { leaseId: lease.id, endsOn: today() } });
    expect(again.body.errors[0].extensions).toMatchObject({
      code: 'LEASE_ALREADY_ENDED',
      rule: 'pratique départementale',
    });
    expect(await jobs('lease.ended', lease.id)).toHaveLength(1);
  });
});

describe('bailleur › arrears reach the département from the landlord’s records (CASF L271-5)', () => {
  holdDeliveriesInEachTest('bailleur', 'department');

  it('one unpaid month publishes nothing; a declaration completing two consecutive months publishes arrears.reached', async () => {
    const lease = await record(tenant(5).id, 'API-LEASE-5');
    const token = await landlord();
    const m1 = shiftMonth(monthOf(today()), -2);
    const m2 = shiftMonth(monthOf(today()), -1);
    const one = await hub.query(token, DECLARE, { input: { leaseId: lease.id, months: [m1], amountDueCents: 51000 } });
    expect(one.body.errors).toBeUndefined();
    expect(await jobs('arrears.reached', lease.id)).toEqual([]);
    const two = await hub.query(token, DECLARE, { input: { leaseId: lease.id, months: [m2], amountDueCents: 51000 } });
    expect(await jobs('arrears.reached', lease.id)).toEqual([
      {
        to: 'department',
        data: {
          leaseId: lease.id,
          beneficiaryId: tenant(5).id,
          landlordOrgId: B1,
          unpaidMonths: [m1, m2],
          declarationId: two.body.data.declareRentArrears.id,
        },
      },
    ]);
  });
});

describe('bailleur › orders on a judgment come from the département (payment-order.decided / .ended)', () => {
  const ds = () => hub.subgraphs.bailleur.dataSource;

  it('the demo judicial orders: each names its judgment and ends with its term, as the département decided', async () => {
    const demo = demoJudicialOrders(hub.plan);
    expect(demo.length).toBeGreaterThan(0);
    const rows = await sql<{ id: string; judgment_id: string; starts_on: string; ends_on: string }>(
      `SELECT id, judgment_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM bailleur.direct_payment_order WHERE basis = 'MASP3_JUDGMENT' AND id = ANY($1) ORDER BY id`,
      [demo.map((o) => o.orderId)], // other test files judge orders of their own
    );
    expect(rows).toHaveLength(demo.length);
    const department = await sql<{ id: string; judgment_id: string; starts_on: string; ends_on: string }>(
      `SELECT id, judgment_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
         FROM department.payment_order WHERE id = ANY($1) ORDER BY id`,
      [demo.map((o) => o.orderId)],
    );
    expect(rows).toEqual(department);
    expect(rows.every((r) => r.judgment_id && r.ends_on)).toBe(true);
  });

  it('creates the order once, tells the landlord; ends it once; a lease not the landlord’s is refused, nothing written', async () => {
    const lease = await record(tenant(6).id, 'API-LEASE-6');
    const decided = asDelivered('payment-order.decided', {
      orderId: randomUUID(),
      basis: 'MASP3_JUDGMENT',
      leaseId: lease.id,
      beneficiaryId: tenant(6).id,
      landlordOrgId: B1,
      monthlyAmountCents: 45000,
      startsOn: addDays(today(), -20),
      endsOn: addDays(today(), 700),
      judgmentId: randomUUID(),
      payerOrgId: DEMO_ORGS.organismePayeur,
    });
    await ds().transaction((tx) => handlePaymentOrderDecided(tx, decided));
    await ds().transaction((tx) => handlePaymentOrderDecided(tx, { ...decided, id: randomUUID() }));
    const orders = await sql(
      `SELECT basis, payer_kind, judgment_id, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM bailleur.direct_payment_order WHERE lease_id = $1`,
      [lease.id],
    );
    expect(orders).toEqual([
      {
        basis: 'MASP3_JUDGMENT',
        payer_kind: 'ORGANISME_PAYEUR',
        judgment_id: decided.data.judgmentId,
        ends_on: addDays(today(), 700),
      },
    ]);
    const told = await sql(`SELECT audience_org_id, kind, data FROM bailleur.notification WHERE beneficiary_id = $1`, [
      tenant(6).id,
    ]);
    expect(told).toEqual([
      {
        audience_org_id: B1,
        kind: 'payment-order.decided',
        data: {
          orderId: decided.data.orderId,
          leaseId: lease.id,
          payerOrgId: DEMO_ORGS.organismePayeur,
          monthlyAmountCents: 45000,
          startsOn: addDays(today(), -20),
          endsOn: addDays(today(), 700),
        },
      },
    ]);
    // The landlord now expects the payment this month, with no word of the basis.
    const expected = await hub.query(
      await landlord(),
      `query($m: Month!) { expectedPayments(month: $m, first: 200) { leaseId orderId expectedCents payerKind } }`,
      { m: monthOf(today()) },
    );
    expect(JSON.stringify(expected.body)).not.toMatch(/MASP3|JUDGMENT/);

    const ended = asDelivered('payment-order.ended', {
      orderId: decided.data.orderId,
      beneficiaryId: tenant(6).id,
      landlordOrgId: B1,
      endsOn: today(),
      reason: 'MAINLEVEE',
    });
    await ds().transaction((tx) => handlePaymentOrderEnded(tx, ended));
    await ds().transaction((tx) => handlePaymentOrderEnded(tx, { ...ended, id: randomUUID() }));
    expect(
      await sql(
        `SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM bailleur.direct_payment_order WHERE lease_id = $1`,
        [lease.id],
      ),
    ).toEqual([{ ends_on: today() }]);
    expect(
      (await sql(`SELECT kind FROM bailleur.notification WHERE beneficiary_id = $1 ORDER BY id`, [tenant(6).id])).map(
        (n: any) => n.kind,
      ),
    ).toEqual(['payment-order.decided', 'payment-order.ended']);

    const foreign = hub.plan.leases.find((l) => l.landlordOrgId === B3)!;
    const wrong = asDelivered('payment-order.decided', {
      ...decided.data,
      orderId: randomUUID(),
      leaseId: foreign.id,
    });
    await expect(ds().transaction((tx) => handlePaymentOrderDecided(tx, wrong))).rejects.toMatchObject({
      extensions: { code: 'ORDER_LEASE_MISMATCH', rule: 'CASF L271-5' },
    });
    expect(await sql(`SELECT id FROM bailleur.direct_payment_order WHERE id = $1`, [wrong.data.orderId])).toEqual([]);
  });
});

describe('bailleur › a person’s leases show the payments each field asks for (issue 21: only those are read)', () => {
  it('answers every `payments(last:)` of one operation, in fragments and from variables, as asked alone', async () => {
    const person = tenant(5);
    const lease = await record(person.id, 'API-LEASE-PAYMENTS');
    const months = [1, 2, 3, 4, 5, 6].map((i) => shiftMonth(monthOf(today()), -i)); // newest first
    await sql(
      `INSERT INTO bailleur.rent_payment (lease_id, beneficiary_id, month, expected_cents, received_cents, status)
       SELECT $1, $2, m, 51000, 51000, 'CONFIRMED' FROM unnest($3::text[]) AS m`,
      [lease.id, person.id, months],
    );
    const staff = await hub.token(staffClaims);
    const read = async (query: string, variables: Record<string, unknown> = {}) => {
      const { body } = await hub.query(staff, query, { id: person.id, ...variables });
      expect(body.errors).toBeUndefined();
      return body.data.beneficiary.leases.find((l: { id: string }) => l.id === lease.id);
    };
    const monthsOf = (payments: { month: string }[]) => payments.map((p) => p.month);
    // the largest `last` is in a fragment, from a variable: the smaller ones beside it are slices of the same read
    const together = await read(
      `query($id: ID!, $n: Int!) { beneficiary(id: $id) { leases { id one: payments(last: 1) { month } ...F } } }
       fragment F on Lease { some: payments(last: $n) { month } byDefault: payments { month } }`,
      { n: 5 },
    );
    expect(monthsOf(together.one)).toEqual(months.slice(0, 1));
    expect(monthsOf(together.some)).toEqual(months.slice(0, 5));
    expect(monthsOf(together.byDefault)).toEqual(months.slice(0, 3));
    // alone, each as it is
    for (const last of [1, 2, 6, 12]) {
      const alone = await read(
        `query($id: ID!) { beneficiary(id: $id) { leases { id payments(last: ${last}) { month } } } }`,
      );
      expect(monthsOf(alone.payments)).toEqual(months.slice(0, last));
    }
  });
});

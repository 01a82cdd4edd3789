import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import {
  CONFIRM,
  CREATE_ORDER,
  createOrder,
  landlordClaims,
  leasesWithoutOrder,
  monthFromNow,
  sql,
  staffClaims,
  today,
} from './fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const B2 = DEMO_ORGS.bailleurs[1];
const B3 = DEMO_ORGS.bailleurs[2];
/**
 * This file's leases: bailleur 2's leases without an order from 12 on (confirmations.test.ts takes 0 to 11), and
 * bailleur 3's.
 */
const lease = (i: number) => leasesWithoutOrder(hub, B2)[12 + i];
const lease3 = (i: number) => leasesWithoutOrder(hub, B3)[i];
const staff = () => hub.token(staffClaims);
const orderInput = (leaseId: string, extra: Record<string, unknown> = {}) => ({
  leaseId,
  basis: 'MASP2_DELEGATION',
  payerOrgId: DEMO_ORGS.associationA,
  payerKind: 'ASSOCIATION',
  monthlyAmountCents: 30000,
  startsOn: `${monthFromNow(-4)}-01`,
  ...extra,
});
const END = `mutation($input: EndDirectPaymentOrderInput!) { endDirectPaymentOrder(input: $input) { id endsOn } }`;

describe('bailleur › direct-payment orders', () => {
  it('département staff create an order; the amount may reach rent + charges in force, not one cent more (CASF L271-5)', async () => {
    const l = lease(0);
    const token = await staff();
    const { body: history } = await hub.query(
      token,
      `query($id: ID!) { beneficiary(id: $id) { leases { id rentHistory { effectiveFrom rentCents chargesCents } } } }`,
      { id: l.beneficiaryId },
    );
    const terms = history.data.beneficiary.leases.find((x: any) => x.id === l.id).rentHistory;
    expect(terms.at(-1)).toMatchObject({ rentCents: l.rentCents, chargesCents: l.chargesCents });
    expect(terms[0].effectiveFrom).toBe(l.startsOn);
    const startsOn = today();
    const ceiling = l.rentCents + l.chargesCents; // the current line is in force from today on
    const over = await hub.query(token, CREATE_ORDER, {
      input: orderInput(l.id, { startsOn, monthlyAmountCents: ceiling + 1 }),
    });
    expect(over.body.errors[0].extensions).toMatchObject({
      code: 'DIRECT_PAYMENT_EXCEEDS_RENT_L271_5',
      field: 'monthlyAmountCents',
      maxCents: ceiling,
    });
    expect(over.body.errors[0].message).toMatch(/CASF L271-5/);
    expect(over.body.errors[0].extensions.rule).toBe('CASF L271-5');
    const ok = await hub.query(token, CREATE_ORDER, {
      input: orderInput(l.id, {
        startsOn,
        monthlyAmountCents: ceiling,
        payerKind: 'DEPARTEMENT',
        payerOrgId: DEMO_ORGS.departement,
      }),
    });
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.createDirectPaymentOrder).toMatchObject({
      leaseId: l.id,
      basis: 'MASP2_DELEGATION',
      payerKind: 'DEPARTEMENT',
      monthlyAmountCents: ceiling,
      startsOn,
      endsOn: null,
    });
    const writes = await sql(
      `SELECT sub, domains FROM bailleur.access_log WHERE beneficiary_id = $1 AND detail = 'createDirectPaymentOrder'`,
      [l.beneficiaryId],
    );
    expect(writes).toEqual([{ sub: 'encadrant-dept', domains: ['JUDICIAL', 'TENANCY'] }]);
  });

  it('refuses an order on a judgment: only the département decides one, from the judgment it recorded (CASF L271-5)', async () => {
    const l = lease(5);
    const judicial = orderInput(l.id, {
      basis: 'MASP3_JUDGMENT',
      payerKind: 'ORGANISME_PAYEUR',
      payerOrgId: DEMO_ORGS.organismePayeur,
      endsOn: today(),
    });
    const { body } = await hub.query(await staff(), CREATE_ORDER, { input: judicial });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({
      code: 'JUDICIAL_ORDER_FROM_DEPARTMENT_ONLY',
      rule: 'CASF L271-5',
      field: 'basis',
    });
    expect(await sql(`SELECT id FROM bailleur.direct_payment_order WHERE lease_id = $1`, [l.id])).toEqual([]);
    // and an order the département decided on a judgment is not ended here either
    const [seeded] = await sql<{ id: string }>(
      `SELECT id FROM bailleur.direct_payment_order WHERE basis = 'MASP3_JUDGMENT' AND judgment_id IS NOT NULL LIMIT 1`,
    );
    const end = await hub.query(await staff(), END, { input: { orderId: seeded.id, endsOn: today() } });
    expect(end.body.errors[0].extensions.code).toBe('JUDICIAL_ORDER_FROM_DEPARTMENT_ONLY');
  });

  it('refuses an older rent line exceeded: the ceiling is the lowest rent in force over the period', async () => {
    const l = lease(1);
    const { body } = await hub.query(await staff(), CREATE_ORDER, {
      input: orderInput(l.id, { startsOn: l.startsOn, monthlyAmountCents: l.rentCents + l.chargesCents }),
    });
    // the lease's first line was lower (yearly revisions)
    expect(body.errors[0].extensions.code).toBe('DIRECT_PAYMENT_EXCEEDS_RENT_L271_5');
    expect(body.errors[0].extensions.maxCents).toBeLessThan(l.rentCents + l.chargesCents);
  });

  it('refuses a payer the basis does not allow, an overlapping order, a start before the lease', async () => {
    const l = lease(2);
    const token = await staff();
    const mismatch = await hub.query(token, CREATE_ORDER, { input: orderInput(l.id, { basis: 'MAJ_MANDATE' }) });
    expect(mismatch.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'payerKind' });
    const early = await hub.query(token, CREATE_ORDER, { input: orderInput(l.id, { startsOn: '1990-01-01' }) });
    expect(early.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsOn' });
    await createOrder(hub, l.id);
    const overlap = await hub.query(token, CREATE_ORDER, { input: orderInput(l.id, { startsOn: today() }) });
    expect(overlap.body.errors[0].extensions.code).toBe('ORDER_OVERLAP');
    expect(overlap.body.errors[0].extensions.rule).toBe('CASF L271-5'); // two orders would pay the rent twice
  });

  it('a landlord may not create an order; a DELEGUE only one its own association pays', async () => {
    const l = lease(3);
    const landlord = await hub.query(await hub.token(landlordClaims(B2)), CREATE_ORDER, { input: orderInput(l.id) });
    expect(landlord.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredRoles: ['TRAVAILLEUR_SOCIAL', 'ENCADRANT', 'DELEGUE', 'MJPM'],
    });
    const delegueB = await hub.token(DEMO_CALLERS['DELEGUE (association B)']);
    const namingA = await hub.query(delegueB, CREATE_ORDER, { input: orderInput(l.id) });
    expect(namingA.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'PAYER_NOT_CALLER' });
    // Association B names itself, but pays nothing on this lease yet: the lease is out of its reach.
    const outOfReach = await hub.query(delegueB, CREATE_ORDER, {
      input: orderInput(l.id, { payerOrgId: DEMO_ORGS.associationB }),
    });
    expect(outOfReach.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(outOfReach.body.errors[0].message).toMatch(/Lease not found or not within your reach/);
  });

  it('a DELEGUE paying on a lease ends its order and sets up the next one; a landlord may end none', async () => {
    const l = lease(4);
    const first = await createOrder(hub, l.id, monthFromNow(-2));
    const delegueA = await hub.token(DEMO_CALLERS['DELEGUE (association A)']);
    const ended = await hub.query(delegueA, END, { input: { orderId: first, endsOn: today() } });
    expect(ended.body.errors).toBeUndefined();
    expect(ended.body.data.endDirectPaymentOrder).toEqual({ id: first, endsOn: today() });
    const again = await hub.query(delegueA, END, { input: { orderId: first, endsOn: today() } });
    expect(again.body.errors[0].extensions.code).toBe('ORDER_ALREADY_ENDED');
    expect(again.body.errors[0].extensions.rule).toBe('pratique départementale');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const next = await hub.query(delegueA, CREATE_ORDER, {
      input: orderInput(l.id, { startsOn: tomorrow, monthlyAmountCents: 25000 }),
    });
    // The order is created; its basis (JUDICIAL) is not the délégataire's to read back.
    expect(next.body.errors.map((e: any) => [e.path.join('.'), e.extensions.domain])).toEqual([
      ['createDirectPaymentOrder.basis', 'JUDICIAL'],
    ]);
    expect(next.body.data.createDirectPaymentOrder).toMatchObject({
      basis: null,
      payerOrgId: DEMO_ORGS.associationA,
      monthlyAmountCents: 25000,
      startsOn: tomorrow,
    });
    // Association B may not end association A's order: same refusal as an unknown order.
    const other = await hub.query(await hub.token(DEMO_CALLERS['DELEGUE (association B)']), END, {
      input: { orderId: next.body.data.createDirectPaymentOrder.id, endsOn: tomorrow },
    });
    expect(other.body.errors[0].message).toMatch(/DirectPaymentOrder not found or not within your reach/);
    const landlordEnds = await hub.query(await hub.token(landlordClaims(B2)), END, {
      input: { orderId: first, endsOn: today() },
    });
    expect(landlordEnds.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('bailleur › arrears and the L271-5 alert (two consecutive unpaid months)', () => {
  const ARREARS = `query($id: ID!) { beneficiary(id: $id) { rentArrears { unpaidMonths consecutiveUnpaidMonths amountDueCents alert } } }`;
  const arrears = async (beneficiaryId: string) => {
    const { body } = await hub.query(await staff(), ARREARS, { id: beneficiaryId });
    expect(body.errors).toBeUndefined();
    return body.data.beneficiary.rentArrears;
  };
  const missing = async (leaseId: string, month: string) => {
    const { body } = await hub.query(await hub.token(landlordClaims(B3)), CONFIRM, {
      input: { leaseId, month, amountReceivedCents: 0 },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.confirmRentPayment.status).toBe('MISSING');
  };

  it('from MISSING confirmations: 1 month → no alert; 2 non-consecutive → no alert; 2 consecutive → alert', async () => {
    const l = lease3(0);
    await createOrder(hub, l.id);
    expect(await arrears(l.beneficiaryId)).toEqual({
      unpaidMonths: [],
      consecutiveUnpaidMonths: 0,
      amountDueCents: 0,
      alert: false,
    });
    await missing(l.id, monthFromNow(-3));
    expect(await arrears(l.beneficiaryId)).toEqual({
      unpaidMonths: [monthFromNow(-3)],
      consecutiveUnpaidMonths: 1,
      amountDueCents: 30000,
      alert: false,
    });
    await missing(l.id, monthFromNow(-1));
    expect(await arrears(l.beneficiaryId)).toMatchObject({
      consecutiveUnpaidMonths: 1,
      amountDueCents: 60000,
      alert: false,
    });
    await missing(l.id, monthFromNow(-2));
    expect(await arrears(l.beneficiaryId)).toEqual({
      unpaidMonths: [-3, -2, -1].map(monthFromNow),
      consecutiveUnpaidMonths: 3,
      amountDueCents: 90000,
      alert: true,
    });
  });

  it('from declarations on a lease without any order (before the L271-5 path opens); the landlord reads it too', async () => {
    const l = lease3(1);
    const token = await hub.token(landlordClaims(B3));
    const DECLARE = `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id leaseId months amountDueCents declaredBy } }`;
    const one = await hub.query(token, DECLARE, {
      input: { leaseId: l.id, months: [monthFromNow(-2)], amountDueCents: 20000 },
    });
    expect(one.body.data.declareRentArrears).toMatchObject({
      leaseId: l.id,
      months: [monthFromNow(-2)],
      amountDueCents: 20000,
      declaredBy: 'gestion-3',
    });
    expect(await arrears(l.beneficiaryId)).toEqual({
      unpaidMonths: [monthFromNow(-2)],
      consecutiveUnpaidMonths: 1,
      amountDueCents: 20000,
      alert: false,
    });
    await hub.query(token, DECLARE, {
      input: { leaseId: l.id, months: [monthFromNow(-1), monthFromNow(-2)], amountDueCents: 45000 },
    });
    expect(await arrears(l.beneficiaryId)).toEqual({
      unpaidMonths: [monthFromNow(-2), monthFromNow(-1)],
      consecutiveUnpaidMonths: 2,
      amountDueCents: 45000,
      alert: true,
    });
    const mine = await hub.query(
      token,
      `{ myLeases(first: 100) { id rentArrears { alert consecutiveUnpaidMonths } } }`,
    );
    expect(mine.body.data.myLeases.find((x: any) => x.id === l.id).rentArrears).toEqual({
      alert: true,
      consecutiveUnpaidMonths: 2,
    });
    const writes = await sql(
      `SELECT count(*)::int AS n FROM bailleur.access_log WHERE beneficiary_id = $1 AND detail = 'declareRentArrears' AND sub = 'gestion-3'`,
      [l.beneficiaryId],
    );
    expect(writes).toEqual([{ n: 2 }]);
  });

  it("refuses a declaration for a month to come, a malformed month, more than the rent due, or on another landlord's lease", async () => {
    const l = lease3(2);
    const token = await hub.token(landlordClaims(B3));
    const DECLARE = `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id } }`;
    const declare = async (input: Record<string, unknown>, t = token) =>
      (
        await hub.query(t, DECLARE, {
          input: { leaseId: l.id, months: [monthFromNow(-1)], amountDueCents: 10000, ...input },
        })
      ).body.errors?.[0].extensions;
    expect(await declare({ months: [monthFromNow(1)] })).toMatchObject({ code: 'MONTH_IN_FUTURE', field: 'months' });
    expect(await declare({ months: ['2025-13'] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'months' });
    expect(await declare({ months: [] })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'months' });
    expect(await declare({ amountDueCents: l.rentCents + l.chargesCents + 1 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'amountDueCents',
    });
    expect(await declare({ amountDueCents: -5 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountDueCents' });
    expect(await declare({}, await hub.token(landlordClaims(B2)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await sql(`SELECT count(*)::int AS n FROM bailleur.rent_arrears_declaration WHERE lease_id = $1`, [l.id]),
    ).toEqual([{ n: 0 }]);
  });
});

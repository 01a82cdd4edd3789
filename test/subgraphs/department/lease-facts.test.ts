import { randomUUID } from 'node:crypto';
import type { PartnerEvent, PartnerEvents } from '../../../schema/events';
import { OrgKind, Role } from '../../../schema/policy';
import {
  handleArrearsReached,
  handleLeaseEnded,
  handleLeaseRecorded,
} from '../../../subgraphs/department/events/lease.handlers';
import { department } from '../../../subgraphs/department/definition';
import { endExpiredPaymentOrders } from '../../../subgraphs/department/resolvers/payment-order';
import { addDays, addMonths, monthOf, shiftMonth, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import { holdingDeliveries } from '../../helpers/outbox';
import { sql } from '../bailleur/fixtures';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const B2 = DEMO_ORGS.bailleurs[1];
const worker = {
  sub: 'ts-lease-facts-1',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const landlord = { sub: 'gestion-facts', org_kind: OrgKind.BAILLEUR, org_id: B2, roles: [Role.GESTIONNAIRE_LOCATIF] };
const ds = () => hub.subgraphs.department.dataSource;

function asDelivered<T extends keyof PartnerEvents>(type: T, data: PartnerEvents[T]): PartnerEvent<T> {
  return { id: randomUUID(), type, producer: 'bailleur', occurredAt: new Date().toISOString(), data };
}

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { body } = await hub.query(await hub.token(claims), query, variables);
  return body;
}

/** The jobs the département enqueued for the landlord about `key` (read while `toLandlordHeld` holds them). */
async function departmentJobs(type: string, key: string) {
  return sql<{ to: string; data: Record<string, unknown> }>(
    `SELECT j.payload->>'to' AS to, j.payload->'event'->'data' AS data
       FROM department_worker._private_jobs j JOIN department_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = 'deliver_event' AND j.payload->'event'->>'type' = $1 AND j.payload::text LIKE '%' || $2 || '%'
      ORDER BY j.id`,
    [type, key],
  );
}

/** Runs `fn` while the département's events to the landlord wait in its outbox (no runner delivers them). */
const toLandlordHeld = <T>(fn: () => Promise<T>) => holdingDeliveries('department', 'bailleur', fn);

/** A person referred by this file's social worker (its référent), who refused the MASP contract. */
async function refusingPerson(lastName: string): Promise<string> {
  const body = await as(worker, `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`, {
    input: {
      lastName,
      firstName: 'Test',
      birthDate: '1980-02-02',
      address: '2 rue du Test, 45000 Orléans',
      territory: 'TEST-LEASE-FACTS',
      referredOn: addMonths(TODAY, -6),
      householdType: 'SINGLE',
      sex: 'M',
    },
  });
  expect(body.errors).toBeUndefined();
  const id = body.data.referBeneficiary.id as string;
  await as(worker, `mutation($input: RecordContractRefusalInput!) { recordContractRefusal(input: $input) { id } }`, {
    input: { beneficiaryId: id, kind: 'REFUSAL', recordedOn: TODAY },
  });
  return id;
}

const leaseRecorded = (leaseId: string, beneficiaryId: string, extra: Partial<PartnerEvents['lease.recorded']> = {}) =>
  asDelivered('lease.recorded', {
    leaseId,
    beneficiaryId,
    landlordOrgId: B2,
    reference: `FACT-${leaseId.slice(0, 8)}`,
    rentCents: 40000,
    chargesCents: 10000,
    startsOn: addMonths(TODAY, -24),
    endsOn: null,
    ...extra,
  });
const arrearsReached = (leaseId: string, beneficiaryId: string) =>
  asDelivered('arrears.reached', {
    leaseId,
    beneficiaryId,
    landlordOrgId: B2,
    unpaidMonths: [shiftMonth(monthOf(TODAY), -2), shiftMonth(monthOf(TODAY), -1)],
    declarationId: null,
  });

const REQUEST = `mutation($input: RequestDirectPaymentInput!) { requestDirectPayment(input: $input) { id } }`;
const JUDGE = `mutation($input: RecordDirectPaymentJudgmentInput!) { recordDirectPaymentJudgment(input: $input) { id endsOn } }`;
const requestInput = (beneficiaryId: string, leaseId: string) => ({
  beneficiaryId,
  leaseId,
  requestedOn: TODAY,
  identityAndAddress: 'TEST, 2 rue du Test, 45000 Orléans',
  payingBodies: ['CAF du Loiret'],
  landlordName: 'Bailleur 2',
  grounds: 'Refus du MASP, impayés.',
  signedBy: 'Le Président du Conseil départemental',
});
const judgmentInput = (requestId: string, extra: Record<string, unknown> = {}) => ({
  requestId,
  court: "Tribunal judiciaire d'Orléans",
  judgmentOn: TODAY,
  reference: `RG VD/${requestId.slice(0, 6)}`,
  monthlyAmountCents: 50000,
  monthlyResourcesCents: 120000,
  startsOn: TODAY,
  months: 12,
  payingBodyOrgId: DEMO_ORGS.organismePayeur,
  ...extra,
});

/** A person with a lease, two months of arrears on record, a request filed and judged: the judgment's order. */
async function judged(lastName: string) {
  const personId = await refusingPerson(lastName);
  const leaseId = randomUUID();
  await ds().transaction((tx) => handleLeaseRecorded(tx, leaseRecorded(leaseId, personId)));
  await ds().transaction((tx) => handleArrearsReached(tx, arrearsReached(leaseId, personId)));
  const filed = await as(worker, REQUEST, { input: requestInput(personId, leaseId) });
  expect(filed.errors).toBeUndefined();
  const measure = await as(worker, JUDGE, { input: judgmentInput(filed.data.requestDirectPayment.id) });
  expect(measure.errors).toBeUndefined();
  const [order] = await sql<{ id: string; ends_on: string; judgment_id: string }>(
    `SELECT id, judgment_id, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.payment_order WHERE beneficiary_id = $1`,
    [personId],
  );
  return { personId, leaseId, order, measure: measure.data.recordDirectPaymentJudgment };
}

describe('department › what the landlords tell (lease.recorded, lease.ended, arrears.reached)', () => {
  it('declares the handlers it consumes and the schedule it runs', () => {
    expect(Object.keys(department.consumes ?? {})).toEqual(
      expect.arrayContaining(['lease.recorded', 'lease.ended', 'arrears.reached']),
    );
    expect(department.schedule?.map((j) => j.task)).toContain('end-expired-payment-orders');
  });

  it('keeps a lease once (the last state wins); refuses one naming a person outside the register, nothing written', async () => {
    const personId = await refusingPerson('Bailfait');
    const leaseId = randomUUID();
    await ds().transaction((tx) => handleLeaseRecorded(tx, leaseRecorded(leaseId, personId)));
    await ds().transaction((tx) => handleLeaseRecorded(tx, leaseRecorded(leaseId, personId, { rentCents: 41000 })));
    expect(
      await sql(`SELECT beneficiary_id, rent_cents, ends_on FROM department.lease_fact WHERE lease_id = $1`, [leaseId]),
    ).toEqual([{ beneficiary_id: personId, rent_cents: 41000, ends_on: null }]);
    const stranger = leaseRecorded(randomUUID(), randomUUID());
    await expect(ds().transaction((tx) => handleLeaseRecorded(tx, stranger))).rejects.toMatchObject({
      extensions: { code: 'LEASE_TENANT_UNKNOWN', rule: 'pratique départementale' },
    });
    expect(await sql(`SELECT 1 FROM department.lease_fact WHERE lease_id = $1`, [stranger.data.leaseId])).toEqual([]);
  });

  it('keeps arrears once and tells the référent once; arrears on a lease the landlord did not record are refused', async () => {
    const personId = await refusingPerson('Impaye');
    const leaseId = randomUUID();
    await ds().transaction((tx) => handleLeaseRecorded(tx, leaseRecorded(leaseId, personId)));
    const event = arrearsReached(leaseId, personId);
    await ds().transaction((tx) => handleArrearsReached(tx, event));
    await ds().transaction((tx) => handleArrearsReached(tx, { ...event, id: randomUUID() }));
    expect(await sql(`SELECT unpaid_months FROM department.arrears_fact WHERE lease_id = $1`, [leaseId])).toEqual([
      { unpaid_months: event.data.unpaidMonths },
    ]);
    expect(
      await sql(`SELECT audience_sub, kind FROM department.notification WHERE beneficiary_id = $1`, [personId]),
    ).toEqual([{ audience_sub: worker.sub, kind: 'arrears.reached' }]);
    const elsewhere = arrearsReached(randomUUID(), personId);
    await expect(ds().transaction((tx) => handleArrearsReached(tx, elsewhere))).rejects.toMatchObject({
      extensions: { code: 'DIRECT_PAYMENT_NO_LEASE' },
    });
  });
});

describe('department › payment orders decided on a judgment (CASF L271-5)', () => {
  it('a refused judgment writes no order and sends nothing; the judgment sends one, tied to it and ending with it', async () => {
    const personId = await refusingPerson('Ordre');
    const leaseId = randomUUID();
    await ds().transaction((tx) => handleLeaseRecorded(tx, leaseRecorded(leaseId, personId)));
    await ds().transaction((tx) => handleArrearsReached(tx, arrearsReached(leaseId, personId)));
    const filed = await as(worker, REQUEST, { input: requestInput(personId, leaseId) });
    const requestId = filed.data.requestDirectPayment.id;
    const { measure, jobs } = await toLandlordHeld(async () => {
      const poor = await as(worker, JUDGE, { input: judgmentInput(requestId, { monthlyResourcesCents: 50001 }) });
      expect(poor.errors[0].extensions.code).toBe('DIRECT_PAYMENT_RESTE_A_VIVRE');
      expect(await sql(`SELECT 1 FROM department.payment_order WHERE beneficiary_id = $1`, [personId])).toEqual([]);
      expect(await departmentJobs('payment-order.decided', personId)).toEqual([]);
      const accepted = await as(worker, JUDGE, { input: judgmentInput(requestId) });
      expect(accepted.errors).toBeUndefined();
      return { measure: accepted, jobs: await departmentJobs('payment-order.decided', personId) };
    });
    const [judgment] = await sql<{ id: string }>(
      `SELECT id FROM department.direct_payment_judgment WHERE request_id = $1`,
      [requestId],
    );
    expect(jobs).toEqual([
      {
        to: 'bailleur',
        data: {
          orderId: expect.any(String),
          basis: 'MASP3_JUDGMENT',
          leaseId,
          beneficiaryId: personId,
          landlordOrgId: B2,
          monthlyAmountCents: 50000,
          startsOn: TODAY,
          endsOn: addDays(measure.data.recordDirectPaymentJudgment.endsOn, -1),
          judgmentId: judgment.id,
          payerOrgId: DEMO_ORGS.organismePayeur,
        },
      },
    ]);
  });

  it('the lease ended: its orders end that day, the landlord learns it, the référent is told', async () => {
    const { personId, leaseId, order } = await judged('Finbail');
    const ended = asDelivered('lease.ended', { leaseId, beneficiaryId: personId, landlordOrgId: B2, endsOn: TODAY });
    const jobs = await toLandlordHeld(async () => {
      await ds().transaction((tx) => handleLeaseEnded(tx, ended));
      await ds().transaction((tx) => handleLeaseEnded(tx, { ...ended, id: randomUUID() }));
      return departmentJobs('payment-order.ended', order.id);
    });
    expect(
      await sql(
        `SELECT status, end_reason, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.payment_order WHERE id = $1`,
        [order.id],
      ),
    ).toEqual([{ status: 'ENDED', end_reason: 'LEASE_ENDED', ends_on: TODAY }]);
    expect(jobs).toEqual([
      {
        to: 'bailleur',
        data: { orderId: order.id, beneficiaryId: personId, landlordOrgId: B2, endsOn: TODAY, reason: 'LEASE_ENDED' },
      },
    ]);
    expect(
      await sql(`SELECT to_char(ends_on, 'YYYY-MM-DD') AS e FROM department.lease_fact WHERE lease_id = $1`, [leaseId]),
    ).toEqual([{ e: TODAY }]);
    expect(
      (
        await sql<{ kind: string }>(`SELECT kind FROM department.notification WHERE beneficiary_id = $1 ORDER BY id`, [
          personId,
        ])
      ).map((n) => n.kind),
    ).toEqual(['arrears.reached', 'payment-order.ended']);
    // The lease ended: no new request on it.
    const again = await as(worker, REQUEST, {
      input: { ...requestInput(personId, leaseId), requestedOn: addDays(TODAY, 1) },
    });
    expect(again.errors[0].extensions.code).toBe('DIRECT_PAYMENT_ALREADY_RUNNING'); // the MASP 3 still runs
  });

  it('the schedule ends the orders past their last day, once (idempotent)', async () => {
    const { order } = await judged('Echu');
    const dayAfter = addDays(order.ends_on, 1);
    const jobs = await toLandlordHeld(async () => {
      await ds().transaction((tx) => endExpiredPaymentOrders.run(tx, order.ends_on)); // not past yet
      expect(await departmentJobs('payment-order.ended', order.id)).toEqual([]);
      await ds().transaction((tx) => endExpiredPaymentOrders.run(tx, dayAfter));
      await ds().transaction((tx) => endExpiredPaymentOrders.run(tx, dayAfter));
      return departmentJobs('payment-order.ended', order.id);
    });
    expect(await sql(`SELECT status, end_reason FROM department.payment_order WHERE id = $1`, [order.id])).toEqual([
      { status: 'ENDED', end_reason: 'TERM' },
    ]);
    expect(jobs.map((j) => j.data.endsOn)).toEqual([order.ends_on]);
  });
});

describe('department ↔ bailleur › end to end through the gateway and the delivery of events', () => {
  const drain = () => hub.drainEvents();

  it('a lease recorded and two months declared by the landlord reach the département and the référent', async () => {
    const personId = await refusingPerson('Livraison');
    const RECORD = `mutation($input: RecordLeaseInput!) { recordLease(input: $input) { id } }`;
    const lease = await as(landlord, RECORD, {
      input: {
        beneficiaryId: personId,
        reference: `E2E-${personId.slice(0, 8)}`,
        address: '2 rue du Test, 45000 Orléans',
        tenantName: 'LIVRAISON Test',
        rentCents: 45000,
        chargesCents: 8000,
        startsOn: addMonths(TODAY, -12),
      },
    });
    const leaseId = lease.data.recordLease.id;
    const DECLARE = `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id } }`;
    await as(landlord, DECLARE, {
      input: {
        leaseId,
        months: [shiftMonth(monthOf(TODAY), -2), shiftMonth(monthOf(TODAY), -1)],
        amountDueCents: 106000,
      },
    });
    await drain();
    expect(await sql(`SELECT rent_cents FROM department.lease_fact WHERE lease_id = $1`, [leaseId])).toEqual([
      { rent_cents: 45000 },
    ]);
    expect(await sql(`SELECT kind FROM department.notification WHERE beneficiary_id = $1`, [personId])).toEqual([
      { kind: 'arrears.reached' },
    ]);
    const filed = await as(worker, REQUEST, { input: requestInput(personId, leaseId) });
    expect(filed.errors).toBeUndefined();
    const measure = await as(worker, JUDGE, { input: judgmentInput(filed.data.requestDirectPayment.id) });
    expect(measure.errors).toBeUndefined();
    await drain();
    expect(
      await sql(
        `SELECT basis, judgment_id IS NOT NULL AS judged FROM bailleur.direct_payment_order WHERE lease_id = $1`,
        [leaseId],
      ),
    ).toEqual([{ basis: 'MASP3_JUDGMENT', judged: true }]);
  });
});

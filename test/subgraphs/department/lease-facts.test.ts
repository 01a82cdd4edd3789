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
import { sql } from '../../helpers/sql';

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

/**
 * Waits until the facts about this person have reached their partners (the hub's runners deliver them; the other test
 * files' facts, on the run's shared database, are not waited for).
 */
const drainAbout = (personId: string) => hub.drainEvents({ beneficiaryId: personId });

/** What the landlord holds of the orders on a lease (bailleur.direct_payment_order, with the lease's landlord). */
function landlordOrders(leaseId: string) {
  return sql(
    `SELECT o.id, o.basis, l.landlord_org_id, o.beneficiary_id, o.payer_org_id, o.monthly_amount_cents,
            to_char(o.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(o.ends_on, 'YYYY-MM-DD') AS ends_on,
            o.judgment_id, o.created_by, o.ended_by
       FROM bailleur.direct_payment_order o JOIN bailleur.lease l ON l.id = o.lease_id
      WHERE o.lease_id = $1`,
    [leaseId],
  );
}
/** What the landlord's users were told about the person, oldest first. */
async function landlordTold(personId: string): Promise<string[]> {
  const rows = await sql<{ kind: string }>(
    `SELECT kind FROM bailleur.notification WHERE beneficiary_id = $1 AND audience_org_id = $2 ORDER BY id`,
    [personId, B2],
  );
  return rows.map((n) => n.kind);
}
/** What the département's référent was told about the person, oldest first. */
async function referentTold(personId: string): Promise<string[]> {
  const rows = await sql<{ kind: string }>(
    `SELECT kind FROM department.notification WHERE beneficiary_id = $1 ORDER BY id`,
    [personId],
  );
  return rows.map((n) => n.kind);
}

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
  const id = body.data.referBeneficiary.id as string;
  // the contract proposed and refused: the ground of an L271-5 request
  const proposal = await as(
    worker,
    `mutation($input: ProposeContractInput!) { proposeContract(input: $input) { id } }`,
    {
      input: {
        beneficiaryId: id,
        level: 'MASP_1',
        startsOn: TODAY,
        months: 6,
        objectives: 'o',
        engagements: 'e',
        proposedOn: TODAY,
      },
    },
  );
  await as(worker, `mutation($input: RefuseContractProposalInput!) { refuseContractProposal(input: $input) { id } }`, {
    input: { proposalId: proposal.data.proposeContract.id, refusedOn: TODAY },
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
  grounds: 'Refus de la MASP, impayés.',
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

/**
 * The landlord records the person's lease and declares two unpaid months, through the gateway: both facts reach the
 * département (its lease and arrears facts, the référent told). The lease's id.
 */
async function leaseInArrears(personId: string): Promise<string> {
  const lease = await as(landlord, `mutation($input: RecordLeaseInput!) { recordLease(input: $input) { id } }`, {
    input: {
      beneficiaryId: personId,
      reference: `LF-${personId.slice(0, 8)}`,
      address: '2 rue du Test, 45000 Orléans',
      tenantName: 'TEST Test',
      rentCents: 45000,
      chargesCents: 8000,
      startsOn: addMonths(TODAY, -24),
    },
  });
  expect(lease.errors).toBeUndefined();
  const leaseId = lease.data.recordLease.id as string;
  const declared = await as(
    landlord,
    `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id } }`,
    {
      input: {
        leaseId,
        months: [shiftMonth(monthOf(TODAY), -2), shiftMonth(monthOf(TODAY), -1)],
        amountDueCents: 106000,
      },
    },
  );
  expect(declared.errors).toBeUndefined();
  await drainAbout(personId);
  return leaseId;
}

/**
 * A person with the landlord's lease, two months of arrears on record, a request filed and judged: the judgment's
 * order, delivered to the landlord.
 */
async function judged(lastName: string) {
  const personId = await refusingPerson(lastName);
  const leaseId = await leaseInArrears(personId);
  const filed = await as(worker, REQUEST, { input: requestInput(personId, leaseId) });
  expect(filed.errors).toBeUndefined();
  const measure = await as(worker, JUDGE, { input: judgmentInput(filed.data.requestDirectPayment.id) });
  expect(measure.errors).toBeUndefined();
  const [order] = await sql<{ id: string; ends_on: string; judgment_id: string }>(
    `SELECT id, judgment_id, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.payment_order WHERE beneficiary_id = $1`,
    [personId],
  );
  await drainAbout(personId);
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
    const leaseId = await leaseInArrears(personId);
    const filed = await as(worker, REQUEST, { input: requestInput(personId, leaseId) });
    const requestId = filed.data.requestDirectPayment.id;
    const poor = await as(worker, JUDGE, { input: judgmentInput(requestId, { monthlyAmountCents: 999999 }) });
    expect(poor.errors[0].extensions.code).toBe('DIRECT_PAYMENT_AMOUNT_ABOVE_RENT');
    expect(await sql(`SELECT 1 FROM department.payment_order WHERE beneficiary_id = $1`, [personId])).toEqual([]);
    await drainAbout(personId);
    expect(await landlordOrders(leaseId)).toEqual([]);
    expect(await landlordTold(personId)).toEqual([]);
    const measure = await as(worker, JUDGE, { input: judgmentInput(requestId) });
    expect(measure.errors).toBeUndefined();
    const [judgment] = await sql<{ id: string }>(
      `SELECT id FROM department.direct_payment_judgment WHERE request_id = $1`,
      [requestId],
    );
    const [order] = await sql<{ id: string }>(`SELECT id FROM department.payment_order WHERE beneficiary_id = $1`, [
      personId,
    ]);
    await drainAbout(personId);
    // the landlord holds the département's order (same id), on the judgment, ending the day before the measure
    expect(await landlordOrders(leaseId)).toEqual([
      {
        id: order.id,
        basis: 'MASP3_JUDGMENT',
        landlord_org_id: B2,
        beneficiary_id: personId,
        payer_org_id: DEMO_ORGS.organismePayeur,
        monthly_amount_cents: 50000,
        starts_on: TODAY,
        ends_on: addDays(measure.data.recordDirectPaymentJudgment.endsOn, -1),
        judgment_id: judgment.id,
        created_by: 'departement',
        ended_by: null,
      },
    ]);
    expect(await landlordTold(personId)).toEqual(['payment-order.decided']);
  });

  it('the lease ended: its orders end that day, the landlord learns it, the référent is told', async () => {
    const { personId, leaseId, order } = await judged('Finbail');
    const ended = asDelivered('lease.ended', { leaseId, beneficiaryId: personId, landlordOrgId: B2, endsOn: TODAY });
    await ds().transaction((tx) => handleLeaseEnded(tx, ended));
    await ds().transaction((tx) => handleLeaseEnded(tx, { ...ended, id: randomUUID() }));
    expect(
      await sql(
        `SELECT status, end_reason, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.payment_order WHERE id = $1`,
        [order.id],
      ),
    ).toEqual([{ status: 'ENDED', end_reason: 'LEASE_ENDED', ends_on: TODAY }]);
    await drainAbout(personId);
    // the landlord learns it once: its order ends that day
    expect(await landlordOrders(leaseId)).toEqual([
      expect.objectContaining({ id: order.id, ends_on: TODAY, ended_by: 'departement' }),
    ]);
    expect(await landlordTold(personId)).toEqual(['payment-order.decided', 'payment-order.ended']);
    expect(
      await sql(`SELECT to_char(ends_on, 'YYYY-MM-DD') AS e FROM department.lease_fact WHERE lease_id = $1`, [leaseId]),
    ).toEqual([{ e: TODAY }]);
    expect(await referentTold(personId)).toEqual(['arrears.reached', 'payment-order.ended']);
    // The lease ended: no new request on it.
    const again = await as(worker, REQUEST, {
      input: { ...requestInput(personId, leaseId), requestedOn: addDays(TODAY, 1) },
    });
    expect(again.errors[0].extensions.code).toBe('DIRECT_PAYMENT_ALREADY_RUNNING'); // the MASP 3 still runs
  });

  it('the schedule ends the orders past their last day, once (idempotent)', async () => {
    const { personId, leaseId, order } = await judged('Echu');
    const dayAfter = addDays(order.ends_on, 1);
    await ds().transaction((tx) => endExpiredPaymentOrders.run(tx, order.ends_on)); // not past yet
    expect(await sql(`SELECT status FROM department.payment_order WHERE id = $1`, [order.id])).toEqual([
      { status: 'ACTIVE' },
    ]);
    await ds().transaction((tx) => endExpiredPaymentOrders.run(tx, dayAfter));
    await ds().transaction((tx) => endExpiredPaymentOrders.run(tx, dayAfter));
    expect(await sql(`SELECT status, end_reason FROM department.payment_order WHERE id = $1`, [order.id])).toEqual([
      { status: 'ENDED', end_reason: 'TERM' },
    ]);
    await drainAbout(personId);
    // the référent is told once; the landlord's order already ended that day: nothing new for the landlord
    expect(await referentTold(personId)).toEqual(['arrears.reached', 'payment-order.ended']);
    expect(await landlordOrders(leaseId)).toEqual([
      expect.objectContaining({ id: order.id, ends_on: order.ends_on, ended_by: null }),
    ]);
    expect(await landlordTold(personId)).toEqual(['payment-order.decided']);
  });
});

describe('department ↔ bailleur › end to end through the gateway and the delivery of events', () => {
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
    await drainAbout(personId);
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
    await drainAbout(personId);
    expect(
      await sql(
        `SELECT basis, judgment_id IS NOT NULL AS judged FROM bailleur.direct_payment_order WHERE lease_id = $1`,
        [leaseId],
      ),
    ).toEqual([{ basis: 'MASP3_JUDGMENT', judged: true }]);
  });
});

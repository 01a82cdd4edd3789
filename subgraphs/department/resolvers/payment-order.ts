import type { EntityManager } from 'typeorm';
import { publish } from '../../kit/events/outbox';
import { notify } from '../../kit/events/notify';
import type { ScheduledJob } from '../../kit/events/consumer';
import { addDays } from '../../kit/rules/calendar';
import { LeaseFact, PaymentOrder, PaymentOrderStatus } from '../entities';
import { judicialOrderPeriod } from '../rules/direct-payment.rule';

/**
 * The direct payments of the rent the département decides on a judgment (CASF L271-5), as data: each executes one
 * judgment's term and ends with it; the landlord holds it as an order (`payment-order.decided` / `.ended`). The
 * API's mutations (direct-payment.resolver.ts), the handlers (events/lease.handlers.ts), the schedule and the demo
 * seed all go through these functions.
 */

/** The basis the landlord's order carries (the landlord's enum; it never shows it to the landlord). */
export const JUDICIAL_BASIS = 'MASP3_JUDGMENT';

/**
 * Notifications for département agents: this subgraph serves one département, so its rows name no other
 * organisation; the référent is `audience.sub`.
 */
export const DEPARTEMENT_AUDIENCE_ORG = '00000000-0000-0000-0000-000000000000';

/** Tells the person's référent (a département agent) of a fact about them, in the transaction that applies it. */
export async function notifyReferent(
  tx: EntityManager,
  beneficiaryId: string,
  kind: string,
  data: Record<string, unknown>,
  eventId?: string,
): Promise<void> {
  const [person]: { referent_sub: string }[] = await tx.query(
    `SELECT referent_sub FROM department.beneficiary WHERE id = $1`,
    [beneficiaryId],
  );
  if (!person) return;
  await notify(tx, {
    audience: { orgId: DEPARTEMENT_AUDIENCE_ORG, sub: person.referent_sub },
    beneficiaryId,
    kind,
    data,
    eventId,
  });
}

/** The judgment's order: from the term's start to the day before its end, on the lease of the request. */
export async function decidePaymentOrder(
  tx: EntityManager,
  o: {
    judgmentId: string;
    measureId: string;
    beneficiaryId: string;
    lease: Pick<LeaseFact, 'leaseId' | 'landlordOrgId'>;
    payerOrgId: string;
    monthlyAmountCents: number;
    term: { startsOn: string; endsOn: string };
    id?: string;
  },
): Promise<PaymentOrder> {
  const period = judicialOrderPeriod(o.term);
  const repo = tx.getRepository(PaymentOrder);
  const saved = await repo.save(
    repo.create({
      ...(o.id ? { id: o.id } : {}),
      judgmentId: o.judgmentId,
      measureId: o.measureId,
      beneficiaryId: o.beneficiaryId,
      leaseId: o.lease.leaseId,
      landlordOrgId: o.lease.landlordOrgId,
      payerOrgId: o.payerOrgId,
      monthlyAmountCents: o.monthlyAmountCents,
      startsOn: period.startsOn,
      endsOn: period.endsOn,
      status: PaymentOrderStatus.ACTIVE,
      endReason: null,
    }),
  );
  await publish(tx, 'payment-order.decided', {
    orderId: saved.id,
    basis: JUDICIAL_BASIS,
    leaseId: saved.leaseId,
    beneficiaryId: saved.beneficiaryId,
    landlordOrgId: saved.landlordOrgId,
    monthlyAmountCents: saved.monthlyAmountCents,
    startsOn: saved.startsOn,
    endsOn: saved.endsOn,
    judgmentId: saved.judgmentId,
    payerOrgId: saved.payerOrgId,
  });
  return saved;
}

/**
 * Ends an order on `lastDay` (the last day paid; never later than its own end; the day before its start when it had
 * not begun), once: the landlord learns it, the référent is told. A no-op on an ended order.
 */
export async function endPaymentOrder(
  tx: EntityManager,
  order: PaymentOrder,
  lastDay: string,
  reason: string,
  eventId?: string,
): Promise<void> {
  if (order.status === PaymentOrderStatus.ENDED) return;
  const endsOn = [order.endsOn, lastDay < order.startsOn ? addDays(order.startsOn, -1) : lastDay].sort()[0];
  await tx
    .getRepository(PaymentOrder)
    .update({ id: order.id }, { status: PaymentOrderStatus.ENDED, endsOn, endReason: reason });
  await publish(tx, 'payment-order.ended', {
    orderId: order.id,
    beneficiaryId: order.beneficiaryId,
    landlordOrgId: order.landlordOrgId,
    endsOn,
    reason,
  });
  await notifyReferent(
    tx,
    order.beneficiaryId,
    'payment-order.ended',
    { orderId: order.id, measureId: order.measureId, leaseId: order.leaseId, endsOn, reason },
    eventId,
  );
}

/** The active orders matching `where` (SQL on alias `o`), locked, oldest first. */
function activeOrders(tx: EntityManager, where: string, params: Record<string, unknown>): Promise<PaymentOrder[]> {
  return tx
    .getRepository(PaymentOrder)
    .createQueryBuilder('o')
    .where(`o.status = :active AND ${where}`, { ...params, active: PaymentOrderStatus.ACTIVE })
    .orderBy('o.starts_on', 'ASC')
    .setLock('pessimistic_write')
    .getMany();
}

/** The measure (its judgment) ended on `endedOn`: its orders end the day before. */
export async function endPaymentOrdersOfMeasure(
  tx: EntityManager,
  measureId: string,
  endedOn: string,
  reason: string,
): Promise<void> {
  for (const o of await activeOrders(tx, 'o.measure_id = :measureId', { measureId })) {
    await endPaymentOrder(tx, o, addDays(endedOn, -1), reason);
  }
}

/** The lease ended on `endsOn` (its last day): no rent is due after it, so no payment either. */
export async function endPaymentOrdersOfLease(
  tx: EntityManager,
  leaseId: string,
  endsOn: string,
  eventId?: string,
): Promise<void> {
  for (const o of await activeOrders(tx, 'o.lease_id = :leaseId AND o.ends_on > :endsOn', { leaseId, endsOn })) {
    await endPaymentOrder(tx, o, endsOn, 'LEASE_ENDED', eventId);
  }
}

/**
 * Orders past their last day are ENDED (TERM), told to the landlord and the référent. Idempotent; what the landlord
 * expects never waited for it (its order carries the same last day).
 */
export const endExpiredPaymentOrders: ScheduledJob = {
  task: 'end-expired-payment-orders',
  cron: '10 * * * *',
  async run(tx, today) {
    for (const o of await activeOrders(tx, 'o.ends_on < :today', { today })) {
      await endPaymentOrder(tx, o, o.endsOn, 'TERM');
    }
  },
};

import type { EntityManager } from 'typeorm';
import type { PartnerEvent } from '../../../schema/events';
import { notify } from '../../kit/events/notify';
import { addDays } from '../../kit/rules/calendar';
import { DirectPaymentBasis, DirectPaymentOrder, Lease, PayerKind } from '../entities';
import { BailleurErrorCode, refusal } from '../rules/errors';
import { PAYERS_BY_BASIS } from '../rules/direct-payment.rule';

/** Who ended or created an order the département decided (not a clerk of this landlord). */
export const DEPARTMENT_ACTOR = 'departement';

/**
 * CASF L271-5: a direct payment decided by the département (on the judgment it recorded) becomes the landlord's order:
 * created once (upsert by the département's order id), on the lease it names — which must be this landlord's lease of
 * that person — with the judgment and its end. The judgment prevails over an order of another basis still running on
 * the lease: that one stops the day before. The landlord is told.
 */
export async function handlePaymentOrderDecided(
  tx: EntityManager,
  event: PartnerEvent<'payment-order.decided'>,
): Promise<void> {
  const d = event.data;
  const lease = await tx
    .getRepository(Lease)
    .createQueryBuilder('l')
    .where('l.id = :id', { id: d.leaseId })
    .setLock('pessimistic_write')
    .getOne();
  if (!lease || lease.beneficiaryId !== d.beneficiaryId || lease.landlordOrgId !== d.landlordOrgId) {
    throw refusal(
      BailleurErrorCode.ORDER_LEASE_MISMATCH,
      'CASF L271-5',
      "L'ordre du Département nomme un bail que ce bailleur ne détient pas pour cette personne. / The département's order names a lease this landlord does not hold for that person.",
    );
  }
  const basis = d.basis as DirectPaymentBasis;
  const payerKind = (PAYERS_BY_BASIS[basis]?.[0] ?? PayerKind.ORGANISME_PAYEUR) as PayerKind;
  const repo = tx.getRepository(DirectPaymentOrder);
  const existing = await repo.findOneBy({ id: d.orderId });
  if (existing) {
    // A redelivery, or the same decision restated: the end may only move earlier.
    if (d.endsOn !== null && (existing.endsOn === null || d.endsOn < existing.endsOn)) {
      await repo.update({ id: existing.id }, { endsOn: d.endsOn, endedBy: DEPARTMENT_ACTOR });
    }
    return;
  }
  // Orders of another basis that started earlier stop the day before; one that would start inside is refused.
  const overlapping = await repo
    .createQueryBuilder('o')
    .where('o.lease_id = :id', { id: lease.id })
    .andWhere(`daterange(o.starts_on, o.ends_on, '[]') && daterange(:from::date, :to::date, '[]')`, {
      from: d.startsOn,
      to: d.endsOn,
    })
    .getMany();
  for (const o of overlapping) {
    if (o.startsOn >= d.startsOn) {
      throw refusal(
        BailleurErrorCode.ORDER_OVERLAP,
        'CASF L271-5',
        'Un ordre de versement direct commence sur ce bail pendant la période décidée par le Département. / A direct-payment order starts on this lease within the period the département decided.',
      );
    }
    await repo.update({ id: o.id }, { endsOn: addDays(d.startsOn, -1), endedBy: DEPARTMENT_ACTOR });
  }
  await repo.insert({
    id: d.orderId,
    leaseId: lease.id,
    beneficiaryId: lease.beneficiaryId,
    basis,
    payerOrgId: d.payerOrgId,
    payerKind,
    monthlyAmountCents: d.monthlyAmountCents,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    judgmentId: d.judgmentId,
    createdBy: DEPARTMENT_ACTOR,
  });
  await notify(tx, {
    audience: { orgId: lease.landlordOrgId },
    beneficiaryId: lease.beneficiaryId,
    kind: 'payment-order.decided',
    // What the landlord may know: the order, its payer and amount, its dates — never its basis (schema/policy.md).
    data: {
      orderId: d.orderId,
      leaseId: lease.id,
      payerOrgId: d.payerOrgId,
      monthlyAmountCents: d.monthlyAmountCents,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
    },
    eventId: event.id,
  });
}

/**
 * The département ended an order (judgment ended, lease ended, term reached): it ends here too, once; the landlord is
 * told.
 */
export async function handlePaymentOrderEnded(
  tx: EntityManager,
  event: PartnerEvent<'payment-order.ended'>,
): Promise<void> {
  const d = event.data;
  const repo = tx.getRepository(DirectPaymentOrder);
  const order = await repo
    .createQueryBuilder('o')
    .where('o.id = :id', { id: d.orderId })
    .setLock('pessimistic_write')
    .getOne();
  if (!order) return; // never created here (refused when decided): nothing to end
  if (order.endsOn !== null && order.endsOn <= d.endsOn) return; // already ended by then: applied once
  if (d.endsOn < order.startsOn) {
    // Ended before it began (a renewal's term dropped): it never paid a day, so it goes.
    await repo.delete({ id: order.id });
  } else {
    await repo.update({ id: order.id }, { endsOn: d.endsOn, endedBy: DEPARTMENT_ACTOR });
  }
  await notify(tx, {
    audience: { orgId: d.landlordOrgId },
    beneficiaryId: order.beneficiaryId,
    kind: 'payment-order.ended',
    data: { orderId: order.id, leaseId: order.leaseId, endsOn: d.endsOn },
    eventId: event.id,
  });
}

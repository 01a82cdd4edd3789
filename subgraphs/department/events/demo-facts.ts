import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PartnerEvent, PartnerEvents } from '../../../schema/events';
import { DemoPlan, demoJudicialOrders } from '../../kit/seed/demo-plan';
import { decidePaymentOrder } from '../resolvers/payment-order';
import { handleLeaseRecorded } from './lease.handlers';

/** An event as its producer would send it (the demo's facts go through the same handlers as delivered ones). */
function asDelivered<T extends keyof PartnerEvents>(type: T, data: PartnerEvents[T]): PartnerEvent<T> {
  return { id: randomUUID(), type, producer: 'bailleur', occurredAt: new Date().toISOString(), data };
}

/**
 * The demo's leases at the département, through the code path of real data: each as the bailleur's `lease.recorded`
 * would bring it (the bailleur's seed records the same leases through its API function). After the persons.
 */
export async function seedLeaseFacts(tx: EntityManager, plan: DemoPlan): Promise<void> {
  for (const l of plan.leases) {
    await handleLeaseRecorded(
      tx,
      asDelivered('lease.recorded', {
        leaseId: l.id,
        beneficiaryId: l.beneficiaryId,
        landlordOrgId: l.landlordOrgId,
        reference: l.reference,
        rentCents: l.rentCents,
        chargesCents: l.chargesCents,
        startsOn: l.startsOn,
        endsOn: null,
      }),
    );
  }
}

/**
 * Each demo MASP 3 judgment's payment order, as `recordDirectPaymentJudgment` decides it (`payment-order.decided` to
 * the landlord, whose seed applies the same decision). After the judgments.
 */
export async function seedJudicialOrders(tx: EntityManager, plan: DemoPlan): Promise<void> {
  for (const o of demoJudicialOrders(plan)) {
    await decidePaymentOrder(tx, {
      id: o.orderId,
      judgmentId: o.judgmentId,
      measureId: o.measureId,
      beneficiaryId: o.beneficiaryId,
      lease: { leaseId: o.leaseId, landlordOrgId: o.landlordOrgId },
      payerOrgId: o.payerOrgId,
      monthlyAmountCents: o.monthlyAmountCents,
      term: o.term,
    });
  }
}

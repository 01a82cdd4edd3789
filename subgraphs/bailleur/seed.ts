import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { seedDemoNotifications } from '../kit/events/demo-notifications';
import { DEMO_ORGS, DemoPlan, demoJudicialOrders } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { prng } from '../kit/seed/prng';
import { addDays, addMonths, todayIso } from '../kit/rules/calendar';
import { recordLeaseIn, reviseRentIn } from './events/lease';
import { handlePaymentOrderDecided } from './events/payment-order.handlers';
import {
  DirectPaymentBasis,
  DirectPaymentOrder,
  Lease,
  RentPayment,
  RentPaymentCorrection,
  RentPaymentStatus,
  RentTerm,
} from './entities';
import { PAYERS_BY_BASIS } from './rules/direct-payment.rule';

/** The demo landlords' clerks are `gl-1`, `gl-2`, `gl-3` (one per landlord of the plan). */
const DEMO_LANDLORD_INDEX = new Map<string, number>(DEMO_ORGS.bailleurs.map((id, i) => [id, i + 1]));

/** A yearly revision date (29 Feb: 28 Feb of a common year). */
const addYears = (iso: string, years: number) => addMonths(iso, 12 * years);

/** The order's basis, from its payer (the plan's payer kinds map one-to-one onto the bases). */
export function basisOfPayer(payerKind: string): DirectPaymentBasis {
  const entry = Object.entries(PAYERS_BY_BASIS).find(([, kinds]) => (kinds as readonly string[]).includes(payerKind));
  return (entry?.[0] ?? DirectPaymentBasis.MASP2_DELEGATION) as DirectPaymentBasis;
}

/**
 * The demo's landlord side, derived deterministically from the plan (its ids unchanged):
 * - a dated rent table per lease: one line at the lease's start and one at each yearly revision (IRL indexation,
 *   1.5–3.5 % a year, charges regularised), the last line equal to the lease's current rent and charges; revisions
 *   stop at the start of a direct-payment order, so that every order fits the rent in force (CASF L271-5);
 * - each order's basis, from its payer; each payment's receipt date (1st–10th of the month, none when MISSING) and
 *   the clerk who confirmed it;
 * - on one lease in four, last month's full payment was first confirmed short by €50, then corrected (a correction
 *   keeps the previous amount, date and status, and its author).
 */
export function deriveBailleurRows(plan: DemoPlan, today = new Date()) {
  const rnd = prng(271_5);
  const on = todayIso(today);
  const orderStart = new Map(plan.orders.map((o) => [o.leaseId, o.startsOn]));
  const beneficiaryOf = new Map(plan.leases.map((l) => [l.id, l.beneficiaryId]));
  const landlordOf = new Map(plan.leases.map((l) => [l.id, l.landlordOrgId]));
  const clerkOf = (leaseId: string) => `gl-${DEMO_LANDLORD_INDEX.get(landlordOf.get(leaseId)!) ?? 0}`;

  const terms: Partial<RentTerm>[] = [];
  for (const lease of plan.leases) {
    const cutoff = [orderStart.get(lease.id) ?? on, on].sort()[0];
    const dates = [lease.startsOn];
    for (let y = 1; addYears(lease.startsOn, y) <= cutoff; y++) dates.push(addYears(lease.startsOn, y));
    // Walk back from the current amounts, one revision a year.
    let rent = lease.rentCents;
    let charges = lease.chargesCents;
    const lines: Partial<RentTerm>[] = [];
    for (let i = dates.length - 1; i >= 0; i--) {
      lines.unshift({
        leaseId: lease.id,
        beneficiaryId: lease.beneficiaryId,
        effectiveFrom: dates[i],
        rentCents: rent,
        chargesCents: charges,
      });
      rent = Math.round(rent / (1.015 + rnd() * 0.02));
      charges = Math.max(0, charges - 100 * Math.floor(rnd() * 6));
    }
    terms.push(...lines);
  }

  const orders = plan.orders.map((o) => ({
    ...o,
    beneficiaryId: beneficiaryOf.get(o.leaseId)!,
    basis: basisOfPayer(o.payerKind),
  }));
  const payments = plan.payments.map((p) => ({
    ...p,
    beneficiaryId: beneficiaryOf.get(p.leaseId)!,
    status: p.status as RentPaymentStatus,
    receivedOn: p.status === 'MISSING' ? null : `${p.month}-${String(1 + Math.floor(rnd() * 10)).padStart(2, '0')}`,
    confirmedBy: clerkOf(p.leaseId),
  }));
  const lastMonth = payments.reduce((m, p) => (p.month > m ? p.month : m), '');
  const corrected = new Set(plan.leases.filter((_, i) => i % 4 === 0).map((l) => l.id));
  const corrections: Partial<RentPaymentCorrection>[] = payments
    .filter(
      (p) =>
        p.month === lastMonth &&
        p.status === RentPaymentStatus.CONFIRMED &&
        corrected.has(p.leaseId) &&
        p.receivedCents! > 5_000,
    )
    .map((p) => ({
      paymentId: p.id,
      beneficiaryId: p.beneficiaryId,
      previousReceivedCents: p.receivedCents! - 5_000,
      previousReceivedOn: p.receivedOn,
      previousStatus: RentPaymentStatus.PARTIAL,
      receivedCents: p.receivedCents!,
      receivedOn: p.receivedOn,
      status: p.status,
      authorSub: clerkOf(p.leaseId),
      authorOrgId: landlordOf.get(p.leaseId)!,
    }));
  return { terms, orders, payments, corrections };
}

/**
 * The demo's landlord side through the code paths of real data: each lease recorded and its rent revised by the
 * functions behind `recordLease` / `reviseRent` (the département learns them: `lease.recorded`), each order on a
 * judgment applied as the département's `payment-order.decided` (the département's seed decides the same ones);
 * the other orders, the confirmations and their corrections as rows.
 */
export async function seedBailleur(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  await seedDemoNotifications(ds, plan); // what the partner is told (kit/events/demo-notifications.ts)
  if ((await ds.getRepository(Lease).count()) > 0) return false;
  const { terms, orders, payments, corrections } = deriveBailleurRows(plan);
  const today = todayIso();
  const judicial = demoJudicialOrders(plan);
  const judicialIds = new Set(judicial.map((o) => o.orderId));
  const linesOf = new Map<string, Partial<RentTerm>[]>();
  for (const t of terms) linesOf.set(t.leaseId!, [...(linesOf.get(t.leaseId!) ?? []), t]);
  await ds.transaction(async (tx) => {
    for (const l of plan.leases) {
      const [first, ...revisions] = linesOf.get(l.id)!;
      let lease = await recordLeaseIn(
        tx,
        l.landlordOrgId,
        l.beneficiaryId,
        {
          reference: l.reference,
          address: l.address,
          tenantName: l.tenantName,
          rentCents: first.rentCents!,
          chargesCents: first.chargesCents!,
          startsOn: l.startsOn,
          endsOn: null,
        },
        `gl-${DEMO_LANDLORD_INDEX.get(l.landlordOrgId) ?? 0}`,
        l.id,
      );
      for (const r of revisions) {
        lease = await reviseRentIn(
          tx,
          lease,
          { effectiveFrom: r.effectiveFrom!, rentCents: r.rentCents!, chargesCents: r.chargesCents! },
          today,
        );
      }
    }
    await insertRows(tx, DirectPaymentOrder, orders.filter((o) => !judicialIds.has(o.id)) as DirectPaymentOrder[]);
    for (const o of judicial) {
      await handlePaymentOrderDecided(tx, {
        id: randomUUID(),
        type: 'payment-order.decided',
        producer: 'department',
        occurredAt: new Date().toISOString(),
        data: {
          orderId: o.orderId,
          basis: DirectPaymentBasis.MASP3_JUDGMENT,
          leaseId: o.leaseId,
          beneficiaryId: o.beneficiaryId,
          landlordOrgId: o.landlordOrgId,
          monthlyAmountCents: o.monthlyAmountCents,
          // as the département decides it: the judgment's term, its last day the day before the term ends
          startsOn: o.term.startsOn,
          endsOn: addDays(o.term.endsOn, -1),
          judgmentId: o.judgmentId,
          payerOrgId: o.payerOrgId,
        },
      });
    }
    await insertRows(tx, RentPayment, payments as RentPayment[]);
    await insertRows(tx, RentPaymentCorrection, corrections as RentPaymentCorrection[]);
  });
  return true;
}

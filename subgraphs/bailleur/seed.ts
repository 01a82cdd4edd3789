import type { DataSource } from 'typeorm';
import { seedDemoNotifications } from '../kit/events/demo-notifications';
import { DEMO_ORGS, DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { prng } from '../kit/seed/prng';
import { addMonths, todayIso } from '../kit/rules/calendar';
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

export async function seedBailleur(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  await seedDemoNotifications(ds, plan); // what the partner is told (kit/events/demo-notifications.ts)
  if ((await ds.getRepository(Lease).count()) > 0) return false;
  const { terms, orders, payments, corrections } = deriveBailleurRows(plan);
  await ds.transaction(async (tx) => {
    await insertRows(tx, Lease, plan.leases as Lease[]);
    await insertRows(tx, RentTerm, terms as RentTerm[]);
    await insertRows(tx, DirectPaymentOrder, orders as DirectPaymentOrder[]);
    await insertRows(tx, RentPayment, payments as RentPayment[]);
    await insertRows(tx, RentPaymentCorrection, corrections as RentPaymentCorrection[]);
  });
  return true;
}

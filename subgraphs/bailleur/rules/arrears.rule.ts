import { shiftMonth } from '../../kit/rules/calendar';

/** CASF L271-5: the versement direct may be asked for once the rent has been unpaid for two months. */
export const ARREARS_ALERT_MONTHS = 2;
/** How far back the arrears are computed. */
export const ARREARS_WINDOW_MONTHS = 24;

/** The length of the longest run of consecutive calendar months in a set of `YYYY-MM` months. */
export function consecutiveUnpaidMonths(unpaidMonths: readonly string[]): number {
  const months = [...new Set(unpaidMonths)].sort();
  let best = 0;
  let run = 0;
  for (let i = 0; i < months.length; i++) {
    run = i > 0 && shiftMonth(months[i - 1], 1) === months[i] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/** CASF L271-5: two consecutive unpaid months open the path to a versement direct (the alert the département reads). */
export function arrearsAlert(unpaidMonths: readonly string[]): boolean {
  return consecutiveUnpaidMonths(unpaidMonths) >= ARREARS_ALERT_MONTHS;
}

export interface ArrearsPayment {
  month: string;
  status: string;
  expectedCents: number;
  receivedCents: number | null;
}

export interface ArrearsDeclarationFacts {
  months: readonly string[];
  amountDueCents: number;
  /** When it was declared (ISO timestamp): the latest declaration is the landlord's current statement. */
  declaredAt: string;
}

export interface ArrearsSummary {
  unpaidMonths: string[];
  consecutiveUnpaidMonths: number;
  amountDueCents: number;
  alert: boolean;
}

/**
 * The arrears of one lease, from the landlord's confirmations and declarations:
 * - unpaid months: months confirmed MISSING or declared unpaid, except months later confirmed as fully received;
 * - amount due: the latest declaration's amount (the landlord's statement of what was due up to its last month) plus
 *   the shortfall (expected − received) of each confirmation for a later month; without a declaration, the
 *   shortfalls of every confirmation.
 */
export function summarizeArrears(
  payments: readonly ArrearsPayment[],
  declarations: readonly ArrearsDeclarationFacts[],
): ArrearsSummary {
  const paid = new Set(payments.filter((p) => p.status === 'CONFIRMED').map((p) => p.month));
  const unpaid = new Set<string>();
  for (const p of payments) if (p.status === 'MISSING') unpaid.add(p.month);
  for (const d of declarations) for (const m of d.months) unpaid.add(m);
  for (const m of paid) unpaid.delete(m);
  const latest = [...declarations].sort((a, b) =>
    a.declaredAt < b.declaredAt ? 1 : a.declaredAt > b.declaredAt ? -1 : 0,
  )[0];
  const coveredUntil = latest ? [...latest.months].sort().at(-1)! : '';
  const shortfall = payments
    .filter((p) => p.month > coveredUntil)
    .reduce((sum, p) => sum + Math.max(0, p.expectedCents - (p.receivedCents ?? 0)), 0);
  const unpaidMonths = [...unpaid].sort();
  return {
    unpaidMonths,
    consecutiveUnpaidMonths: consecutiveUnpaidMonths(unpaidMonths),
    amountDueCents: (latest?.amountDueCents ?? 0) + shortfall,
    alert: arrearsAlert(unpaidMonths),
  };
}

/** Several leases of one person: months united, amounts added. */
export function combineArrears(summaries: readonly ArrearsSummary[]): ArrearsSummary {
  const unpaidMonths = [...new Set(summaries.flatMap((s) => s.unpaidMonths))].sort();
  return {
    unpaidMonths,
    consecutiveUnpaidMonths: consecutiveUnpaidMonths(unpaidMonths),
    amountDueCents: summaries.reduce((sum, s) => sum + s.amountDueCents, 0),
    alert: arrearsAlert(unpaidMonths),
  };
}

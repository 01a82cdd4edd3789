import { addDays, addMonths } from '../../kit/rules/calendar';
import { DEFAULT_ELIGIBILITY_VALIDITY_MONTHS } from './parameter.rule';

/**
 * The caseload's alerts (`caseloadAlerts`): what a référent must act on, each a kind, a date and a person. The SQL of
 * each kind is in sql.ts (`ALERT_KIND_SQL`), built on the windows below; these pure functions say the same rules day by
 * day, for the tests and for anyone reading them. `endsOn` of a measure, a MAJ notice is exclusive (the first day
 * without it); a payment order's `endsOn` is its last day paid.
 */

/** How far ahead an end is announced (contract, direct payment, MAJ): 30 days, pratique départementale. */
export const ENDING_WINDOW_DAYS = 30;

/** How long an eligibility check stays valid when the département has not set ELIGIBILITY_VALIDITY_MONTHS. */
export { DEFAULT_ELIGIBILITY_VALIDITY_MONTHS };

/** CASF L271-5: two months of rent unpaid (as the landlord records it) open the direct-payment request. */
export const ARREARS_MONTHS = 2;

/** A contract (CASF L271-2) ends within the window: its term falls after today and at most 30 days ahead. */
export function endsWithinWindow(endsOn: string, today: string): boolean {
  return endsOn > today && endsOn <= addDays(today, ENDING_WINDOW_DAYS);
}

/**
 * CASF L271-2: a contract not renewed by its term ends at its term; one still marked ACTIVE whose term passed (the
 * scheduled job has not ended it yet, or it is to be renewed or ended by hand).
 */
export function pastTerm(endsOn: string, today: string): boolean {
  return endsOn <= today;
}

/** A direct payment (CASF L271-5) whose last day paid is today or within the window. */
export function directPaymentEnding(lastDayPaid: string, today: string): boolean {
  return lastDayPaid >= today && lastDayPaid <= addDays(today, ENDING_WINDOW_DAYS);
}

/** A MAJ (C. civ. 495-8: its term, renewable) ending within the window: its notice's `ends_on` (exclusive). */
export const majEnding = endsWithinWindow;

/** A legal protection measure (C. civ. 425 s.) opened while the MASP ran: on or after its start, before its term. */
export function protectionOpenedDuring(
  protectionStartsOn: string,
  masp: { startsOn: string; endsOn: string },
): boolean {
  return protectionStartsOn >= masp.startsOn && protectionStartsOn < masp.endsOn;
}

/** The first day an eligibility check of `checkedOn` no longer holds. */
export function eligibilityExpiresOn(checkedOn: string, validityMonths: number | null | undefined): string {
  const months =
    Number.isInteger(validityMonths) && (validityMonths as number) > 0
      ? (validityMonths as number)
      : DEFAULT_ELIGIBILITY_VALIDITY_MONTHS;
  return addMonths(checkedOn, months);
}

/** The latest eligibility check is older than its validity on `today`. */
export function eligibilityExpired(checkedOn: string, today: string, validityMonths?: number | null): boolean {
  return eligibilityExpiresOn(checkedOn, validityMonths) <= today;
}

import { BailleurErrorCode, badInput, DEPARTMENTAL_PRACTICE, refusal } from './errors';

/** A rent month, `YYYY-MM` (months 01 to 12). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH_PATTERN.test(value);

/** The month of a `YYYY-MM-DD` date (or of today, UTC). */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** Today, UTC, as `YYYY-MM-DD`. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** `month` shifted by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return d.toISOString().slice(0, 7);
}

/** The first and last day of a month, `YYYY-MM-DD`. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  return { first: `${month}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/**
 * A month given by a caller: well formed (`BAD_USER_INPUT` naming the field) and, unless `allowFuture`, already begun
 * (`MONTH_IN_FUTURE`: rent for a month to come can be neither received nor owed).
 */
export function assertRentMonth(month: unknown, field: string, today = todayIso()): string {
  if (!isMonth(month)) {
    throw badInput(field, `« ${field} » doit être un mois AAAA-MM (ex. 2025-03).`, `"${field}" must be a month YYYY-MM (e.g. 2025-03).`);
  }
  if (month > monthOf(today)) {
    throw refusal(BailleurErrorCode.MONTH_IN_FUTURE, DEPARTMENTAL_PRACTICE, `Le mois ${month} n'a pas commencé : son loyer ne peut être ni confirmé ni déclaré impayé. / Month ${month} has not begun: its rent can be neither confirmed nor declared unpaid.`, { field });
  }
  return month;
}

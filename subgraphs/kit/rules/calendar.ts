/**
 * The one calendar of the hub: ISO dates (`YYYY-MM-DD`) and months (`YYYY-MM`), in UTC. The law counts terms in
 * months; the arithmetic is PostgreSQL's (`date + interval 'n months'` clamps to the month's last day), so that the
 * rules and the database's CHECKs agree.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const midnight = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoOf = (d: Date) => d.toISOString().slice(0, 10);

/** A `YYYY-MM-DD` string that names a real calendar day (not 2025-02-29). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const d = midnight(value);
  return !Number.isNaN(d.getTime()) && isoOf(d) === value;
}

/** Today in UTC, as an ISO date. */
export function todayIso(now: Date = new Date()): string {
  return isoOf(now);
}

/** Today in Europe/Paris (the département's calendar), as an ISO date: a job at 00:30 Paris time is on that day. */
export function parisToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `iso` plus `months` calendar months; a day the target month lacks is clamped (31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return isoOf(target);
}

export function addDays(iso: string, days: number): string {
  const d = midnight(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return isoOf(d);
}

/** Whole calendar months from `from` to `to` (the largest n with addMonths(from, n) <= to). */
export function wholeMonthsBetween(from: string, to: string): number {
  const [y1, m1] = from.split('-').map(Number);
  const [y2, m2] = to.split('-').map(Number);
  let n = (y2 - y1) * 12 + (m2 - m1);
  while (n > 0 && addMonths(from, n) > to) n--;
  while (addMonths(from, n + 1) <= to) n++;
  return Math.max(0, n);
}

/** Started months from `from` to `to` (a month begun counts: the time a measure actually ran). */
export function startedMonthsBetween(from: string, to: string): number {
  const whole = wholeMonthsBetween(from, to);
  return addMonths(from, whole) < to ? whole + 1 : whole;
}

/** Age in full years on a date (born 29 Feb: a year older on 1 Mar of a common year). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A month `YYYY-MM`, months 01 to 12. */
export const isMonth = (value: unknown): value is string => typeof value === 'string' && MONTH.test(value);

/** The month of an ISO date. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** `month` shifted by `delta` months (a month, not a date: nothing to clamp). */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + delta, 1)).toISOString().slice(0, 7);
}

/** The first and last day of a month. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  return { first: `${month}-01`, last: isoOf(new Date(Date.UTC(y, m, 0))) };
}

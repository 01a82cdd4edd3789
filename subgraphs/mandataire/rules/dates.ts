import { ErrorCode, userError } from '../../kit/rules/errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` string that names a real calendar day. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toISOString().slice(0, 10) === value;
}

export function assertIsoDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) throw userError(ErrorCode.BAD_USER_INPUT, `« ${field} » doit être une date AAAA-MM-JJ. / "${field}" must be a YYYY-MM-DD date.`, { field });
  return value;
}

/**
 * `iso` plus `months` calendar months, clamped to the last day of the target month: the same arithmetic as
 * PostgreSQL's `date + interval 'n months'` (31 Jan + 1 month = 28/29 Feb), so that the rules and the CHECKs agree.
 */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today (UTC) as `YYYY-MM-DD`. */
export const todayIso = (now = new Date()): string => now.toISOString().slice(0, 10);

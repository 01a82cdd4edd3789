/**
 * The hub's French, as a professional would sign it: amounts « 489,00 € » (non-breaking spaces, comma decimals),
 * dates « 5 décembre 2026 », and the French word for each code a message or a letter shows (never « DRAFT » or
 * « COUPLE_WITH_CHILDREN » inside a French sentence). Every partner's messages and generated letters use these.
 */

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });
const LONG_DATE = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Integer euro cents as French money: `48900` → « 489,00 € », `123456` → « 1 234,56 € » (U+202F / U+00A0 spaces). */
export function formatEuros(cents: number): string {
  return EUROS.format(cents / 100);
}

const EUROS_EN = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 });

/** The same amount for the English half of a bilingual message: `48900` → « €489.00 ». */
export function formatEurosEn(cents: number): string {
  return EUROS_EN.format(cents / 100);
}

/** An ISO date (`YYYY-MM-DD`) as French prose: `2026-12-01` → « 1er décembre 2026 ». */
export function formatDateFr(iso: string): string {
  const text = LONG_DATE.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  return text.replace(/^1 /, '1er ');
}

/** A `YYYY-MM` month in French: `2026-03` → « mars 2026 ». */
export function formatMonthFr(month: string): string {
  return formatDateFr(`${month}-01`).replace(/^1er /, '');
}

/**
 * The French label of a code, from the partner's own table; the code itself only as a last resort, so that a missing
 * label shows in a test rather than as a crash.
 */
export function labelFr<C extends string>(labels: Readonly<Partial<Record<C, string>>>, code: C): string {
  return labels[code] ?? code;
}

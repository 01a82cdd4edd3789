import { formatEuros, formatEurosEn } from '../../kit/rules/french';
import { DepartmentCode, ruleError } from './errors';

/**
 * The dated parameters of the scale (R471-5-3, décret 2020-1684): A = annual AAH, S = annual gross SMIC, in cents.
 * They are rows of `department.parameter` (`AAH_ANNUAL_CENTS`, `SMIC_ANNUAL_CENTS`), each with its source (texte,
 * date) in `source`: migrations 1764200000000-case-management and 1766200000000-wording-contribution-scale.
 */
export interface ContributionScale {
  aahAnnualCents: number;
  smicAnnualCents: number;
}

/**
 * CASF L271-4, D271-5 → the MJPM scale of R471-5-3: the yearly cap of the contribution a person may be asked for.
 * `cap = 0 if R ≤ A; else 10%·(min(R,S)−A) + 23%·max(0, min(R,2.5S)−S) + 3%·max(0, min(R,6S)−2.5S)`, in whole cents
 * (rounded down: never charge a cent above the scale).
 */
export function contributionCapCents(annualResourcesCents: number, scale: ContributionScale): number {
  const R = annualResourcesCents;
  const A = scale.aahAnnualCents;
  const S = scale.smicAnnualCents;
  if (R <= A) return 0;
  const cap =
    0.1 * (Math.min(R, S) - A) +
    0.23 * Math.max(0, Math.min(R, 2.5 * S) - S) +
    0.03 * Math.max(0, Math.min(R, 6 * S) - 2.5 * S);
  return Math.floor(cap + 1e-9);
}

/**
 * R471-5-3 (II): the AAH and SMIC amounts the scale uses are those in force on 1 January of the year the resources
 * were received — not those of the day the contribution is decided. The resources are the person's annual resources
 * of the civil year before the decision (R471-5-2: the last known year; ⚠ to check against the current text, see
 * schema/domain.md › MASP contract). So a contribution decided on 2026-06-15 reads the scale on 2025-01-01.
 */
export const SCALE_RESOURCES_YEAR_OFFSET = 1;

/** The date the scale's AAH and SMIC are read on, for a contribution decided on `decidedOn` (R471-5-3 II). */
export function scaleReferenceDate(decidedOn: string): string {
  const year = Number(decidedOn.slice(0, 4)) - SCALE_RESOURCES_YEAR_OFFSET;
  return `${String(year).padStart(4, '0')}-01-01`;
}

/** CASF L271-4: the contribution the PCD sets (monthly) stays within the yearly cap of the scale. */
export function assertContribution(
  monthlyCents: number,
  annualResourcesCents: number,
  scale: ContributionScale,
): number {
  const cap = contributionCapCents(annualResourcesCents, scale);
  if (Number.isInteger(monthlyCents) && monthlyCents >= 0 && monthlyCents * 12 <= cap) return cap;
  throw ruleError(
    DepartmentCode.CONTRIBUTION_ABOVE_CAP,
    'CASF L271-4, D271-5',
    `la contribution (${formatEuros(monthlyCents * 12)} par an) dépasse le plafond du barème (${formatEuros(cap)} par an${cap === 0 ? " : ressources inférieures ou égales à l'AAH" : ''}).`,
    `the contribution (${formatEurosEn(monthlyCents * 12)} a year) exceeds the scale's cap (${formatEurosEn(cap)} a year${cap === 0 ? ': resources at or below the AAH' : ''}).`,
    { capAnnualCents: cap },
  );
}

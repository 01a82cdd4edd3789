import { DepartmentCode, ruleError } from './errors';

/** The dated parameters of the scale (R471-5-3, décret 2020-1684): A = annual AAH, S = annual gross SMIC, in cents. */
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
    `la contribution (${monthlyCents * 12} centimes par an) dépasse le plafond du barème (${cap} centimes par an${cap === 0 ? " : ressources inférieures ou égales à l'AAH" : ''}).`,
    `the contribution (${monthlyCents * 12} cents a year) exceeds the scale's cap (${cap} cents a year${cap === 0 ? ': resources at or below the AAH' : ''}).`,
    { capAnnualCents: cap },
  );
}

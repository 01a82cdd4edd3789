import { BENEFITS, BenefitKind } from '../../../schema/benefits';
import { addMonths, ageOn } from '../../kit/rules/calendar';
import { DepartmentCode, departmentalRefusal, DEPARTMENTAL_PRACTICE, ruleError } from './errors';

export enum ProtectionKind {
  TUTELLE = 'TUTELLE',
  CURATELLE = 'CURATELLE',
  SAUVEGARDE_JUSTICE = 'SAUVEGARDE_JUSTICE',
  MANDAT_PROTECTION_FUTURE = 'MANDAT_PROTECTION_FUTURE',
  HABILITATION_FAMILIALE = 'HABILITATION_FAMILIALE',
}

/** Why a person is not eligible to a MASP (each names its rule). */
export enum EligibilityRefusal {
  NOT_ADULT = 'NOT_ADULT',
  NO_LISTED_BENEFIT = 'NO_LISTED_BENEFIT',
  NO_THREAT_RECORDED = 'NO_THREAT_RECORDED',
  NO_CAPACITY_TO_CONSENT = 'NO_CAPACITY_TO_CONSENT',
  UNDER_PROTECTION_MEASURE = 'UNDER_PROTECTION_MEASURE',
  MAJ_IN_FORCE = 'MAJ_IN_FORCE',
}

export const ELIGIBILITY_RULES: Record<EligibilityRefusal, { rule: string; fr: string; en: string }> = {
  NOT_ADULT: { rule: 'CASF L271-1', fr: 'la personne doit être majeure.', en: 'the person must be an adult.' },
  NO_LISTED_BENEFIT: {
    rule: 'CASF L271-1, D271-2',
    fr: 'la personne doit percevoir une prestation de la liste D271-2 qui ne soit pas versée en tiers payant.',
    en: 'the person must receive a benefit of the D271-2 list that is not paid to a third party (tiers payant).',
  },
  NO_THREAT_RECORDED: {
    rule: 'CASF L271-1',
    fr: 'une menace pour la santé ou la sécurité de la personne, liée à la gestion de ses ressources, doit être constatée.',
    en: "a threat to the person's health or safety caused by difficulty managing resources must be recorded.",
  },
  NO_CAPACITY_TO_CONSENT: {
    rule: 'CASF L271-1',
    fr: 'la personne doit être en mesure de consentir et de signer le contrat.',
    en: 'the person must be able to consent and sign the contract.',
  },
  UNDER_PROTECTION_MEASURE: {
    // The law does not exclude a protected adult from a MASP: the département's practice, with a documented override.
    rule: DEPARTMENTAL_PRACTICE,
    fr: 'une mesure de protection juridique est en cours : refus, sauf dérogation motivée.',
    en: 'a legal protection measure is in force: refused, unless a documented override.',
  },
  MAJ_IN_FORCE: {
    rule: 'CASF L271-1',
    fr: 'une MAJ est en cours : une MASP peut lui succéder une fois terminée, pas s’y ajouter.',
    en: 'a MAJ is in force: a MASP may follow it once it ended, not run beside it.',
  },
};

export interface ReceivedBenefit {
  kind: BenefitKind;
  tiersPayant: boolean;
  startsOn: string;
  endsOn: string | null;
}

export interface EligibilityFacts {
  on: string;
  birthDate: string;
  benefits: readonly ReceivedBenefit[];
  threatToHealthOrSafety?: string | null;
  capacityToConsent: boolean;
  activeProtections: readonly ProtectionKind[];
  protectionOverride?: string | null;
  /** A MAJ notice in force on `on` (the MJPM runs the budget): no MASP beside it, no override (L271-1 al. 3). */
  majInForce?: boolean;
}

/**
 * Benefits of the D271-2 list received on a date, and not paid to a third party (tiers payant: e.g. APL paid to the
 * landlord).
 */
export function countableBenefits(benefits: readonly ReceivedBenefit[], on: string): BenefitKind[] {
  return benefits
    .filter((b) => BENEFITS[b.kind] && !b.tiersPayant && b.startsOn <= on && (b.endsOn == null || b.endsOn > on))
    .map((b) => b.kind);
}

/** CASF L271-1: the eligibility conditions of a MASP, all of them assessed (the answer lists every refusal). */
export function assessEligibility(facts: EligibilityFacts): EligibilityRefusal[] {
  const refusals: EligibilityRefusal[] = [];
  if (ageOn(facts.birthDate, facts.on) < 18) refusals.push(EligibilityRefusal.NOT_ADULT);
  if (!countableBenefits(facts.benefits, facts.on).length) refusals.push(EligibilityRefusal.NO_LISTED_BENEFIT);
  if (!facts.threatToHealthOrSafety || !facts.threatToHealthOrSafety.trim())
    refusals.push(EligibilityRefusal.NO_THREAT_RECORDED);
  if (!facts.capacityToConsent) refusals.push(EligibilityRefusal.NO_CAPACITY_TO_CONSENT);
  if (facts.activeProtections.length && !(facts.protectionOverride && facts.protectionOverride.trim().length >= 10))
    refusals.push(EligibilityRefusal.UNDER_PROTECTION_MEASURE);
  if (facts.majInForce) refusals.push(EligibilityRefusal.MAJ_IN_FORCE);
  return refusals;
}

/** The refusal raised when a contract is signed for a person whose last eligibility check refused (or who has none). */
export function assertEligible(lastCheck: { eligible: boolean; refusals: readonly string[] } | null): void {
  if (!lastCheck) {
    throw ruleError(
      DepartmentCode.ELIGIBILITY_NOT_ESTABLISHED,
      'CASF L271-1',
      `l'éligibilité doit être vérifiée avant le contrat.`,
      `eligibility must be checked before the contract.`,
    );
  }
  if (lastCheck.eligible) return;
  const first = ELIGIBILITY_RULES[lastCheck.refusals[0] as EligibilityRefusal] ?? ELIGIBILITY_RULES.NOT_ADULT;
  throw ruleError(DepartmentCode.NOT_ELIGIBLE, first.rule, first.fr, first.en, { refusals: [...lastCheck.refusals] });
}

/**
 * Pratique départementale (CASF L271-1 is assessed when the MASP is opened or renewed): the last check is valid
 * `validityMonths` (ELIGIBILITY_VALIDITY_MONTHS, default 6) from its date; a MASP opened or renewed on `on` needs a
 * check dated on or after `on` − validity. A 2019 check opened a 2026 MASP 2 (issue 18).
 */
export function assertEligibilityCheckValid(checkedOn: string, on: string, validityMonths: number): void {
  const oldest = addMonths(on, -validityMonths);
  if (checkedOn >= oldest) return;
  throw departmentalRefusal(
    DepartmentCode.ELIGIBILITY_CHECK_EXPIRED,
    'Paramètre départemental ELIGIBILITY_VALIDITY_MONTHS (CASF L271-1)',
    `la vérification d'éligibilité du ${checkedOn} a plus de ${validityMonths} mois le ${on} : vérifiez de nouveau l'éligibilité.`,
    `the eligibility check of ${checkedOn} is more than ${validityMonths} months old on ${on}: check eligibility again.`,
    { checkedOn, on, validityMonths, oldestValidOn: oldest },
  );
}

import { BENEFITS, BenefitKind, BenefitTier } from '../../../schema/benefits';
import { addDays, addMonths } from '../../kit/rules/calendar';
import { labelFr } from '../../kit/rules/french';
import { badInput, DepartmentCode, departmentalRefusal, DEPARTMENTAL_PRACTICE, ruleError } from './errors';
import { END_REASON_FR, levelFr, listFr } from './labels';
import { benefitsFr } from '../../kit/rules/benefit-labels';
import { CapReading } from './parameter.rule';

/**
 * CASF L271-2: what the statute says; the département may configure the term bounds (schema/domain.md: Loiret's "3 à 6
 * mois").
 */
export const STATUTE = { CONTRACT_MIN_MONTHS: 6, CONTRACT_MAX_MONTHS: 24, TOTAL_MAX_MONTHS: 48 } as const;

export interface TermBounds {
  minMonths: number;
  maxMonths: number;
}

/**
 * CASF L271-2: each MASP contract (and each renewal) runs 6 to 24 months. The bounds come from the département's
 * parameters (default: the statute's); the error says which rule refused: the statute, or a local parameter that
 * differs from it.
 */
export function assertContractTerm(
  months: number,
  bounds: TermBounds = { minMonths: STATUTE.CONTRACT_MIN_MONTHS, maxMonths: STATUTE.CONTRACT_MAX_MONTHS },
): void {
  if (!Number.isInteger(months))
    throw badInput('months', 'La durée est un nombre entier de mois.', 'The term is a whole number of months.');
  if (months >= bounds.minMonths && months <= bounds.maxMonths) return;
  const statutory =
    bounds.minMonths === STATUTE.CONTRACT_MIN_MONTHS && bounds.maxMonths === STATUTE.CONTRACT_MAX_MONTHS;
  if (statutory) {
    throw ruleError(
      DepartmentCode.CONTRACT_TERM_OUT_OF_RANGE,
      'CASF L271-2',
      `un contrat dure de 6 à 24 mois (demandé : ${months}).`,
      `a contract runs 6 to 24 months (requested: ${months}).`,
      { minMonths: bounds.minMonths, maxMonths: bounds.maxMonths },
    );
  }
  throw departmentalRefusal(
    DepartmentCode.CONTRACT_TERM_OUT_OF_RANGE,
    'Paramètre départemental CONTRACT_MIN_MONTHS/CONTRACT_MAX_MONTHS (CASF L271-2)',
    `ce département fixe la durée d'un contrat entre ${bounds.minMonths} et ${bounds.maxMonths} mois (demandé : ${months} ; la loi dit 6 à 24).`,
    `this département sets a contract's term between ${bounds.minMonths} and ${bounds.maxMonths} months (requested: ${months}; the statute says 6 to 24).`,
    { minMonths: bounds.minMonths, maxMonths: bounds.maxMonths },
  );
}

/**
 * CASF L271-2: « la durée totale de la mesure » (levels 1 and 2 together) is at most 48 months. The département reads
 * the cap per measure (the statute's words, the default) or per person (its whole history since the last MAJ), a
 * dated parameter (MASP_CAP_READING); the caller counts `usedMonths` by that reading, the message says which one.
 */
export function assertTotalDuration(
  usedMonths: number,
  addedMonths: number,
  capMonths: number = STATUTE.TOTAL_MAX_MONTHS,
  reading: CapReading = CapReading.PER_MEASURE,
): void {
  if (usedMonths + addedMonths <= capMonths) return;
  const [readingFr, readingEn] =
    reading === CapReading.PER_MEASURE
      ? ['par mesure, « durée totale de la mesure »', 'per measure, « durée totale de la mesure »']
      : [
          'par personne, tous ses contrats depuis la dernière MAJ (paramètre départemental MASP_CAP_READING)',
          "per person, all the person's contracts since the last MAJ (département parameter MASP_CAP_READING)",
        ];
  throw ruleError(
    DepartmentCode.TOTAL_DURATION_EXCEEDED,
    'CASF L271-2',
    `la durée totale de la mesure (niveaux 1 et 2 ensemble) ne peut excéder ${capMonths} mois (déjà ${usedMonths}, demandé ${addedMonths}) ; lecture appliquée : ${readingFr}.`,
    `the measure's total duration (levels 1 and 2 together) cannot exceed ${capMonths} months (${usedMonths} used, ${addedMonths} requested); reading applied: ${readingEn}.`,
    { usedMonths, addedMonths, capMonths, reading },
  );
}

/**
 * CASF L271-2: a renewal is decided before the term (assertRenewalBeforeTermEnd) and entered by then too: a decision
 * typed in long after the term revived a contract that had ended. `graceDays` (RENEWAL_GRACE_DAYS, pratique
 * départementale, default 0) lets a renewal decided in time be entered a few days after the term.
 */
export function assertRenewalEnteredInTime(enteredOn: string, currentTermEndsOn: string, graceDays = 0): void {
  const lastDay = addDays(currentTermEndsOn, graceDays - 1);
  if (enteredOn <= lastDay) return;
  const extra = { enteredOn, termEndsOn: currentTermEndsOn, graceDays, lastDay };
  if (graceDays === 0) {
    throw ruleError(
      DepartmentCode.RENEWAL_ENTERED_LATE,
      'CASF L271-2',
      `le renouvellement s'enregistre avant la fin du terme (${currentTermEndsOn}) : le contrat a pris fin à son terme, un nouveau contrat est nécessaire.`,
      `a renewal is entered before the term ends (${currentTermEndsOn}): the contract ended at its term, a new contract is needed.`,
      extra,
    );
  }
  throw departmentalRefusal(
    DepartmentCode.RENEWAL_ENTERED_LATE,
    'Paramètre départemental RENEWAL_GRACE_DAYS (CASF L271-2)',
    `un renouvellement décidé avant le terme (${currentTermEndsOn}) s'enregistre au plus tard ${graceDays} jour(s) après, soit le ${lastDay} ; un nouveau contrat est nécessaire.`,
    `a renewal decided before the term (${currentTermEndsOn}) is entered at most ${graceDays} day(s) after it, by ${lastDay}; a new contract is needed.`,
    extra,
  );
}

/** The person's written authorisation for the Département to receive and manage benefits (CASF L271-2, MASP 2). */
export interface BenefitsAuthorisation {
  signedOn: string;
  benefits: readonly BenefitKind[];
}

/**
 * CASF L271-2: a contract manages benefits only if the person authorises the Département to receive and manage them.
 * An avenant that makes a MASP 2 or changes its managed benefits carries that written authorisation, signed on or
 * before the avenant, naming every managed benefit.
 */
export function assertBenefitsAuthorisation(
  managed: readonly BenefitKind[],
  authorisation: BenefitsAuthorisation | null | undefined,
  avenantSignedOn: string,
): void {
  if (!authorisation || !authorisation.benefits.length || authorisation.signedOn > avenantSignedOn) {
    throw ruleError(
      DepartmentCode.BENEFITS_AUTHORISATION_REQUIRED,
      'CASF L271-2',
      `la gestion de prestations suppose l'autorisation écrite de la personne, signée au plus tard le jour de l'avenant (${avenantSignedOn}) et nommant les prestations.`,
      `managing benefits requires the person's written authorisation, signed on or before the avenant (${avenantSignedOn}) and naming the benefits.`,
      { field: 'benefitsAuthorisation' },
    );
  }
  const outside = managed.filter((k) => !authorisation.benefits.includes(k));
  if (outside.length) {
    throw ruleError(
      DepartmentCode.BENEFIT_NOT_AUTHORISED,
      'CASF L271-2',
      `la personne n'a pas autorisé la gestion de : ${outside.join(', ')}.`,
      `the person did not authorise managing: ${outside.join(', ')}.`,
      { benefits: outside },
    );
  }
}

/**
 * CASF L271-2: renewal only after a prior evaluation, never tacit. The evaluation must assess the running term: dated
 * on or after its start and on or before the renewal decision.
 */
export function assertRenewalEvaluation(
  evaluatedOn: string | null | undefined,
  currentTermStartsOn: string,
  decidedOn: string,
): void {
  if (evaluatedOn && evaluatedOn >= currentTermStartsOn && evaluatedOn <= decidedOn) return;
  throw ruleError(
    DepartmentCode.RENEWAL_WITHOUT_EVALUATION,
    'CASF L271-2',
    `un contrat n'est renouvelé qu'après une évaluation préalable, datée pendant le terme en cours et avant le renouvellement.`,
    `a contract is renewed only after a prior evaluation, dated during the running term and before the renewal.`,
    { evaluatedOn: evaluatedOn ?? null, currentTermStartsOn, decidedOn },
  );
}

/** A renewal is decided before the running term ends (a term that ran out is not revived: never tacit). */
export function assertRenewalBeforeTermEnd(decidedOn: string, currentTermEndsOn: string): void {
  if (decidedOn < currentTermEndsOn) return;
  throw ruleError(
    DepartmentCode.RENEWAL_NOT_AT_TERM,
    'CASF L271-2',
    `le renouvellement est décidé avant la fin du terme en cours (${currentTermEndsOn}) ; au-delà, un nouveau contrat est nécessaire.`,
    `renewal is decided before the running term ends (${currentTermEndsOn}); afterwards a new contract is needed.`,
  );
}

/**
 * CASF L271-2 (schema/domain.md › MASP contract): benefits that end during the measure let it run to its term, without
 * renewal — unless a
 * documented exception.
 */
export function assertRenewalBenefits(stillReceivesEligibleBenefit: boolean, exception?: string | null): void {
  if (stillReceivesEligibleBenefit || (exception && exception.trim().length >= 10)) return;
  throw ruleError(
    DepartmentCode.RENEWAL_BENEFITS_ENDED,
    'CASF L271-1, L271-2',
    `la personne ne perçoit plus de prestation de la liste D271-2 : la mesure va à son terme sans renouvellement, sauf exception motivée.`,
    `the person no longer receives a D271-2 benefit: the measure runs to its term without renewal, unless a documented exception.`,
  );
}

/** CASF L271-2: the person's consent is recorded when the contract is signed. */
export function assertConsent(consent: boolean): void {
  if (consent) return;
  throw ruleError(
    DepartmentCode.CONSENT_REQUIRED,
    'CASF L271-1, L271-2',
    `le contrat repose sur le consentement de la personne, qui doit être recueilli et signé.`,
    `the contract rests on the person's consent, which must be recorded and signed.`,
  );
}

export type MaspLevel = 'MASP_1' | 'MASP_2' | 'MASP_3';

/**
 * CASF L271-2 and D271-2: a MASP 2 manages benefits the person receives (at least one); a MASP 1 manages none; the
 * extension tier (18°–29°) only with a justification.
 */
export function assertManagedBenefits(
  level: MaspLevel,
  managed: readonly BenefitKind[],
  received: readonly BenefitKind[],
  extensionJustification?: string | null,
): void {
  if (level === 'MASP_1') {
    if (managed.length)
      throw badInput(
        'managedBenefits',
        'Une MASP de niveau 1 ne gère aucune prestation (CASF L271-2).',
        'A level-1 MASP manages no benefit (CASF L271-2).',
      );
    return;
  }
  if (!managed.length) {
    throw ruleError(
      DepartmentCode.MANAGED_BENEFITS_REQUIRED,
      'CASF L271-2',
      `une MASP de niveau 2 nomme les prestations que la personne autorise le Département à percevoir et gérer.`,
      `a level-2 MASP names the benefits the person authorises the Département to receive and manage.`,
    );
  }
  const missing = managed.filter((k) => !received.includes(k));
  if (missing.length) {
    throw ruleError(
      DepartmentCode.MANAGED_BENEFIT_NOT_RECEIVED,
      'CASF L271-2',
      `seules les prestations que la personne perçoit peuvent être gérées (non perçues : ${benefitsFr(missing)}).`,
      `only benefits the person receives can be managed (not received: ${missing.join(', ')}).`,
      { benefits: missing },
    );
  }
  const extension = managed.filter((k) => BENEFITS[k].tier === BenefitTier.EXTENSION);
  if (extension.length && !(extensionJustification && extensionJustification.trim().length >= 10)) {
    throw ruleError(
      DepartmentCode.EXTENSION_NOT_JUSTIFIED,
      'CASF D271-2',
      `les prestations 18° à 29° (${benefitsFr(extension)}) ne sont gérées que sur justification.`,
      `benefits 18° to 29° (${extension.join(', ')}) are managed only when justified.`,
      { benefits: extension },
    );
  }
}

export interface AvenantChange {
  toLevel?: MaspLevel | null;
  managedBenefits?: readonly BenefitKind[] | null;
  objectives?: string | null;
  engagements?: string | null;
}

/**
 * CASF L271-2: an avenant changes the level (1 → 2 only), the managed benefits, or the objectives; it changes
 * something.
 */
export function assertAvenant(currentLevel: MaspLevel, change: AvenantChange): MaspLevel {
  if (
    change.toLevel == null &&
    change.managedBenefits == null &&
    change.objectives == null &&
    change.engagements == null
  ) {
    throw badInput(
      'input',
      'Un avenant modifie au moins le niveau, les prestations gérées ou les objectifs.',
      'An avenant changes at least the level, the managed benefits or the objectives.',
    );
  }
  if (currentLevel === 'MASP_3') {
    throw ruleError(
      DepartmentCode.AVENANT_INVALID,
      'CASF L271-2, L271-5',
      `un versement direct ordonné par le juge ne se modifie pas par avenant.`,
      `a direct payment ordered by a judge is not changed by avenant.`,
    );
  }
  const toLevel = change.toLevel ?? currentLevel;
  if (toLevel !== currentLevel && !(currentLevel === 'MASP_1' && toLevel === 'MASP_2')) {
    // L271-2 lets an avenant change the contract; that it only moves 1 → 2, never back, is the département's practice.
    throw ruleError(
      DepartmentCode.AVENANT_INVALID,
      DEPARTMENTAL_PRACTICE,
      `un avenant fait passer un contrat de la MASP 1 à la MASP 2, pas de la ${levelFr(currentLevel)} à la ${levelFr(toLevel)}.`,
      `an avenant moves a contract from level 1 to level 2, not ${currentLevel} → ${toLevel}.`,
    );
  }
  return toLevel;
}

export enum EndReason {
  AUTONOMY = 'AUTONOMY',
  TERM = 'TERM',
  WITHDRAWAL = 'WITHDRAWAL',
  LOSS_OF_ELIGIBILITY = 'LOSS_OF_ELIGIBILITY',
  MOVE = 'MOVE',
  DEATH = 'DEATH',
  PROTECTION_MEASURE_OPENED = 'PROTECTION_MEASURE_OPENED',
  REFERRAL_TO_MAJ = 'REFERRAL_TO_MAJ',
  REFUSAL_OR_BREACH = 'REFUSAL_OR_BREACH',
  /** MASP 3 only: the PCD asks the judge to end the direct payment. */
  PCD_REQUEST = 'PCD_REQUEST',
  /** MASP 3 only: the person obtained the mainlevée. */
  MAINLEVEE = 'MAINLEVEE',
}

const CONTRACT_END_REASONS = [
  EndReason.AUTONOMY,
  EndReason.TERM,
  EndReason.WITHDRAWAL,
  EndReason.LOSS_OF_ELIGIBILITY,
  EndReason.MOVE,
  EndReason.DEATH,
  EndReason.PROTECTION_MEASURE_OPENED,
  EndReason.REFERRAL_TO_MAJ,
  EndReason.REFUSAL_OR_BREACH,
];
const DIRECT_PAYMENT_END_REASONS = [
  EndReason.TERM,
  EndReason.PCD_REQUEST,
  EndReason.MAINLEVEE,
  EndReason.DEATH,
  EndReason.MOVE,
  EndReason.PROTECTION_MEASURE_OPENED,
];

/**
 * CASF L271-2 (either party may end a contract) and L271-5 (the PCD's request, the mainlevée): the reasons each level
 * admits.
 */
export function assertEndReason(level: MaspLevel, reason: EndReason): void {
  const allowed = level === 'MASP_3' ? DIRECT_PAYMENT_END_REASONS : CONTRACT_END_REASONS;
  if (allowed.includes(reason)) return;
  throw ruleError(
    DepartmentCode.END_REASON_INVALID,
    level === 'MASP_3' ? 'CASF L271-5' : 'CASF L271-2',
    `le motif de fin « ${labelFr(END_REASON_FR, reason)} » n'est pas admis pour une ${levelFr(level)} (admis : ${listFr(END_REASON_FR, allowed)}).`,
    `end reason ${reason} is not possible for ${level} (allowed: ${allowed.join(', ')}).`,
    { allowed },
  );
}

/**
 * Code de justice administrative R421-1 (schema/domain.md › MASP contract: decisions of the PCD can be contested within
 * 2 months of
 * notification): the last day to contest.
 */
export function contestationDeadline(notifiedOn: string): string {
  return addMonths(notifiedOn, 2);
}

/** Whether a decision notified on `notifiedOn` can still be contested on `on` (the deadline day included). */
export function isContestable(notifiedOn: string, on: string): boolean {
  return on >= notifiedOn && on <= contestationDeadline(notifiedOn);
}

/** The term's end: `startsOn` + `months` (the day the next term would start). */
export function termEndsOn(startsOn: string, months: number): string {
  return addMonths(startsOn, months);
}

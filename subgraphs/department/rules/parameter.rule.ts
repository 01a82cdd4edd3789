import { DEFAULT_CLOSING_WINDOW_MONTHS } from './delegation.rule';
import { DepartmentCode, departmentalRefusal, ruleError } from './errors';

/**
 * The département's dated parameters narrow the statute, never widen it (issue 18). Each key the hub reads has the
 * range it accepts: a statutory one (the article it comes from; `fallback` is the statute's own value) or one of the
 * département's practice (`rule` absent: « pratique départementale », `fallback` its default). A value outside is
 * refused when it is set (`assertParameterValue`), refused by the database for new rows (migration law-parameters),
 * and, when an older row holds one, read as the fallback (`parameterInForce`): never an « Unexpected error ».
 */
export interface ParameterRange {
  min: number;
  max: number;
  fallback: number;
  /** The article the value comes from; absent for a parameter of the département's own practice. */
  rule?: string;
  fr: string;
  en: string;
}

/** CASF L271-2: the 48-month cap read per measure (the statute's words) or per person (a stricter local reading). */
export enum CapReading {
  PER_MEASURE = 'PER_MEASURE',
  PER_PERSON = 'PER_PERSON',
}

/** MASP_CAP_READING is stored as an integer (the parameter table holds integers): 1 = PER_MEASURE, 2 = PER_PERSON. */
export const CAP_READING_VALUES: Record<number, CapReading> = { 1: CapReading.PER_MEASURE, 2: CapReading.PER_PERSON };

/**
 * Pratique départementale: months an eligibility check (CASF L271-1) stays valid for opening or renewing a MASP.
 * Default 6: no older than the shortest term a contract may run (L271-2: 6 months), so that the facts checked
 * (benefits, threat, capacity to consent) belong to the period the contract is about to cover.
 */
export const DEFAULT_ELIGIBILITY_VALIDITY_MONTHS = 6;
/** Pratique départementale: days after the term a renewal decided before it may still be entered (default none). */
export const DEFAULT_RENEWAL_GRACE_DAYS = 0;

export const PARAMETER_RANGES: Record<string, ParameterRange> = {
  CONTRACT_MIN_MONTHS: {
    min: 6,
    max: 24,
    fallback: 6,
    rule: 'CASF L271-2',
    fr: 'un contrat dure au moins 6 mois et au plus 24 : le minimum local est entre 6 et 24',
    en: 'a contract runs at least 6 and at most 24 months: the local minimum lies between 6 and 24',
  },
  CONTRACT_MAX_MONTHS: {
    min: 6,
    max: 24,
    fallback: 24,
    rule: 'CASF L271-2',
    fr: 'un contrat dure au plus 24 mois : le maximum local est entre 6 et 24',
    en: 'a contract runs at most 24 months: the local maximum lies between 6 and 24',
  },
  TOTAL_MAX_MONTHS: {
    min: 6,
    max: 48,
    fallback: 48,
    rule: 'CASF L271-2',
    fr: 'la durée totale ne peut excéder 48 mois : le plafond local est entre 6 et 48',
    en: 'the total duration cannot exceed 48 months: the local cap lies between 6 and 48',
  },
  AAH_ANNUAL_CENTS: {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
    rule: 'CASF L271-4, D271-5',
    fr: "le montant annuel de l'AAH du barème est positif",
    en: "the scale's annual AAH amount is positive",
  },
  SMIC_ANNUAL_CENTS: {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
    rule: 'CASF L271-4, D271-5',
    fr: 'le montant annuel du SMIC du barème est positif',
    en: "the scale's annual SMIC amount is positive",
  },
  RSA_BASE_CENTS: {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    fallback: 0,
    rule: 'CASF L262-2, R262-1',
    fr: 'le montant forfaitaire du RSA (personne seule) est positif',
    en: 'the RSA base amount (single person) is positive',
  },
  ELIGIBILITY_VALIDITY_MONTHS: {
    min: 1,
    max: 12,
    fallback: DEFAULT_ELIGIBILITY_VALIDITY_MONTHS,
    fr: "une vérification d'éligibilité reste valable de 1 à 12 mois",
    en: 'an eligibility check stays valid 1 to 12 months',
  },
  RENEWAL_GRACE_DAYS: {
    min: 0,
    max: 15,
    fallback: DEFAULT_RENEWAL_GRACE_DAYS,
    fr: 'le délai de saisie d’un renouvellement après le terme est court : 0 à 15 jours',
    en: 'the time to enter a renewal after the term is short: 0 to 15 days',
  },
  STATS_SMALL_CELL: {
    min: 5,
    max: 100,
    fallback: 5,
    fr: 'un effectif de moins de 5 personnes est toujours masqué dans les statistiques L271-7 : seuil de 5 à 100',
    en: 'a count under 5 persons is always suppressed in the L271-7 statistics: threshold 5 to 100',
  },
  RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS: {
    min: 1,
    max: 24,
    fallback: 6,
    fr: 'un dossier clos est archivé de 1 à 24 mois après le dernier contact',
    en: 'a closed file is archived 1 to 24 months after the last contact',
  },
  RETENTION_AFTER_LAST_CONTACT_MONTHS: {
    min: 6,
    max: 60,
    fallback: 24,
    rule: 'RGPD art. 5.1.e',
    fr: 'les données d’un dossier clos ne sont gardées que le temps nécessaire : effacement de 6 à 60 mois après le dernier contact',
    en: 'a closed file’s data are kept no longer than necessary: erased 6 to 60 months after the last contact',
  },
  MASP_CAP_READING: {
    min: 1,
    max: 2,
    fallback: 1,
    fr: 'la lecture du plafond de 48 mois vaut 1 (PER_MEASURE, par mesure) ou 2 (PER_PERSON, par personne)',
    en: 'the reading of the 48-month cap is 1 (PER_MEASURE) or 2 (PER_PERSON)',
  },
  DELEGATION_CLOSING_WINDOW_MONTHS: {
    min: 0,
    max: 6,
    fallback: DEFAULT_CLOSING_WINDOW_MONTHS,
    fr: 'un délégataire ne garde la lecture de son dossier, après la fin de la délégation, que le temps de rendre le bilan final : 0 à 6 mois',
    en: 'after its delegation ends, a délégataire keeps reading its file only to hand back the final bilan: 0 to 6 months',
  },
};

/**
 * Parameters of the département's practice without a range: its own amounts, which only raise the statute's floor
 * (CASF R262-1 via the RSA; any non-negative integer).
 */
const PARAMETERS_WITHOUT_RANGE = ['RESTE_A_VIVRE_FLOOR_CENTS', 'RESTE_A_VIVRE_PER_DEPENDANT_CENTS'] as const;

/** Every key `setDepartmentParameter` accepts: the ranged ones, then the others. */
export const PARAMETER_KEYS: readonly string[] = [...Object.keys(PARAMETER_RANGES), ...PARAMETERS_WITHOUT_RANGE];

/** Whether a value lies in the range the hub accepts for `key` (a key without a range: any non-negative integer). */
export function parameterValueAllowed(key: string, value: number): boolean {
  const r = PARAMETER_RANGES[key];
  if (!Number.isInteger(value) || value < 0) return false;
  return !r || (value >= r.min && value <= r.max);
}

/**
 * Refuses a parameter value that widens the statute (PARAMETER_WIDENS_STATUTE, the article in `extensions.rule`) or
 * lies outside the range of the département's own practice (PARAMETER_OUT_OF_RANGE, pratique départementale).
 */
export function assertParameterValue(key: string, value: number): void {
  const r = PARAMETER_RANGES[key];
  if (!r || parameterValueAllowed(key, value)) return;
  const extra = { key, value, min: r.min, max: r.max };
  if (r.rule) {
    throw ruleError(
      DepartmentCode.PARAMETER_WIDENS_STATUTE,
      r.rule,
      `un paramètre départemental restreint la loi, sans l'élargir : ${r.fr} (${key} demandé : ${value}).`,
      `a département parameter narrows the statute, never widens it: ${r.en} (${key} requested: ${value}).`,
      extra,
    );
  }
  throw departmentalRefusal(
    DepartmentCode.PARAMETER_OUT_OF_RANGE,
    `Paramètre départemental ${key}`,
    `${r.fr} (demandé : ${value}).`,
    `${r.en} (requested: ${value}).`,
    extra,
  );
}

/**
 * The value the hub applies for `key`: the stored one when it lies in its range; otherwise (a row written before the
 * range was enforced) the statute's value, or the practice's default. `fellBack` says which.
 */
export function parameterInForce(key: string, stored: number | undefined): { value: number; fellBack: boolean } {
  const r = PARAMETER_RANGES[key];
  if (stored === undefined) return { value: r?.fallback ?? 0, fellBack: true };
  if (parameterValueAllowed(key, stored)) return { value: stored, fellBack: false };
  return { value: r?.fallback ?? 0, fellBack: true };
}

/** The cap reading stored (1 or 2), the statute's wording (per measure) when none or a bad value. */
export function capReadingOf(stored: number | undefined): CapReading {
  return CAP_READING_VALUES[parameterInForce('MASP_CAP_READING', stored).value] ?? CapReading.PER_MEASURE;
}

/** CASF L271-2: the département's minimum term is at most its maximum (else no contract could be signed). */
export function assertTermBoundsConsistent(minMonths: number, maxMonths: number): void {
  if (minMonths <= maxMonths) return;
  throw ruleError(
    DepartmentCode.PARAMETER_OUT_OF_RANGE,
    'CASF L271-2',
    `le minimum local (${minMonths} mois) dépasse le maximum local (${maxMonths} mois) : aucun contrat ne pourrait être signé.`,
    `the local minimum (${minMonths} months) exceeds the local maximum (${maxMonths} months): no contract could be signed.`,
    { minMonths, maxMonths },
  );
}

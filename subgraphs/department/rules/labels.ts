import { labelFr } from '../../kit/rules/french';

/**
 * The French words for the département's codes, for every French message and letter (never « le rapport est DRAFT »
 * or « COUPLE_WITH_CHILDREN » inside a French sentence). No import of the enums (they import the
 * rules, which import these tables); test/subgraphs/department/rules.test.ts checks every code has its label.
 */
export const MEASURE_LEVEL_FR: Readonly<Record<string, string>> = {
  MASP_1: 'MASP 1 (accompagnement simple)',
  MASP_2: 'MASP 2 (avec gestion des prestations)',
  MASP_3: 'MASP 3 (versement direct au bailleur)',
};

/** The short form, « MASP 1 », inside a sentence that already says what the level is. */
export const MEASURE_LEVEL_SHORT_FR: Readonly<Record<string, string>> = {
  MASP_1: 'MASP 1',
  MASP_2: 'MASP 2',
  MASP_3: 'MASP 3',
};

export const MEASURE_STATUS_FR: Readonly<Record<string, string>> = {
  PROPOSED: 'proposée',
  ACTIVE: 'en cours',
  ENDED: 'terminée',
};

export const END_REASON_FR: Readonly<Record<string, string>> = {
  AUTONOMY: 'autonomie retrouvée',
  TERM: 'arrivée au terme',
  WITHDRAWAL: 'retrait de la personne',
  LOSS_OF_ELIGIBILITY: "perte d'une condition d'éligibilité",
  MOVE: 'déménagement',
  DEATH: 'décès',
  PROTECTION_MEASURE_OPENED: "ouverture d'une mesure de protection juridique",
  REFERRAL_TO_MAJ: 'orientation vers une MAJ',
  REFUSAL_OR_BREACH: 'refus ou non-respect du contrat',
  PCD_REQUEST: 'demande du Président du Conseil départemental',
  MAINLEVEE: 'mainlevée',
};

export const PROTECTION_KIND_FR: Readonly<Record<string, string>> = {
  TUTELLE: 'tutelle',
  CURATELLE: 'curatelle',
  SAUVEGARDE_JUSTICE: 'sauvegarde de justice',
  MANDAT_PROTECTION_FUTURE: 'mandat de protection future',
  HABILITATION_FAMILIALE: 'habilitation familiale',
};

export const ELIGIBILITY_REFUSAL_FR: Readonly<Record<string, string>> = {
  NOT_ADULT: 'personne mineure',
  NO_LISTED_BENEFIT: 'aucune prestation de la liste D271-2 hors tiers payant',
  NO_THREAT_RECORDED: 'aucune menace pour la santé ou la sécurité constatée',
  NO_CAPACITY_TO_CONSENT: 'pas en mesure de consentir et de signer',
  UNDER_PROTECTION_MEASURE: 'mesure de protection juridique en cours',
  MAJ_IN_FORCE: 'MAJ en cours',
};

export const REPORT_STATUS_FR: Readonly<Record<string, string>> = {
  DRAFT: 'en préparation',
  SENT: 'transmis au procureur',
  DECIDED: 'décidé par le procureur',
};

export const PROCUREUR_OUTCOME_FR: Readonly<Record<string, string>> = {
  REFERRED_TO_JUDGE: 'saisine du juge des tutelles',
  NOT_REFERRED: 'pas de saisine du juge',
};

export const DIRECT_PAYMENT_REQUEST_STATUS_FR: Readonly<Record<string, string>> = {
  FILED: 'déposée',
  GRANTED: 'accueillie',
  DISMISSED: 'rejetée',
};

export const HOUSEHOLD_TYPE_FR: Readonly<Record<string, string>> = {
  SINGLE: 'personne seule',
  COUPLE: 'couple sans enfant',
  SINGLE_PARENT: 'famille monoparentale',
  COUPLE_WITH_CHILDREN: 'couple avec enfants',
  OTHER: 'autre composition',
};

export const SEX_FR: Readonly<Record<string, string>> = { F: 'femme', M: 'homme', X: 'non précisé' };

export const EVALUATION_KIND_FR: Readonly<Record<string, string>> = {
  COLLECTE: 'collecte des informations',
  DIAGNOSTIC: 'évaluation-diagnostic',
  RESULTATS: 'évaluation des résultats',
};

export const REFUSAL_KIND_FR: Readonly<Record<string, string>> = {
  REFUSAL: 'refus du contrat',
  BREACH: 'non-respect du contrat',
};

export const CASE_ALERT_KIND_FR: Readonly<Record<string, string>> = {
  ENDING_WITHIN_30_DAYS: 'fin de mesure dans les 30 jours',
  TOTAL_CAP_WITHIN_3_MONTHS: 'durée totale de 48 mois atteinte dans les 3 mois',
  RENEWAL_WITHOUT_EVALUATION: 'renouvellement sans évaluation',
  ARREARS_TWO_MONTHS: 'deux mois d’impayés de loyer',
  CONTRACT_PAST_TERM: 'contrat échu encore actif',
  DIRECT_PAYMENT_ENDING: 'fin du paiement direct du loyer',
  ELIGIBILITY_EXPIRED: 'vérification d’éligibilité périmée',
  MAJ_ENDING: 'fin de la MAJ',
  PROTECTION_OPENED_DURING_MASP: 'mesure de protection ouverte pendant la MASP',
  CONTESTATION_DEADLINE_RUNNING: 'délai de recours en cours',
};

/** A level in French, short form (« MASP 2 »). */
export const levelFr = (level: string): string => labelFr(MEASURE_LEVEL_SHORT_FR, level);

/** A list of codes in French, joined « a, b et c ». */
export function listFr(labels: Readonly<Record<string, string>>, codes: readonly string[]): string {
  const words = codes.map((c) => labelFr(labels, c));
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} et ${words[words.length - 1]}`;
}

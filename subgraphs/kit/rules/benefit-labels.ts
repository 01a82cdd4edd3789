import type { BenefitKind } from '../../../schema/benefits';

/**
 * The French name of each D271-2 benefit, as a professional writes it in a message or a letter: the usual acronym
 * where there is one (« APL », « AAH »), the name otherwise (never « ALLOCATION_MERES_FAMILLE » in a sentence).
 */
export const BENEFIT_FR: Readonly<Record<BenefitKind, string>> = {
  APL: 'APL',
  ALS: 'ALS',
  APA: 'APA',
  ASPA: 'ASPA',
  AVTS: 'AVTS',
  AVTNS: 'AVTNS',
  ALLOCATION_MERES_FAMILLE: 'allocation aux mères de famille',
  ALLOCATION_SPECIALE_VIEILLESSE: 'allocation spéciale de vieillesse',
  ALLOCATION_VIAGERE_RAPATRIES: 'allocation viagère des rapatriés',
  ALLOCATION_VIEILLESSE_AGRICOLE: 'allocation de vieillesse agricole',
  ALLOCATION_SUPPLEMENTAIRE: 'allocation supplémentaire',
  ASI: 'ASI',
  AAH: 'AAH',
  ACTP: 'ACTP',
  PCH: 'PCH',
  RSA: 'RSA',
  PAJE: 'PAJE',
  AF: 'allocations familiales',
  CF: 'complément familial',
  ALF: 'ALF',
  AEEH: 'AEEH',
  ASF: 'ASF',
  ARS: 'allocation de rentrée scolaire',
  AJPP: 'AJPP',
  RENTE_ORPHELINS_AT: "rente d'orphelin (accident du travail)",
  ALLOCATION_SERVICES_MENAGERS: 'allocation représentative de services ménagers',
  ALLOCATION_DIFFERENTIELLE: 'allocation différentielle',
  PCH_III: 'PCH (III)',
};

/** Benefits in French, « APL, AAH » (a code without a label shows as itself, so that a test catches it). */
export const benefitsFr = (kinds: readonly string[]): string =>
  kinds.map((k) => (BENEFIT_FR as Readonly<Record<string, string>>)[k] ?? k).join(', ');

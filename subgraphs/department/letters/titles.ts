import { DecisionKind, DocumentKind } from '../entities/enums';

/** The subject line (« Objet ») of each decision letter; also the document's title in the API (SOCIAL_SUMMARY). */
export const LETTER_TITLES: Readonly<Record<DecisionKind, string>> = {
  [DecisionKind.CONTRACT_SIGNED]: 'Notification de votre contrat d’accompagnement social personnalisé',
  [DecisionKind.AVENANT_SIGNED]: 'Notification d’un avenant à votre contrat d’accompagnement social personnalisé',
  [DecisionKind.CONTRACT_RENEWED]:
    'Notification du renouvellement de votre contrat d’accompagnement social personnalisé',
  [DecisionKind.MEASURE_ENDED]: 'Notification de la fin de votre mesure d’accompagnement social personnalisé',
  [DecisionKind.PROPOSAL_REFUSED]: 'Notification : refus du contrat d’accompagnement social personnalisé proposé',
  [DecisionKind.DIRECT_PAYMENT_REQUESTED]: 'Notification : demande au juge de versement direct du loyer au bailleur',
  [DecisionKind.DIRECT_PAYMENT_JUDGMENT]: 'Notification : jugement ordonnant le versement direct du loyer au bailleur',
};

export function letterTitle(kind: DecisionKind): string {
  return LETTER_TITLES[kind] ?? kind;
}

/** The titles of the two documents of the L271-6 pack. */
export function packDocumentTitle(kind: DocumentKind): string {
  return kind === DocumentKind.MEDICAL_ANNEX
    ? 'Annexe médicale sous pli cacheté (CASF L271-6)'
    : 'Rapport au procureur de la République (CASF L271-6)';
}

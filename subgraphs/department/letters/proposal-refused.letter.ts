import { formatDateFr } from '../../kit/rules/french';
import { DecisionKind, MeasureLevel } from '../entities/enums';
import { levelFr } from './labels';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface ProposalRefusedFacts {
  proposedOn: string;
  refusedOn: string;
  level: MeasureLevel;
  months: number;
}

/**
 * The person refused the contract proposed (CASF L271-2): the refusal is recorded, tied to the proposal, and the
 * letter says what may follow it (a request to the judge if the rent goes unpaid, CASF L271-5).
 */
export function proposalRefusedLetter(f: ProposalRefusedFacts): LetterBody {
  return {
    title: letterTitle(DecisionKind.PROPOSAL_REFUSED),
    paragraphs: [
      `Le ${formatDateFr(f.proposedOn)}, le Département vous a proposé un contrat d’accompagnement social personnalisé de ${f.months} mois : une ${levelFr(f.level)}.`,
      `Vous avez refusé ce contrat le ${formatDateFr(f.refusedOn)}. Le Département prend acte de votre refus, qui est enregistré dans votre dossier.`,
      'Si votre loyer restait impayé pendant deux mois, le président du conseil départemental pourrait demander au juge que vos prestations sociales soient versées directement à votre bailleur, à hauteur du loyer et des charges (code de l’action sociale et des familles, article L271-5). Vous pouvez à tout moment demander un nouvel accompagnement.',
    ],
    recourse: 'ADMINISTRATIVE',
  };
}

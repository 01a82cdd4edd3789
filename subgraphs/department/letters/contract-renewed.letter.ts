import { formatDateFr } from '../../kit/rules/french';
import { DecisionKind } from '../entities/enums';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface RenewalFacts {
  decidedOn: string;
  evaluatedOn: string;
  startsOn: string;
  endsOn: string;
  months: number;
}

/** CASF L271-2: renewed after an evaluation of the results, never tacitly, for a new term. */
export function contractRenewedLetter(f: RenewalFacts): LetterBody {
  return {
    title: letterTitle(DecisionKind.CONTRACT_RENEWED),
    paragraphs: [
      `Après l’évaluation de ses résultats du ${formatDateFr(f.evaluatedOn)}, votre contrat d’accompagnement social personnalisé est renouvelé par décision du ${formatDateFr(f.decidedOn)} (code de l’action sociale et des familles, article L271-2).`,
      `Le nouveau terme court pendant ${f.months} mois, du ${formatDateFr(f.startsOn)} au ${formatDateFr(f.endsOn)}.`,
    ],
    recourse: 'ADMINISTRATIVE',
  };
}

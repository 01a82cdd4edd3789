import { formatDateFr } from '../../kit/rules/french';
import { DecisionKind, MeasureLevel } from '../entities/enums';
import { levelFr, listFr } from './labels';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface AvenantFacts {
  signedOn: string;
  fromLevel: MeasureLevel;
  toLevel: MeasureLevel;
  managedBenefits: readonly string[];
  benefitsChanged: boolean;
  objectivesChanged: boolean;
  endsOn: string;
}

/** CASF L271-2: an avenant changes the contract in force (level, managed benefits, objectives or engagements). */
export function avenantLetter(f: AvenantFacts): LetterBody {
  const paragraphs = [
    `Un avenant à votre contrat d’accompagnement social personnalisé a été signé le ${formatDateFr(f.signedOn)} (code de l’action sociale et des familles, article L271-2). Le contrat court toujours jusqu’au ${formatDateFr(f.endsOn)}.`,
  ];
  if (f.fromLevel !== f.toLevel) paragraphs.push(`Votre mesure devient une ${levelFr(f.toLevel)}.`);
  if (f.benefitsChanged)
    paragraphs.push(
      f.managedBenefits.length
        ? `Avec votre autorisation, le Département gère désormais pour votre compte : ${listFr(f.managedBenefits)}.`
        : 'Le Département ne gère plus aucune de vos prestations.',
    );
  if (f.objectivesChanged) paragraphs.push('Les objectifs ou les engagements du contrat ont été modifiés.');
  return { title: letterTitle(DecisionKind.AVENANT_SIGNED), paragraphs, recourse: 'ADMINISTRATIVE' };
}

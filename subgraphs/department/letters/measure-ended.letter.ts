import { formatDateFr } from '../../kit/rules/french';
import { DecisionKind, EndReason, MeasureLevel } from '../entities/enums';
import { endReasonFr, levelFr } from './labels';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface EndFacts {
  level: MeasureLevel;
  endedOn: string;
  reason: EndReason;
}

/** CASF L271-2 (L271-5 for a direct payment): the measure ends, with its reason. */
export function measureEndedLetter(f: EndFacts): LetterBody {
  const paragraphs = [
    `Votre ${levelFr(f.level)} prend fin le ${formatDateFr(f.endedOn)}.`,
    `Motif : ${endReasonFr(f.reason)}.`,
  ];
  if (f.level === MeasureLevel.MASP_2)
    paragraphs.push(
      'Les prestations que le Département gérait pour votre compte vous sont de nouveau versées directement.',
    );
  return { title: letterTitle(DecisionKind.MEASURE_ENDED), paragraphs, recourse: 'ADMINISTRATIVE' };
}

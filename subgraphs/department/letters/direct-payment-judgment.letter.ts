import { formatDateFr, formatEuros } from '../../kit/rules/french';
import { DecisionKind } from '../entities/enums';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface JudgmentFacts {
  court: string;
  judgmentOn: string;
  reference: string;
  monthlyAmountCents: number;
  startsOn: string;
  endsOn: string;
  renewal: boolean;
}

/** CASF L271-5: the judgment received by the département (ordering or renewing the direct payment). */
export function directPaymentJudgmentLetter(f: JudgmentFacts): LetterBody {
  return {
    title: letterTitle(DecisionKind.DIRECT_PAYMENT_JUDGMENT),
    paragraphs: [
      `Le Département a reçu le jugement rendu le ${formatDateFr(f.judgmentOn)} par : ${f.court} (référence ${f.reference}).`,
      `Ce jugement ${f.renewal ? 'renouvelle' : 'ordonne'} le versement direct à votre bailleur d’une partie de vos prestations sociales, ${formatEuros(f.monthlyAmountCents)} par mois, pour le paiement du loyer et des charges, du ${formatDateFr(f.startsOn)} au ${formatDateFr(f.endsOn)} (code de l’action sociale et des familles, article L271-5).`,
      'Le jugement vous est notifié par le greffe ; c’est de cette notification que court le délai d’appel.',
    ],
    recourse: 'JUDICIAL',
  };
}

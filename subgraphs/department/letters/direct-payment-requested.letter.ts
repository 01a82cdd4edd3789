import { formatDateFr, formatEuros } from '../../kit/rules/french';
import { DecisionKind } from '../entities/enums';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface RequestFacts {
  requestedOn: string;
  landlordName: string;
  rentAndChargesCents: number;
  arrearsMonths: number;
}

/** CASF L271-5: the PCD asks the judge for the direct payment of the rent to the landlord. */
export function directPaymentRequestedLetter(f: RequestFacts): LetterBody {
  return {
    title: letterTitle(DecisionKind.DIRECT_PAYMENT_REQUESTED),
    paragraphs: [
      `Le ${formatDateFr(f.requestedOn)}, le président du conseil départemental a demandé au juge que vos prestations sociales soient versées directement à votre bailleur, ${f.landlordName}, à hauteur du loyer et des charges dus (${formatEuros(f.rentAndChargesCents)} par mois) (code de l’action sociale et des familles, article L271-5).`,
      `Cette demande fait suite à votre refus du contrat d’accompagnement social personnalisé, ou au non-respect de ses clauses, et à ${f.arrearsMonths} mois consécutifs de loyer impayé selon les relevés de votre bailleur.`,
      'Le juge décide ; il ne peut vous priver, ni les personnes à votre charge, des ressources nécessaires à votre subsistance. Vous pourrez lui présenter vos observations.',
    ],
    recourse: 'ADMINISTRATIVE',
  };
}

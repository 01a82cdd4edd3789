import { formatDateFr } from '../../kit/rules/french';
import { DecisionKind, MeasureLevel } from '../entities/enums';
import { levelFr, listFr } from './labels';
import type { LetterBody } from './render';
import { letterTitle } from './titles';

export interface ContractSignedFacts {
  level: MeasureLevel;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  months: number;
  managedBenefits: readonly string[];
  proposedOn?: string | null;
}

/** CASF L271-2: the contract signed (on the département's proposal), its level, term and managed benefits. */
export function contractSignedLetter(f: ContractSignedFacts): LetterBody {
  const paragraphs = [
    `Vous avez signé le ${formatDateFr(f.signedOn)} le contrat d’accompagnement social personnalisé${
      f.proposedOn ? ` que le Département vous a proposé le ${formatDateFr(f.proposedOn)}` : ''
    } (code de l’action sociale et des familles, article L271-2). Il vous ouvre une ${levelFr(f.level)}.`,
    `Le contrat court pendant ${f.months} mois, du ${formatDateFr(f.startsOn)} au ${formatDateFr(f.endsOn)}. Il pourra être renouvelé après une évaluation de ses résultats.`,
  ];
  if (f.level === MeasureLevel.MASP_2 && f.managedBenefits.length)
    paragraphs.push(
      `Avec votre autorisation, le Département perçoit et gère pour votre compte les prestations suivantes : ${listFr(
        f.managedBenefits,
      )}, en les affectant en priorité au paiement du loyer et des charges locatives (CASF L271-2).`,
    );
  return { title: letterTitle(DecisionKind.CONTRACT_SIGNED), paragraphs, recourse: 'ADMINISTRATIVE' };
}

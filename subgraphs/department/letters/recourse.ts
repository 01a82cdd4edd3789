import { addDays } from '../../kit/rules/calendar';
import { contestationDeadline } from '../rules/contract.rule';

/**
 * The voies et délais de recours a letter carries. A decision of the président du conseil départemental (contract,
 * avenant, renewal, end, refusal of a proposal, request to the judge) is an administrative decision: recours gracieux
 * to the PCD, recours contentieux before the tribunal administratif, within two months of the notification (CJA
 * R421-1; without these mentions on the notification the delay does not run, CJA R421-5). A judgment of the direct
 * payment (CASF L271-5) is contested by appeal: fifteen days from its notification by the court (CPC art. 538,
 * matière gracieuse; schema/domain.md › Versement direct).
 */
export type Recourse = 'ADMINISTRATIVE' | 'JUDICIAL';

/** The tribunal administratif whose ressort covers the Loiret (CJA R221-3). */
export const TRIBUNAL_ADMINISTRATIF = 'tribunal administratif d’Orléans';

export const ADMINISTRATIVE_RECOURSE: readonly string[] = [
  'Vous pouvez contester cette décision dans un délai de deux mois à compter de sa notification :',
  '– par un recours gracieux adressé au président du conseil départemental ;',
  `– par un recours contentieux devant le ${TRIBUNAL_ADMINISTRATIF} (code de justice administrative, article R421-1), y compris par l’application Télérecours citoyens.`,
  'Le recours gracieux, formé dans ce délai, le prolonge : le recours contentieux reste possible dans les deux mois de la réponse, ou du rejet implicite né du silence gardé pendant deux mois.',
];

export const JUDICIAL_RECOURSE: readonly string[] = [
  'Ce jugement peut faire l’objet d’un appel dans un délai de quinze jours à compter de sa notification par le greffe (code de procédure civile, article 538).',
  'Vous pouvez aussi demander à tout moment au juge la mainlevée du versement direct (CASF L271-5).',
];

export function recourseText(kind: Recourse): readonly string[] {
  return kind === 'JUDICIAL' ? JUDICIAL_RECOURSE : ADMINISTRATIVE_RECOURSE;
}

/** The last day to contest, counted from the notification: two months (CJA R421-1), or fifteen days for an appeal. */
export function contestUntil(kind: Recourse, notifiedOn: string): string {
  return kind === 'JUDICIAL' ? addDays(notifiedOn, 15) : contestationDeadline(notifiedOn);
}

/** Which recourse a decision opens: a judgment is appealed, every other decision is the PCD's (administrative). */
export function recourseOf(kind: string): Recourse {
  return kind === 'DIRECT_PAYMENT_JUDGMENT' ? 'JUDICIAL' : 'ADMINISTRATIVE';
}

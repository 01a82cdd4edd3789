import { labelFr } from '../../kit/rules/french';
import { EndReason } from '../rules/contract.rule';
import { MeasureLevel } from '../entities/enums';

/** The measure's level as a letter says it (« une MASP »: the mesure is feminine). */
export const LEVEL_FR: Readonly<Record<MeasureLevel, string>> = {
  [MeasureLevel.MASP_1]:
    'mesure d’accompagnement social personnalisé de niveau 1 (accompagnement social et aide à la gestion du budget)',
  [MeasureLevel.MASP_2]:
    'mesure d’accompagnement social personnalisé de niveau 2 (avec gestion de prestations sociales)',
  [MeasureLevel.MASP_3]:
    'mesure d’accompagnement social personnalisé de niveau 3 (versement direct du loyer au bailleur)',
};

/** Why a measure ended, as the letter tells the person. */
export const END_REASON_FR: Readonly<Record<EndReason, string>> = {
  [EndReason.AUTONOMY]: 'les objectifs du contrat sont atteints : vous gérez vos prestations en autonomie',
  [EndReason.TERM]: 'le contrat est arrivé à son terme',
  [EndReason.WITHDRAWAL]: 'vous avez demandé qu’il y soit mis fin',
  [EndReason.LOSS_OF_ELIGIBILITY]: 'les conditions de la mesure ne sont plus réunies',
  [EndReason.MOVE]: 'vous avez quitté le département',
  [EndReason.DEATH]: 'décès',
  [EndReason.PROTECTION_MEASURE_OPENED]: 'une mesure de protection juridique a été ouverte',
  [EndReason.REFERRAL_TO_MAJ]: 'une mesure d’accompagnement judiciaire a été ordonnée',
  [EndReason.REFUSAL_OR_BREACH]: 'les engagements du contrat n’ont pas été respectés',
  [EndReason.PCD_REQUEST]: 'le président du conseil départemental a demandé au juge de mettre fin au versement direct',
  [EndReason.MAINLEVEE]: 'le juge a prononcé la mainlevée du versement direct',
};

export const levelFr = (level: MeasureLevel) => labelFr(LEVEL_FR, level);
export const endReasonFr = (reason: EndReason) => labelFr(END_REASON_FR, reason);

/** A list of benefits in a sentence: « AAH, APL et RSA ». */
export function listFr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}`;
}

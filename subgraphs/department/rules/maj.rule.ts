import { addMonths } from '../../kit/rules/calendar';
import { DepartmentCode, ruleError } from './errors';
import { listFr, PROTECTION_KIND_FR } from './labels';
import type { ProtectionKind } from './eligibility.rule';

/**
 * CASF L271-6: the report to the procureur follows a MASP that failed (contract refused or breached, or measures that
 * did not restore a satisfactory management of the benefits).
 */
export function assertL271_6Preconditions(maspHistory: boolean): void {
  if (maspHistory) return;
  throw ruleError(
    DepartmentCode.L271_6_WITHOUT_MASP_FAILURE,
    'CASF L271-6',
    `le rapport au procureur suit l'échec d'une MASP (contrat refusé, non respecté ou sans effet suffisant).`,
    `the report to the procureur follows a MASP that failed (contract refused, breached or without sufficient effect).`,
  );
}

/**
 * C. civ. 495-2 (the MAJ is ordered only on the procureur's request, after the L271-6 report), 495-1 (incompatible with
 * a tutelle, curatelle or sauvegarde de justice, and with a mandat de protection future or habilitation familiale),
 * 495-8 (the judgment fixes the term, at most 24 months: a notice without it is refused, the MJPM's reach ends there).
 */
export function assertMajNotice(
  referredByProcureur: boolean,
  activeProtections: readonly ProtectionKind[],
  startsOn: string,
  endsOn: string | null | undefined,
): void {
  if (!referredByProcureur) {
    throw ruleError(
      DepartmentCode.MAJ_NOTICE_WITHOUT_REFERRAL,
      'C. civ. 495-2, CASF L271-6',
      `une MAJ n'est ouverte qu'à la demande du procureur, après le rapport L271-6 : enregistrez d'abord sa décision de saisir le juge.`,
      `a MAJ is opened only on the procureur's request, after the L271-6 report: record the decision to refer first.`,
    );
  }
  if (activeProtections.length) {
    throw ruleError(
      DepartmentCode.MAJ_INCOMPATIBLE_PROTECTION,
      'C. civ. 495-1',
      `une MAJ est incompatible avec une mesure de protection en cours (${listFr(PROTECTION_KIND_FR, activeProtections)}).`,
      `a MAJ is incompatible with a protection measure in force (${activeProtections.join(', ')}).`,
    );
  }
  if (endsOn == null || endsOn <= startsOn || endsOn > addMonths(startsOn, 24)) {
    throw ruleError(
      DepartmentCode.MAJ_TERM_OUT_OF_RANGE,
      'C. civ. 495-8',
      `une MAJ est ordonnée pour 24 mois au plus : l'avis porte le terme fixé par le jugement.`,
      `a MAJ is ordered for at most 24 months: the notice carries the term the judgment fixed.`,
      { field: 'endsOn' },
    );
  }
}

/** CASF L271-1 al. 3: a MASP may follow a MAJ that ended — not run beside one in force. */
export function assertNoMajInForce(majInForce: boolean): void {
  if (!majInForce) return;
  throw ruleError(
    DepartmentCode.MEASURE_DURING_MAJ,
    'CASF L271-1',
    `une MAJ est en cours : une MASP peut lui succéder une fois terminée, pas s'y ajouter.`,
    `a MAJ is in force: a MASP may follow it once it ended, not run beside it.`,
  );
}

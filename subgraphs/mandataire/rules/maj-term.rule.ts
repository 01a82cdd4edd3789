import { badInput, MandataireCode, ruleError } from './errors';
import { addMonths } from '../../kit/rules/calendar';
import { formatDateFr } from '../../kit/rules/french';

/** C. civ. 495-8: the judge sets the term, at most two years… */
export const MAJ_MAX_TERM_MONTHS = 24;
/** …renewable by a specially reasoned decision, four years at most in all. */
export const MAJ_MAX_TOTAL_MONTHS = 48;

/**
 * C. civ. 495-8: a MAJ judgment (or a renewal) runs from `startsOn` to `endsOn`, after it and at most 24 months later.
 * Refused: MAJ_TERM_OUT_OF_RANGE.
 */
export function assertMajTerm(startsOn: string, endsOn: string, field = 'endsOn'): void {
  if (endsOn <= startsOn || endsOn > addMonths(startsOn, MAJ_MAX_TERM_MONTHS)) {
    throw ruleError(
      MandataireCode.MAJ_TERM_OUT_OF_RANGE,
      'C. civ. 495-8',
      `une MAJ est ordonnée (ou renouvelée) pour au plus ${MAJ_MAX_TERM_MONTHS} mois ; l'échéance doit suivre le début (${formatDateFr(startsOn)}) et ne pas dépasser le ${formatDateFr(addMonths(startsOn, MAJ_MAX_TERM_MONTHS))}.`,
      `a MAJ is ordered (or renewed) for at most ${MAJ_MAX_TERM_MONTHS} months; its end must follow its start (${startsOn}) and be no later than ${addMonths(startsOn, MAJ_MAX_TERM_MONTHS)}.`,
      { field, maxMonths: MAJ_MAX_TERM_MONTHS },
    );
  }
}

/**
 * C. civ. 495-8: judgment and renewals together end at most 48 months after the MAJ started. Refused:
 * MAJ_TOTAL_EXCEEDED.
 */
export function assertMajTotal(startsOn: string, endsOn: string, field = 'newEndsOn'): void {
  const cap = addMonths(startsOn, MAJ_MAX_TOTAL_MONTHS);
  if (endsOn > cap) {
    throw ruleError(
      MandataireCode.MAJ_TOTAL_EXCEEDED,
      'C. civ. 495-8',
      `la durée totale d'une MAJ, renouvellements compris, ne peut excéder ${MAJ_MAX_TOTAL_MONTHS} mois (au plus tard le ${formatDateFr(cap)}).`,
      `a MAJ, renewals included, may not exceed ${MAJ_MAX_TOTAL_MONTHS} months in all (no later than ${cap}).`,
      { field, maxMonths: MAJ_MAX_TOTAL_MONTHS },
    );
  }
}

/** C. civ. 495-8: a renewal is a "décision spécialement motivée": its reason is required. */
export function assertRenewalReason(reason: string | null | undefined): string {
  const trimmed = (reason ?? '').trim();
  if (trimmed.length < 10) {
    throw ruleError(
      MandataireCode.MAJ_RENEWAL_REASON_REQUIRED,
      'C. civ. 495-8',
      "le renouvellement d'une MAJ est une décision spécialement motivée ; indiquez ses motifs (10 caractères au moins).",
      'renewing a MAJ takes a specially reasoned decision; give its reasons (at least 10 characters).',
      { field: 'reason' },
    );
  }
  return trimmed;
}

/**
 * C. civ. 495-8, a renewal as a whole: the MAJ is still running, the new term runs from the current end for at most
 * 24 months, and the whole measure stays within 48 months of its start.
 */
export function assertMajRenewal(
  measure: { startsOn: string; endsOn: string },
  newEndsOn: string,
  reason: string | null | undefined,
): string {
  const why = assertRenewalReason(reason);
  assertMajTerm(measure.endsOn, newEndsOn, 'newEndsOn');
  assertMajTotal(measure.startsOn, newEndsOn);
  return why;
}

/** A MAJ is ended on a day within its course (not before it started, not after its current term). */
export function assertEndDate(measure: { startsOn: string; endsOn: string }, endedOn: string): void {
  if (endedOn < measure.startsOn || endedOn > measure.endsOn) {
    throw badInput(
      'endedOn',
      `La fin d'une MAJ se situe entre son début (${formatDateFr(measure.startsOn)}) et son échéance (${formatDateFr(measure.endsOn)}).`,
      `A MAJ ends between its start (${measure.startsOn}) and its term (${measure.endsOn}).`,
    );
  }
}

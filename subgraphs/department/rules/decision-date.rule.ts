import { DepartmentCode, ruleError } from './errors';

/** The article each procedure's dates belong to. */
export const PROCEDURE_RULES = {
  /** A MASP contract, its avenants, renewals, contribution and end. */
  CONTRACT: 'CASF L271-2',
  /** The eligibility check and the refusal of a contract. */
  ELIGIBILITY: 'CASF L271-1',
  /** The request to the judge and the judge's direct-payment judgments. */
  DIRECT_PAYMENT: 'CASF L271-5',
} as const;

/**
 * A decision, judgment or signature exists from its date: one dated after today cannot be recorded yet (issue 18: a
 * judgment dated next month was accepted). The rule is the article of the procedure the date belongs to; `field` names
 * the input.
 */
export function assertNotInFuture(
  field: string,
  date: string,
  today: string,
  procedure: keyof typeof PROCEDURE_RULES,
): void {
  if (date <= today) return;
  throw ruleError(
    DepartmentCode.DECISION_DATED_IN_FUTURE,
    PROCEDURE_RULES[procedure],
    `« ${field} » (${date}) est postérieur à aujourd'hui (${today}) : une décision s'enregistre une fois prise.`,
    `"${field}" (${date}) is later than today (${today}): a decision is recorded once it is taken.`,
    { field, date, today },
  );
}

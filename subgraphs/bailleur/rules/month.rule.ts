import { isMonth, monthOf, todayIso } from '../../kit/rules/calendar';
import { BailleurErrorCode, badInput, DEPARTMENTAL_PRACTICE, refusal } from './errors';

/**
 * A month given by a caller: well formed (`BAD_USER_INPUT` naming the field) and, unless `allowFuture`, already begun
 * (`MONTH_IN_FUTURE`: rent for a month to come can be neither received nor owed).
 */
export function assertRentMonth(month: unknown, field: string, today = todayIso()): string {
  if (!isMonth(month)) {
    throw badInput(
      field,
      `« ${field} » doit être un mois AAAA-MM (ex. 2025-03).`,
      `"${field}" must be a month YYYY-MM (e.g. 2025-03).`,
    );
  }
  if (month > monthOf(today)) {
    throw refusal(
      BailleurErrorCode.MONTH_IN_FUTURE,
      DEPARTMENTAL_PRACTICE,
      `Le mois ${month} n'a pas commencé : son loyer ne peut être ni confirmé ni déclaré impayé. / Month ${month} has not begun: its rent can be neither confirmed nor declared unpaid.`,
      { field },
    );
  }
  return month;
}

import { ErrorCode, userError } from '../../kit/rules/errors';
import { isMonth, monthOf, todayIso } from '../../kit/rules/calendar';
import { BailleurErrorCode } from '../errors';

/**
 * A month given by a caller: well formed (`BAD_USER_INPUT` naming the field) and, unless `allowFuture`, already begun
 * (`MONTH_IN_FUTURE`: rent for a month to come can be neither received nor owed).
 */
export function assertRentMonth(month: unknown, field: string, today = todayIso()): string {
  if (!isMonth(month)) {
    throw userError(ErrorCode.BAD_USER_INPUT, `« ${field} » doit être un mois AAAA-MM (ex. 2025-03). / "${field}" must be a month YYYY-MM (e.g. 2025-03).`, { field });
  }
  if (month > monthOf(today)) {
    throw userError(BailleurErrorCode.MONTH_IN_FUTURE, `Le mois ${month} n'a pas commencé : son loyer ne peut être ni confirmé ni déclaré impayé. / Month ${month} has not begun: its rent can be neither confirmed nor declared unpaid.`, { field });
  }
  return month;
}

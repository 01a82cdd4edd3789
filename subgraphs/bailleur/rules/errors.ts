import { badInput, DEPARTMENTAL_PRACTICE, refusalsFor } from '../../kit/rules/errors';

/** The business codes of the landlords' subgraph (`extensions.code`); their messages are written for the caller. */
export enum BailleurErrorCode {
  /** CASF L271-5: the amount paid directly may not exceed the rent and charges due. */
  DIRECT_PAYMENT_EXCEEDS_RENT_L271_5 = 'DIRECT_PAYMENT_EXCEEDS_RENT_L271_5',
  /** A rent month that has not begun yet cannot be confirmed or declared unpaid. */
  MONTH_IN_FUTURE = 'MONTH_IN_FUTURE',
  /** No direct-payment order is active on this lease for that month: nothing is expected from a payer. */
  NO_ACTIVE_ORDER = 'NO_ACTIVE_ORDER',
  /** Two direct-payment orders of one lease may not cover the same day. */
  ORDER_OVERLAP = 'ORDER_OVERLAP',
  /** The order already ended on or before the requested end date. */
  ORDER_ALREADY_ENDED = 'ORDER_ALREADY_ENDED',
}

export const { ruleError, refusal } = refusalsFor(BailleurErrorCode);

export { badInput, DEPARTMENTAL_PRACTICE };

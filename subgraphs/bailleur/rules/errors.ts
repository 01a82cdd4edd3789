import type { GraphQLError } from 'graphql';
import {
  badInput,
  DEPARTMENTAL_PRACTICE,
  exposeCodes,
  refusal as kitRefusal,
  ruleError as kitRuleError,
  RuleSource,
} from '../../kit/rules/errors';

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

exposeCodes(...Object.values(BailleurErrorCode));

/** A business refusal of the landlords' subgraph (the kit's `ruleError`, typed to this subgraph's codes). */
export const ruleError = (
  code: BailleurErrorCode,
  rule: RuleSource,
  fr: string,
  en: string,
  extra: Record<string, unknown> = {},
): GraphQLError => kitRuleError(code, rule, fr, en, extra);

/**
 * A business refusal whose bilingual message is already written (the kit's `refusal`, typed to this subgraph's codes).
 */
export const refusal = (
  code: BailleurErrorCode,
  rule: RuleSource,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError => kitRefusal(code, rule, message, extra);

export { badInput, DEPARTMENTAL_PRACTICE };

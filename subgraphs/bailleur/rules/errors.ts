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
  /** The tenant named by a lease is not a person of the département's register. */
  LEASE_TENANT_UNKNOWN = 'LEASE_TENANT_UNKNOWN',
  /** A landlord's lease reference names one lease only. */
  LEASE_REFERENCE_TAKEN = 'LEASE_REFERENCE_TAKEN',
  /** The lease already ended on or before the requested end date (or before the revision). */
  LEASE_ALREADY_ENDED = 'LEASE_ALREADY_ENDED',
  /** A rent-table line already starts on that day. */
  RENT_TERM_ALREADY_RECORDED = 'RENT_TERM_ALREADY_RECORDED',
  /** CASF L271-5: an order on a judgment exists only from the judgment the département recorded, and ends with it. */
  JUDICIAL_ORDER_FROM_DEPARTMENT_ONLY = 'JUDICIAL_ORDER_FROM_DEPARTMENT_ONLY',
  /** The département's order names a lease this landlord does not hold for that person. */
  ORDER_LEASE_MISMATCH = 'ORDER_LEASE_MISMATCH',
}

export const { ruleError, refusal } = refusalsFor(BailleurErrorCode);

export { badInput, DEPARTMENTAL_PRACTICE };

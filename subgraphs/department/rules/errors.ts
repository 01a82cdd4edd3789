import {
  badInput,
  DEPARTMENTAL_PRACTICE,
  exposeCodes,
  refusal as kitRefusal,
  ruleError as kitRuleError,
  RuleSource,
} from '../../kit/rules/errors';
import type { GraphQLError } from 'graphql';

/**
 * The département's business refusals: stable codes a client can act on, each with a French / English message that
 * names the rule (article of the CASF, Code civil, or a département parameter). Exposed unmasked by the kit.
 */
export enum DepartmentCode {
  CONTRACT_TERM_OUT_OF_RANGE = 'CONTRACT_TERM_OUT_OF_RANGE',
  TOTAL_DURATION_EXCEEDED = 'TOTAL_DURATION_EXCEEDED',
  RENEWAL_WITHOUT_EVALUATION = 'RENEWAL_WITHOUT_EVALUATION',
  RENEWAL_BENEFITS_ENDED = 'RENEWAL_BENEFITS_ENDED',
  RENEWAL_NOT_AT_TERM = 'RENEWAL_NOT_AT_TERM',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  ELIGIBILITY_NOT_ESTABLISHED = 'ELIGIBILITY_NOT_ESTABLISHED',
  MEASURE_ALREADY_OPEN = 'MEASURE_ALREADY_OPEN',
  MEASURE_NOT_ACTIVE = 'MEASURE_NOT_ACTIVE',
  MEASURE_DURING_MAJ = 'MEASURE_DURING_MAJ',
  MANAGED_BENEFITS_REQUIRED = 'MANAGED_BENEFITS_REQUIRED',
  MANAGED_BENEFIT_NOT_RECEIVED = 'MANAGED_BENEFIT_NOT_RECEIVED',
  EXTENSION_NOT_JUSTIFIED = 'EXTENSION_NOT_JUSTIFIED',
  AVENANT_INVALID = 'AVENANT_INVALID',
  END_REASON_INVALID = 'END_REASON_INVALID',
  CONTRIBUTION_ABOVE_CAP = 'CONTRIBUTION_ABOVE_CAP',
  PARAMETER_MISSING = 'PARAMETER_MISSING',
  DELEGATION_NOT_ALLOWED = 'DELEGATION_NOT_ALLOWED',
  DELEGATION_ALREADY_ACTIVE = 'DELEGATION_ALREADY_ACTIVE',
  DELEGATION_ALREADY_ENDED = 'DELEGATION_ALREADY_ENDED',
  DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH = 'DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH',
  DIRECT_PAYMENT_ARREARS_TOO_LOW = 'DIRECT_PAYMENT_ARREARS_TOO_LOW',
  DIRECT_PAYMENT_REQUEST_INCOMPLETE = 'DIRECT_PAYMENT_REQUEST_INCOMPLETE',
  DIRECT_PAYMENT_AMOUNT_ABOVE_RENT = 'DIRECT_PAYMENT_AMOUNT_ABOVE_RENT',
  DIRECT_PAYMENT_RESTE_A_VIVRE = 'DIRECT_PAYMENT_RESTE_A_VIVRE',
  DIRECT_PAYMENT_TERM_OUT_OF_RANGE = 'DIRECT_PAYMENT_TERM_OUT_OF_RANGE',
  REQUEST_ALREADY_JUDGED = 'REQUEST_ALREADY_JUDGED',
  L271_6_WITHOUT_MASP_FAILURE = 'L271_6_WITHOUT_MASP_FAILURE',
  L271_6_REPORT_ALREADY_OPEN = 'L271_6_REPORT_ALREADY_OPEN',
  L271_6_REPORT_STATE = 'L271_6_REPORT_STATE',
  MEDICAL_ANNEX_SEALED = 'MEDICAL_ANNEX_SEALED',
  MAJ_NOTICE_WITHOUT_REFERRAL = 'MAJ_NOTICE_WITHOUT_REFERRAL',
  MAJ_INCOMPATIBLE_PROTECTION = 'MAJ_INCOMPATIBLE_PROTECTION',
  MAJ_TERM_OUT_OF_RANGE = 'MAJ_TERM_OUT_OF_RANGE',
  MAJ_NOTICE_ALREADY_ACTIVE = 'MAJ_NOTICE_ALREADY_ACTIVE',
}

exposeCodes(...Object.values(DepartmentCode));

/** A business refusal of the département (the kit's `ruleError`, typed to this subgraph's codes). */
export const ruleError = (
  code: DepartmentCode,
  rule: RuleSource,
  fr: string,
  en: string,
  extra: Record<string, unknown> = {},
): GraphQLError => kitRuleError(code, rule, fr, en, extra);

/**
 * A refusal under a rule the département set itself (one of its parameters): `extensions.rule` is
 * DEPARTMENTAL_PRACTICE, and the message still names the parameter it applies (`« <cited> : … / <cited>: … »`).
 */
export const departmentalRefusal = (
  code: DepartmentCode,
  cited: string,
  fr: string,
  en: string,
  extra: Record<string, unknown> = {},
): GraphQLError => kitRefusal(code, DEPARTMENTAL_PRACTICE, `${cited} : ${fr} / ${cited}: ${en}`, extra);

export { badInput, DEPARTMENTAL_PRACTICE };

import { badInput, DEPARTMENTAL_PRACTICE, refusalsFor } from '../../kit/rules/errors';
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
  DIRECT_PAYMENT_NO_LEASE = 'DIRECT_PAYMENT_NO_LEASE',
  DIRECT_PAYMENT_ALREADY_RUNNING = 'DIRECT_PAYMENT_ALREADY_RUNNING',
  LEASE_TENANT_UNKNOWN = 'LEASE_TENANT_UNKNOWN',
  /** CASF L271-3: delegation only to an organisation of the register of délégataires. */
  DELEGATAIRE_NOT_REGISTERED = 'DELEGATAIRE_NOT_REGISTERED',
  /** CASF L271-3: delegation only under a convention of that délégataire in force at the delegation's start. */
  CONVENTION_NOT_IN_FORCE = 'CONVENTION_NOT_IN_FORCE',
  /** The register already holds this organisation (SIRET) or this convention reference. */
  DELEGATAIRE_ALREADY_REGISTERED = 'DELEGATAIRE_ALREADY_REGISTERED',
  /** CASF L271-2: a contract not renewed by its term ends at its term (no avenant, delegation or renewal after). */
  CONTRACT_TERM_PASSED = 'CONTRACT_TERM_PASSED',
  /** CASF L271-2: a proposal is answered once: accepted (signed) or refused. */
  PROPOSAL_NOT_OPEN = 'PROPOSAL_NOT_OPEN',
  /** CASF L271-2: one proposal awaits the person's answer at a time. */
  PROPOSAL_PENDING = 'PROPOSAL_PENDING',
  /** CASF L271-2: a MASP 2 manages benefits only on the person's written authorisation (dated, naming them). */
  BENEFITS_AUTHORISATION_REQUIRED = 'BENEFITS_AUTHORISATION_REQUIRED',
  /** CASF L271-2: a managed benefit outside the person's written authorisation. */
  BENEFIT_NOT_AUTHORISED = 'BENEFIT_NOT_AUTHORISED',
  /** A département parameter may narrow the statute, never widen it (the article it would widen). */
  PARAMETER_WIDENS_STATUTE = 'PARAMETER_WIDENS_STATUTE',
  /** A département parameter of its own practice outside the range the hub accepts for it. */
  PARAMETER_OUT_OF_RANGE = 'PARAMETER_OUT_OF_RANGE',
  /** Pratique départementale: the eligibility check (CASF L271-1) is older than ELIGIBILITY_VALIDITY_MONTHS. */
  ELIGIBILITY_CHECK_EXPIRED = 'ELIGIBILITY_CHECK_EXPIRED',
  /** A decision, judgment or signature is dated after today: it cannot be recorded before it exists. */
  DECISION_DATED_IN_FUTURE = 'DECISION_DATED_IN_FUTURE',
  /** CASF L271-2: a renewal is entered before the running term ends (or within the département's short grace). */
  RENEWAL_ENTERED_LATE = 'RENEWAL_ENTERED_LATE',
}

export const { ruleError, refusal } = refusalsFor(DepartmentCode);

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
): GraphQLError => refusal(code, DEPARTMENTAL_PRACTICE, `${cited} : ${fr} / ${cited}: ${en}`, extra);

export { badInput, DEPARTMENTAL_PRACTICE };

import type { GraphQLError } from 'graphql';
import {
  badInput,
  DEPARTMENTAL_PRACTICE,
  exposeCodes,
  refusal as kitRefusal,
  ruleError as kitRuleError,
  RuleSource,
} from '../../kit/rules/errors';

/** The mandataire subgraph's stable business codes (`extensions.code`), exposed unmasked to the caller. */
export enum MandataireCode {
  MAJ_TERM_OUT_OF_RANGE = 'MAJ_TERM_OUT_OF_RANGE',
  MAJ_TOTAL_EXCEEDED = 'MAJ_TOTAL_EXCEEDED',
  MAJ_RENEWAL_REASON_REQUIRED = 'MAJ_RENEWAL_REASON_REQUIRED',
  MAJ_INCOMPATIBLE_PROTECTION = 'MAJ_INCOMPATIBLE_PROTECTION',
  MAJ_ALREADY_ACTIVE = 'MAJ_ALREADY_ACTIVE',
  MAJ_NOT_ACTIVE = 'MAJ_NOT_ACTIVE',
  BENEFIT_EXTENSION_NOT_ORDERED = 'BENEFIT_EXTENSION_NOT_ORDERED',
  BENEFIT_NOT_COVERED = 'BENEFIT_NOT_COVERED',
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  LEDGER_INCONSISTENT = 'LEDGER_INCONSISTENT',
}
exposeCodes(...Object.values(MandataireCode));

/** A business refusal of the mandataire (the kit's `ruleError`, typed to this subgraph's codes). */
export const ruleError = (
  code: MandataireCode,
  rule: RuleSource,
  fr: string,
  en: string,
  extra: Record<string, unknown> = {},
): GraphQLError => kitRuleError(code, rule, fr, en, extra);

/**
 * A business refusal whose bilingual message is already written (the kit's `refusal`, typed to this subgraph's codes).
 */
export const refusal = (
  code: MandataireCode,
  rule: RuleSource,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError => kitRefusal(code, rule, message, extra);

export { badInput, DEPARTMENTAL_PRACTICE };

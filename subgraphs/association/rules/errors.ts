import type { GraphQLError } from 'graphql';
import { badInput, DEPARTMENTAL_PRACTICE, refusalsFor, RuleSource } from '../../kit/rules/errors';
import { formatEuros, formatEurosEn } from '../../kit/rules/french';

/** Business codes of the association subgraph (`extensions.code`), exposed unmasked to the caller. */
export enum AssociationCode {
  /** CASF L271-2: a benefit the contract does not list as managed. */
  BENEFIT_NOT_MANAGED = 'BENEFIT_NOT_MANAGED',
  /** CASF L271-2: rent and charges are paid before any other item. */
  RENT_NOT_COVERED_FIRST = 'RENT_NOT_COVERED_FIRST',
  /** An earmarked benefit spent on something else: housing aids (CCH L821-1), APA (CASF L232-3), PCH (CASF L245-3). */
  EARMARKED_BENEFIT_MISUSED = 'EARMARKED_BENEFIT_MISUSED',
  /** The planned expenses exceed the resources. */
  BUDGET_EXCEEDS_RESOURCES = 'BUDGET_EXCEEDS_RESOURCES',
  /** The payment would take the account below zero (or below its authorised overdraft). */
  INSUFFICIENT_BALANCE = 'INSUFFICIENT_BALANCE',
  /** The file is not in the status the action needs (e.g. CLOSING is read-only until the final bilan). */
  DELEGATED_FILE_NOT_ACTIVE = 'DELEGATED_FILE_NOT_ACTIVE',
  /** The measure already has an open delegated file. */
  DELEGATED_FILE_EXISTS = 'DELEGATED_FILE_EXISTS',
  /** CASF L271-3: a file opens only for a delegation in force of that measure to that association. */
  NO_DELEGATION_IN_FORCE = 'NO_DELEGATION_IN_FORCE',
  /** CASF L271-2: the file manages the benefits of the contract in force, not others. */
  MANAGED_BENEFITS_NOT_CONTRACT = 'MANAGED_BENEFITS_NOT_CONTRACT',
}
export const { ruleError, refusal } = refusalsFor(AssociationCode);

/**
 * A refused rule, as the pure checks return it (they decide; the resolver throws): its code, the rule it applies
 * (`extensions.rule`), a bilingual message naming the rule, and figures for the client.
 */
export interface RuleViolation {
  code: AssociationCode;
  rule: RuleSource;
  message: string;
  extra?: Record<string, unknown>;
}

/** The error a violation is refused with. */
export const violationError = (v: RuleViolation): GraphQLError => refusal(v.code, v.rule, v.message, v.extra ?? {});

/** Amounts in the French half of a message: the kit's French money (« 1 234,56 € »). */
export const euros = (cents: number): string => formatEuros(cents);
/** Amounts in the English half (« €1,234.56 »). */
export const eurosEn = (cents: number): string => formatEurosEn(cents);

export { badInput, DEPARTMENTAL_PRACTICE };

import { GraphQLError } from 'graphql';
import type { Domain } from '../../../schema/policy';
import { isUuid } from '../db/loaders';

/** Stable error codes a client can act on (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  /** The database is unreachable or restarting, or a transaction lost a race: nothing was written, retry. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
}

/** A business-rule or input error: its code and message go to the caller as they are. */
export function userError(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/**
 * Where a refusal's rule comes from, in `extensions.rule`: an article (« CASF L271-2 », « C. civ. 495-8 ») or, for a
 * rule the law does not make and a département chose, `DEPARTMENTAL_PRACTICE`.
 */
export type RuleSource = string;
export const DEPARTMENTAL_PRACTICE: RuleSource = 'pratique départementale';

/**
 * A business refusal, the one shape all four partners use: its stable code, the rule in `extensions.rule`, and a
 * French / English message that names the rule (`« CASF L271-2 : … / CASF L271-2: … »`). Exposed unmasked.
 */
export function ruleError(
  code: string,
  rule: RuleSource,
  fr: string,
  en: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return userError(code, `${rule} : ${fr} / ${rule}: ${en}`, { rule, ...extra });
}

/** A business refusal whose bilingual message is already written (it names its rule in its own words). */
export function refusal(
  code: string,
  rule: RuleSource,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return userError(code, message, { rule, ...extra });
}

/**
 * One partner's refusal helpers: its business codes exposed unmasked, and `ruleError` / `refusal` typed to them, so
 * that a partner cannot refuse with another's code.
 */
export function refusalsFor<C extends string>(codes: Record<string, C>) {
  exposeCodes(...Object.values(codes));
  return {
    ruleError: (code: C, rule: RuleSource, fr: string, en: string, extra: Record<string, unknown> = {}): GraphQLError =>
      ruleError(code, rule, fr, en, extra),
    refusal: (code: C, rule: RuleSource, message: string, extra: Record<string, unknown> = {}): GraphQLError =>
      refusal(code, rule, message, extra),
  };
}

/** An input error on one field (`BAD_USER_INPUT` with `extensions.field`). */
export function badInput(field: string, fr: string, en: string): GraphQLError {
  return userError(ErrorCode.BAD_USER_INPUT, `${fr} / ${en}`, { field });
}

/**
 * The refusal of a classified field: same shape at the gateway and in every subgraph (schema/policy.md ›
 * Classification).
 */
export function forbiddenDomain(domain: Domain): GraphQLError {
  return userError(
    ErrorCode.FORBIDDEN,
    `Accès refusé : le domaine ${domain} n'est pas accordé à votre rôle. / Access denied: your role does not hold the ${domain} domain.`,
    { domain },
  );
}

/**
 * The refusal of a row: the same words whether the row exists or not, so that an error never tells
 * a caller that an id it may not reach exists.
 */
export function notReachable(typeName: string): GraphQLError {
  return userError(
    ErrorCode.FORBIDDEN,
    `${typeName} introuvable ou hors de votre périmètre. / ${typeName} not found or not within your reach.`,
  );
}

export function unauthenticated(message: string, reason: string): GraphQLError {
  return userError(ErrorCode.UNAUTHENTICATED, message, { reason, http: { status: 401 } });
}

const EXPOSED_CODES = new Set<string>();
/** Codes whose message is written for the caller and may leave the subgraph unmasked. */
export function exposeCodes(...codes: string[]): void {
  for (const c of codes) EXPOSED_CODES.add(c);
}
exposeCodes(
  ...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
);

/** Is this code one we raised on purpose, whose message may reach the caller unmasked? */
export const isExposedCode = (code: string): boolean => EXPOSED_CODES.has(code);

/** An id argument a write looks a row up by: a UUID (lower-cased), or `BAD_USER_INPUT` naming the field. */
export function requireId(field: string, value: string | null | undefined): string {
  if (!isUuid(value)) throw badInput(field, `« ${field} » doit être un identifiant.`, `"${field}" must be an id.`);
  return value.toLowerCase();
}

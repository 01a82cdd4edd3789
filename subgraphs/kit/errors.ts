import { GraphQLError, GraphQLFormattedError } from 'graphql';
import type { Domain } from '../../schema/policy';
import type { Logger } from './logger';

/** Stable error codes a client can act on (`extensions.code`). */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** A business-rule or input error: its code and message go to the caller as they are. */
export function userError(code: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** The refusal of a classified field: same shape at the gateway and in every subgraph (policy.md). */
export function forbiddenDomain(domain: Domain): GraphQLError {
  return userError(ErrorCode.FORBIDDEN, `Accès refusé : le domaine ${domain} n'est pas accordé à votre rôle. / Access denied: your role does not hold the ${domain} domain.`, { domain });
}

/**
 * The refusal of a row: the same words whether the row exists or not, so that an error never tells
 * a caller that an id it may not reach exists.
 */
export function notReachable(typeName: string): GraphQLError {
  return userError(ErrorCode.FORBIDDEN, `${typeName} introuvable ou hors de votre périmètre. / ${typeName} not found or not within your reach.`);
}

export function unauthenticated(message: string, reason: string): GraphQLError {
  return userError(ErrorCode.UNAUTHENTICATED, message, { reason, http: { status: 401 } });
}

const EXPOSED_CODES = new Set<string>();
/** Codes whose message is written for the caller and may leave the subgraph unmasked. */
export function exposeCodes(...codes: string[]): void {
  for (const c of codes) EXPOSED_CODES.add(c);
}
exposeCodes(...Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR), 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE');

/**
 * Apollo Server `formatError`: errors we raised on purpose keep their code and message; anything else (a driver
 * error with SQL, a TypeError with a stack) is logged and answered as "Unexpected error." with no detail.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && EXPOSED_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    log.error({ err: (error as { originalError?: unknown })?.originalError ?? error, path: formatted.path }, 'unexpected error');
    return {
      message: 'Unexpected error.',
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

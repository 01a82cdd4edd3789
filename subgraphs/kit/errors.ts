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
  /** The database is unreachable or restarting, or a transaction lost a race: nothing was written, retry. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
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

/** PostgreSQL SQLSTATEs after which the same request may simply be retried (nothing of it was committed). */
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const RETRYABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const RETRYABLE_MESSAGES = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|terminating connection|the database system is (starting up|shutting down|in recovery)|server closed the connection unexpectedly/i;

/**
 * Is this a transient database failure (connection refused or lost, server restarting, serialization failure or
 * deadlock)? Looks through GraphQL's originalError, typeorm's driverError and `cause`. A transaction that failed so
 * was rolled back by PostgreSQL; at worst (connection lost during COMMIT) it committed entirely — never in part.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e = err as { name?: unknown; code?: unknown; message?: unknown; originalError?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  const queue = [e];
  while ((e = queue.shift())) {
    if (typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (RETRYABLE_SQLSTATES.has(code) || code.startsWith('08') || RETRYABLE_NODE_CODES.has(code)) return true;
    if (typeof e.message === 'string' && RETRYABLE_MESSAGES.test(e.message)) return true;
    // typeorm releases a transaction's connection when the driver reports it lost; the next query then says so.
    if (e.name === 'QueryRunnerAlreadyReleasedError' || e.name === 'QueryRunnerProviderAlreadyReleasedError') return true;
    for (const next of [e.originalError, e.driverError, e.cause]) if (next && typeof next === 'object') queue.push(next as never);
  }
  return false;
}

/**
 * The input field a variable coercion error is about ("Variable "$_op_input" got invalid value … at
 * "_op_input.writtenOn"" → `writtenOn`; `items.receivedOn` below any other argument; without a path, the argument
 * itself, less the gateway's `_op_` prefix), named as kit/validate-inputs.ts and the domain rules name it.
 */
export function coercedField(message: string): string | undefined {
  const m = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value .*? at "([^"]+)"/s.exec(message) ?? /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value/s.exec(message);
  if (!m) return undefined;
  const [, variable, at] = m;
  const arg = variable.replace(/^_[A-Za-z0-9]+_/, '');
  const below = at && at.startsWith(variable) ? at.slice(variable.length).replace(/\[\d+\]/g, '').replace(/^\./, '') : '';
  if (!below) return arg;
  return arg === 'input' ? below : `${arg}.${below}`;
}

export const SERVICE_UNAVAILABLE_MESSAGE = 'Service momentanément indisponible (base de données) ; rien n’a été enregistré en partie, réessayez. / Service temporarily unavailable (database); nothing was partly saved, please retry.';

/**
 * What a caller is told of a failure nobody raised on purpose: a transient database failure is SERVICE_UNAVAILABLE
 * with `retryable: true` (nothing was written, retry); anything else (a driver error with SQL, a TypeError with a
 * stack) is "Unexpected error." with no detail. `transient` says which, for the caller's log line.
 */
export function failureAnswer(error: unknown): { transient: boolean; message: string; extensions: { code: ErrorCode; retryable?: true } } {
  return isTransientDatabaseError(error)
    ? { transient: true, message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true } }
    : { transient: false, message: 'Unexpected error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * Apollo Server `formatError`: errors we raised on purpose keep their code and message; any other failure is logged
 * and answered as `failureAnswer` says (a lost database: SERVICE_UNAVAILABLE, retryable; else "Unexpected error.").
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && EXPOSED_CODES.has(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      if (code === ErrorCode.BAD_USER_INPUT && extensions.field === undefined) {
        const field = coercedField(formatted.message);
        if (field) extensions.field = field;
      }
      return { ...formatted, extensions };
    }
    const { transient, message, extensions } = failureAnswer(error);
    const err = (error as { originalError?: unknown })?.originalError ?? error;
    if (transient) log.warn({ err, path: formatted.path }, 'database unavailable');
    else log.error({ err, path: formatted.path }, 'unexpected error');
    return {
      message,
      ...(formatted.path ? { path: formatted.path } : {}),
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      extensions,
    };
  };
}

import { ErrorCode } from '../rules/errors';

/** PostgreSQL SQLSTATEs after which the same request may simply be retried (nothing of it was committed). */
const RETRYABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '40001', '40P01']);
const RETRYABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const RETRYABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|terminating connection|the database system is (starting up|shutting down|in recovery)|server closed the connection unexpectedly/i;

/**
 * Is this a transient database failure (connection refused or lost, server restarting, serialization failure or
 * deadlock)? Looks through GraphQL's originalError, typeorm's driverError and `cause`. A transaction that failed so
 * was rolled back by PostgreSQL; at worst (connection lost during COMMIT) it committed entirely — never in part.
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const seen = new Set<unknown>();
  let e = err as
    | {
        name?: unknown;
        code?: unknown;
        message?: unknown;
        originalError?: unknown;
        driverError?: unknown;
        cause?: unknown;
      }
    | undefined;
  const queue = [e];
  while ((e = queue.shift())) {
    if (typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const code = typeof e.code === 'string' ? e.code : '';
    if (RETRYABLE_SQLSTATES.has(code) || code.startsWith('08') || RETRYABLE_NODE_CODES.has(code)) return true;
    if (typeof e.message === 'string' && RETRYABLE_MESSAGES.test(e.message)) return true;
    // typeorm releases a transaction's connection when the driver reports it lost; the next query then says so.
    if (e.name === 'QueryRunnerAlreadyReleasedError' || e.name === 'QueryRunnerProviderAlreadyReleasedError')
      return true;
    for (const next of [e.originalError, e.driverError, e.cause])
      if (next && typeof next === 'object') queue.push(next as never);
  }
  return false;
}

export const SERVICE_UNAVAILABLE_MESSAGE =
  'Service momentanément indisponible (base de données) ; rien n’a été enregistré en partie, réessayez. / Service temporarily unavailable (database); nothing was partly saved, please retry.';

/**
 * What a caller is told of a failure nobody raised on purpose: a transient database failure is SERVICE_UNAVAILABLE
 * with `retryable: true` (nothing was written, retry); anything else (a driver error with SQL, a TypeError with a
 * stack) is "Unexpected error." with no detail. `transient` says which, for the caller's log line.
 */
export function failureAnswer(error: unknown): {
  transient: boolean;
  message: string;
  extensions: { code: ErrorCode; retryable?: true };
} {
  return isTransientDatabaseError(error)
    ? {
        transient: true,
        message: SERVICE_UNAVAILABLE_MESSAGE,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      }
    : { transient: false, message: 'Unexpected error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

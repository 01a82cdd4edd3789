import type { GraphQLFormattedError } from 'graphql';
import { failureAnswer } from '../db/failures';
import { ErrorCode, isExposedCode } from '../rules/errors';
import type { Logger } from '../runtime/logger';
import { coercionOf, refusalAnswer } from '../schema/scalars';

/**
 * The input field a variable coercion error is about ("Variable "$_op_input" got invalid value … at
 * "_op_input.writtenOn"" → `writtenOn`; `items.receivedOn` below any other argument; without a path, the argument
 * itself, less the gateway's `_op_` prefix), named as kit/validate-inputs.ts and the domain rules name it.
 */
export function coercedField(message: string): string | undefined {
  const coercion = coercionOf(message);
  if (!coercion) return undefined;
  const { variable, at } = coercion;
  const arg = variable.replace(/^_[A-Za-z0-9]+_/, '');
  const below =
    at && at.startsWith(variable)
      ? at
          .slice(variable.length)
          .replace(/\[\d+\]/g, '')
          .replace(/^\./, '')
      : '';
  if (!below) return arg;
  return arg === 'input' ? below : `${arg}.${below}`;
}

/**
 * Apollo Server `formatError`: errors we raised on purpose keep their code and message; any other failure is logged
 * and answered as `failureAnswer` says (a lost database: SERVICE_UNAVAILABLE, retryable; else "Unexpected error.").
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code as string | undefined;
    if (code && isExposedCode(code)) {
      const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
      // a contract scalar's refusal (a month 2025-13, in a variable or inline): worded as every input refusal
      const refused = refusalAnswer(error);
      if (refused)
        return {
          ...formatted,
          message: refused.message,
          extensions: { ...extensions, code: ErrorCode.BAD_USER_INPUT, field: refused.field },
        };
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

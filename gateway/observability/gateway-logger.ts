import { Logger, type LogLevel, type LogWriter } from '@graphql-hive/logger';
import { GRANT_EXTENSION, SIGNATURE_EXTENSION } from '../../schema/upstream-signature';
import { scrubMessage, serviceLogger, type Logger as PinoLogger } from '../../subgraphs/kit/runtime/logger';

const SECRET_KEYS = new Set([GRANT_EXTENSION, SIGNATURE_EXTENSION, 'authorization', 'cookie', 'proxy-authorization']);
const SIGNED_BODY = new RegExp(`${GRANT_EXTENSION}|${SIGNATURE_EXTENSION}|Bearer\\s+[\\w-]+\\.[\\w-]+\\.`, 'i');
const REDACTED = '[redacted]';

/**
 * A copy of a log line's attributes with no credential left in it: the caller's token, and the gateway's signature
 * and registry grant of a subgraph request (a grant is good for up to 60 s). The runtime attaches the failed
 * upstream request (URL, headers, body) to some errors it logs; the body is dropped whole, since it is also the query
 * and its variables (personal data). Errors keep their name, code and message, with the values a database message
 * echoes taken out (kit/runtime/logger.ts `scrubMessage`); the kit logger these lines go through then drops
 * statements, bound values, `detail` and `variables` at any depth.
 */
export function scrubLogAttributes(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (typeof value === 'string')
    return SIGNED_BODY.test(value) ? `${REDACTED} (signed subgraph request or token)` : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubLogAttributes(v, depth + 1));
  const source: Record<string, unknown> =
    value instanceof Error
      ? { name: value.name, ...(value as unknown as Record<string, unknown>), message: scrubMessage(value.message) }
      : (value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    if (key === 'stack') continue;
    out[key] =
      SECRET_KEYS.has(key.toLowerCase()) || (key === 'body' && depth > 0) ? REDACTED : scrubLogAttributes(v, depth + 1);
  }
  return out;
}

/** Writes the runtime's log lines to pino, scrubbed. */
class ScrubbingPinoWriter implements LogWriter {
  constructor(private readonly pino: PinoLogger) {}
  write(level: LogLevel, attrs: Parameters<LogWriter['write']>[1], msg: string | null | undefined): void {
    const line = msg == null ? undefined : (scrubLogAttributes(msg) as string);
    if (attrs == null) this.pino[level](line);
    else this.pino[level](scrubLogAttributes(attrs) as object, line);
  }
}

/**
 * The runtime's logger: its lines go through our pino root logger (one JSON format for every service, LOG_LEVEL
 * honoured), scrubbed of credentials first.
 */
export function gatewayRuntimeLogger(level: LogLevel | false, pinoLogger = serviceLogger('gateway-runtime')): Logger {
  return new Logger({ level, writers: [new ScrubbingPinoWriter(pinoLogger)] });
}

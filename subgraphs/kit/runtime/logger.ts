import pino, { Logger } from 'pino';

const REDACTED = '[redacted]';

/**
 * Keys whose value is dropped wherever it sits in a log line, at any depth: a failed statement's bound values
 * (`parameters`: a person's name, birth date, address…) and its text, which may hold values (`query`, `sql`), the
 * driver's own copy of the error (`driverError`), PostgreSQL's `detail` ("Key (nir)=(…) already exists", "Failing row
 * contains (…)"), `where`, `hint` and `internalQuery`, a GraphQL request's `variables`, a job's `payload`.
 */
const DROPPED_KEYS = new Set([
  'parameters',
  'query',
  'sql',
  'driverError',
  'detail',
  'where',
  'hint',
  'internalQuery',
  'variables',
  'payload',
  'body',
]);

/** A PostgreSQL error's fields an operator needs, none of which holds a value: SQLSTATE and the names involved. */
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'schema', 'dataType', 'routine'];

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * A message with the values a driver or ORM echoes taken out, the names kept: PostgreSQL quotes a value after a colon
 * (`invalid input syntax for type uuid: "…"`, `… for enum x: "…"`, `syntax error at or near "…"`), or as
 * `value "…" is out of range`, `Key (nir)=(…)`, `Failing row contains (…)`; typeorm's EntityNotFoundError writes its
 * criteria after `matching:`; a stack trace pasted into a message (graphile-worker's) goes. Constraint, relation and
 * column names are quoted without a colon and stay.
 */
export function scrubMessage(text: string): string {
  return text
    .replace(/Key \(([^)]*)\)=\((?:[^()]|\([^)]*\))*\)/g, `Key ($1)=(${REDACTED})`)
    .replace(/Failing row contains \(.*\)/g, `Failing row contains (${REDACTED})`)
    .replace(/(:\s*|at or near\s+|value\s+)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`)
    .replace(/(\bmatching:\s*)\{[\s\S]*$/, `$1${REDACTED}`)
    .replace(/\n\s+at [\s\S]*$/, '');
}

/** The first frame of a stack (where it was thrown), without the trace itself. */
const origin = (stack: unknown): string | undefined =>
  typeof stack === 'string' ? /\n\s+at (.+)/.exec(stack)?.[1]?.slice(0, 200) : undefined;

/**
 * An error as a log line may carry it: its type, scrubbed message, code and where it was thrown; a database error's
 * SQLSTATE and names (constraint, table, column); GraphQL `path` and `extensions.code`; its cause, so scrubbed too.
 * Never its statement, bound values, `detail` or stack.
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> {
  const e = err as Record<string, unknown> & { message?: unknown; name?: unknown };
  const out: Record<string, unknown> = {
    type: typeof e?.name === 'string' ? e.name : (e?.constructor as { name?: string } | undefined)?.name,
    message: scrubMessage(String(e?.message ?? err)),
  };
  const driver = (e?.driverError ?? e) as Record<string, unknown>;
  const isDatabaseError = typeof driver?.code === 'string' && SQLSTATE.test(driver.code);
  for (const key of isDatabaseError ? DATABASE_ERROR_FIELDS : ['code']) {
    const value = driver?.[key] ?? e?.[key];
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
  }
  if (Array.isArray(e?.path)) out.path = e.path;
  const code = (e?.extensions as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') out.extensions = { code };
  const at = origin(e?.stack);
  if (at) out.at = at;
  const cause = e?.originalError ?? e?.cause;
  if (cause && typeof cause === 'object' && depth < 3) out.cause = safeError(cause, depth + 1);
  return out;
}

/**
 * A copy of a log line's attributes with nothing personal or secret left in it: every error reduced by `safeError`,
 * the keys of DROPPED_KEYS dropped at any depth, strings that look like an error's message scrubbed.
 */
export function scrubLogObject(value: unknown, depth = 0): unknown {
  if (depth > 8) return '[…]';
  if (value instanceof Error) return safeError(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubLogObject(v, depth + 1));
  const source = value as Record<string, unknown>;
  // a serialised error (a worker's `error`, an error already turned into JSON): the same reduction
  if (typeof source.message === 'string' && ('stack' in source || 'driverError' in source || 'parameters' in source))
    return safeError(source);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    if (DROPPED_KEYS.has(key)) out[key] = REDACTED;
    else out[key] = scrubLogObject(v, depth + 1);
  }
  return out;
}

/** Who reads the log lines in place of stdout: a test (test/gateway/log-privacy.test.ts); nobody in use. */
const taps = new Set<(line: string) => void>();

/**
 * Hands every log line written from now on (JSON text) to `tap` instead of stdout, until the returned function is
 * called.
 */
export function tapLogLines(tap: (line: string) => void): () => void {
  taps.add(tap);
  return () => taps.delete(tap);
}

/**
 * Structured JSON logs (pino). One root logger; each service takes a child with its name.
 * Personal data never goes into a log line: log ids, codes and counts. Whatever a caller passes, one place makes
 * sure of it: `formatters.log` scrubs every line's attributes (`scrubLogObject`: an error keeps its type, code,
 * constraint and scrubbed message, never its statement, parameters or `detail`), and a line logged with an error and
 * no message of its own gets the scrubbed message, not pino's copy of the raw one.
 */
export const rootLogger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: { app: 'masp-hub' },
  redact: { paths: ['req.headers.authorization', '*.authorization', 'token'], censor: REDACTED },
  formatters: { log: (object) => scrubLogObject(object) as Record<string, unknown> },
  // `err` is already reduced by formatters.log; pino's own serializer would add back an empty stack
  serializers: { err: (err: unknown) => err },
  hooks: {
    logMethod(args, method) {
      const [first, second] = args as unknown[];
      const err = first instanceof Error ? first : (first as { err?: unknown } | null)?.err;
      if (err instanceof Error && typeof second !== 'string') {
        const attrs = first instanceof Error ? { err: first } : first;
        return method.apply(this, [attrs, scrubMessage(err.message)] as never);
      }
      if (typeof first === 'string') args[0] = scrubMessage(first);
      else if (typeof second === 'string') args[1] = scrubMessage(second);
      return method.apply(this, args);
    },
    streamWrite(line) {
      if (!taps.size) return line;
      for (const tap of taps) tap(line);
      return '';
    },
  },
});

export function serviceLogger(service: string): Logger {
  return rootLogger.child({ service });
}

export type { Logger };

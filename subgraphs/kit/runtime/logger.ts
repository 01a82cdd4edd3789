import pino, { Logger } from 'pino';

/**
 * Structured JSON logs (pino). One root logger; each service takes a child with its name.
 * Personal data never goes into a log line: log ids, codes and counts.
 */
export const rootLogger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.JEST_WORKER_ID ? 'silent' : 'info'),
  base: { app: 'masp-hub' },
  redact: { paths: ['req.headers.authorization', '*.authorization', 'token'], censor: '[redacted]' },
});

export function serviceLogger(service: string): Logger {
  return rootLogger.child({ service });
}

export type { Logger };

import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger';

/**
 * The request being served: its id, and its child logger (carrying `requestId`) once a line needs it. A pino child
 * with its redaction costs about as much as a small read, and most requests write no line: made on first use.
 */
interface RequestLog {
  base: Logger;
  requestId: string;
  child?: Logger;
}
const current = new AsyncLocalStorage<RequestLog>();
const childOf = (request: RequestLog) => (request.child ??= request.base.child({ requestId: request.requestId }));

/** Runs `fn` with a child of `base` carrying `requestId` as the logger every contextual logger writes to. */
export function withRequestLogger<T>(base: Logger, requestId: string, fn: () => T): T {
  return current.run({ base, requestId }, fn);
}

/**
 * A logger that writes through the current request's child logger when there is one (so each line carries the
 * request id), and through `base` otherwise (start-up, shutdown).
 */
export function contextualLogger(base: Logger): Logger {
  return new Proxy(base, {
    get(target, prop) {
      const request = current.getStore();
      const log = request ? childOf(request) : target;
      const value = Reflect.get(log, prop, log);
      return typeof value === 'function' ? value.bind(log) : value;
    },
  });
}

/**
 * The logger of the request being served now, with `bindings` added, made when first asked for: later, even from
 * another async context (a live subscription's events), its lines still carry this request's id. `fallback` outside
 * a request.
 */
export function requestChildLogger(fallback: Logger, bindings: Record<string, unknown>): () => Logger {
  const request = current.getStore();
  let child: Logger | undefined;
  return () => (child ??= (request ? childOf(request) : fallback).child(bindings));
}

/** The id of the request being served, for a call made on its behalf; none outside one. */
export function currentRequestId(): string | undefined {
  return current.getStore()?.requestId;
}

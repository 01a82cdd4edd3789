import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger';

/** The logger of the request being served (a child carrying its `requestId`), through every async call. */
const current = new AsyncLocalStorage<Logger>();

/** Runs `fn` with `log` (a request's child logger) as the logger every contextual logger writes to. */
export function withRequestLogger<T>(log: Logger, fn: () => T): T {
  return current.run(log, fn);
}

/**
 * A logger that writes through the current request's child logger when there is one (so each line carries the
 * request id), and through `base` otherwise (start-up, shutdown).
 */
export function contextualLogger(base: Logger): Logger {
  return new Proxy(base, {
    get(target, prop) {
      const log = current.getStore() ?? target;
      const value = Reflect.get(log, prop, log);
      return typeof value === 'function' ? value.bind(log) : value;
    },
  });
}

/** The id of the request being served (its logger's `requestId`), for a call made on its behalf; none outside one. */
export function currentRequestId(): string | undefined {
  const id = current.getStore()?.bindings().requestId;
  return typeof id === 'string' ? id : undefined;
}

/* eslint-disable @typescript-eslint/no-explicit-any --
   pg's query() overloads (callback, promise, submittable) are passed through untyped. */
import { context, trace } from '@opentelemetry/api';
import { Client } from 'pg';
import { endSpan, SpanKind, tracer } from '../runtime/tracing';

/**
 * A pg Client that records one span per SQL statement, child of the request's span (AsyncLocalStorage context).
 * Only the statement text goes into the span (parameters are bound separately and never recorded: they carry
 * personal data). Given to the pool as `extra.Client` by data-source.ts.
 */
export function tracedPgClient(subgraph: string): typeof Client {
  return class TracedClient extends Client {
    constructor(...args: ConstructorParameters<typeof Client>) {
      super(...args);
      // A server going down (57P01) can send its FATAL in the same packet as the ReadyForQuery that hands this client
      // out: pg-pool has then removed its idle listener and typeorm not yet added its own, and an 'error' event without
      // a listener would crash the process. This listener only keeps it alive: the client is already unqueryable, its
      // queries fail (retryable, kit/errors.ts) and the pool discards it on release.
      this.on('error', () => undefined);
    }

    // pg's overloads (callback, promise, submittable) are kept: only the plain promise/callback forms are traced.
    query(...args: any[]): any {
      const [first] = args;
      if (!trace.getSpan(context.active()) || (first && typeof first.submit === 'function'))
        return (super.query as any)(...args);
      const text: string = typeof first === 'string' ? first : (first?.text ?? '');
      const span = tracer().startSpan(`sql ${/^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'QUERY'}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'masp.service': subgraph,
          'db.system': 'postgresql',
          'db.namespace': subgraph,
          'db.query.text': text.slice(0, 500),
        },
      });
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        args[args.length - 1] = (err: unknown, res: unknown) => {
          endSpan(span, err);
          last(err, res);
        };
        return (super.query as any)(...args);
      }
      const result = (super.query as any)(...args);
      if (result && typeof result.then === 'function') {
        return result.then(
          (res: unknown) => {
            endSpan(span);
            return res;
          },
          (err: unknown) => {
            endSpan(span, err);
            throw err;
          },
        );
      }
      endSpan(span);
      return result;
    }
  } as typeof Client;
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  DocumentNode,
  ExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  parse,
  subscribe,
  validate,
} from 'graphql';
import type { DataSource } from 'typeorm';
import { appendAccessLog, takeReads } from '../access-log/audit';
import { failureAnswer } from '../db/failures';
import type { Logger } from '../runtime/logger';
import type { SubgraphContext } from './context.type';

/** A comment line every so often, so that no proxy between the gateway and the subgraph closes an idle stream. */
const KEEP_ALIVE_MS = 15_000;

/** The parsed subscription of a request body, or undefined for any other operation (or text that does not parse). */
export function subscriptionOf(body: Record<string, unknown>): DocumentNode | undefined {
  if (typeof body.query !== 'string' || !/\bsubscription\b/.test(body.query)) return undefined;
  try {
    const document = parse(body.query);
    const name = typeof body.operationName === 'string' ? body.operationName : undefined;
    return getOperationAST(document, name)?.operation === 'subscription' ? document : undefined;
  } catch {
    return undefined; // Apollo Server answers the syntax error as for any other operation
  }
}

/**
 * Serves a subscription as GraphQL over Server-Sent Events, "distinct connections" mode (`event: next` with each
 * result, `event: complete` at the end), which the gateway's HTTP transport reads (@graphql-tools/executor-http).
 * Apollo Server runs no subscription, so graphql-js does, on the same schema (shield, guards, read hooks applied);
 * each result's reads go to the access log before it is sent, and a result whose reads cannot be recorded is replaced
 * by the error (fail closed, as `accessLogPlugin` does). Stopping the server or the gateway going away ends the stream.
 */
export async function serveSubscription(
  req: IncomingMessage,
  res: ServerResponse,
  opts: {
    schema: GraphQLSchema;
    document: DocumentNode;
    body: Record<string, unknown>;
    context: SubgraphContext;
    dataSource: DataSource;
    dbSchema: string;
    formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
    log: Logger;
    /** Registers the stream's closer with the server (stopped on shutdown); returns its unregistering. */
    track: (close: () => void) => () => void;
  },
): Promise<void> {
  const format = (result: ExecutionResult) => ({
    ...result,
    ...(result.errors ? { errors: result.errors.map((e) => opts.formatError(e.toJSON(), e)) } : {}),
  });
  const single = (status: number, result: ExecutionResult) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(format(result)));
  };
  const invalid = validate(opts.schema, opts.document);
  if (invalid.length) return single(400, { errors: invalid });
  const variables = opts.body.variables;
  const outcome = await subscribe({
    schema: opts.schema,
    document: opts.document,
    operationName: typeof opts.body.operationName === 'string' ? opts.body.operationName : undefined,
    variableValues: variables && typeof variables === 'object' ? (variables as Record<string, unknown>) : undefined,
    contextValue: opts.context,
  });
  // refused before any stream (role, cursor, variables): one answer, as for a query
  if (!(Symbol.asyncIterator in Object(outcome))) return single(200, outcome as ExecutionResult);
  const stream = outcome as AsyncGenerator<ExecutionResult>;

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void stream.return?.(undefined);
  };
  const untrack = opts.track(close);
  req.on('close', close);
  res.on('close', close);
  const keepAlive = setInterval(() => res.write(':\n\n'), KEEP_ALIVE_MS);
  keepAlive.unref();
  try {
    for await (const result of stream) {
      if (closed) break;
      let answer: ExecutionResult = result;
      const reads = takeReads(opts.context);
      if (reads.length) {
        try {
          await appendAccessLog(opts.dataSource.manager, opts.dbSchema, opts.context, reads);
        } catch (err) {
          const { transient, message, extensions } = failureAnswer(err);
          opts.log[transient ? 'warn' : 'error'](
            { err, persons: reads.length },
            'access log write failed: item withheld',
          );
          answer = { errors: [new GraphQLError(message, { extensions })] };
        }
      }
      res.write(`event: next\ndata: ${JSON.stringify(format(answer))}\n\n`);
    }
  } catch (err) {
    // the source failed (the database lost): one last error, then the end of the stream
    const { message, extensions } = failureAnswer(err);
    opts.log.warn({ err }, 'subscription ended by a failure');
    if (!closed) res.write(`event: next\ndata: ${JSON.stringify({ errors: [{ message, extensions }] })}\n\n`);
  } finally {
    clearInterval(keepAlive);
    untrack();
    if (!res.writableEnded) {
      res.write('event: complete\ndata:\n\n');
      res.end();
    }
  }
}

import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { unreadableTables } from '../db/roles';
import { accessLogPlugin } from '../access-log/audit';
import type { FederatedSchema } from '../schema/build-federated-schema';
import { GatewayVerifier, isRefusal, verifySignedRequest, VerifiedRequest } from '../access/caller';
import type { Caller } from '../access/caller';
import { GatewayKeySource, gatewayKeySet } from '../access/gateway-keys';
import { PostgresReplayStore, ReplayStore } from '../access/replay-store';
import type { SubgraphContext } from './context.type';
import { requestStats, RequestStats } from '../db/data-source';
import { createPersonRegistry, PersonRegistry, RegistryConfig } from '../access/department-registry';
import { ErrorCode } from '../rules/errors';
import { createErrorFormatter } from './error-formatter';
import type { Logger } from '../runtime/logger';
import { contextualLogger, requestChildLogger, withRequestLogger } from '../runtime/request-log';
import { setupTracing, withServerSpan } from '../runtime/tracing';
import { createEventsEndpoint, EventsEndpointOptions } from '../events/inbox';
import { BACKLOG_DEGRADED_SECONDS, readEventsBacklog } from '../events/backlog';
import { serveSubscription, subscriptionOf } from './subscription-sse';

/** What a subgraph declares; the kit does the rest (subgraphs/README.md › House style, 1). */
export interface SubgraphDefinition<Loaders> {
  name: string;
  buildSchema(): Promise<FederatedSchema>;
  /**
   * New for every request: DataLoaders scoped to this caller (and, for the partner subgraphs, to the registry's
   * answers).
   */
  createLoaders(dataSource: DataSource, caller: Caller, registry: PersonRegistry): Loaders;
}

export interface SubgraphServerOptions {
  dataSource: DataSource;
  /** The gateway's public keys: every request must carry the gateway's signature for this subgraph. */
  gatewayKeys: GatewayKeySource;
  /**
   * Where the jtis of signed requests are remembered, shared by the replicas (kit/access/replay-store.ts). Default:
   * the `request_replay` table of this subgraph's schema.
   */
  replays?: ReplayStore;
  log: Logger;
  maxBodyBytes?: number;
  /**
   * The department's registry of habilitations, for the partner subgraphs (kit/department-registry.ts). Unset: a
   * département agent reaches no partner row (fail closed).
   */
  registry?: RegistryConfig;
  /** The facts this subgraph receives from other partners at `POST /events` (kit/events/inbox.ts). Unset: 404. */
  events?: EventsEndpointOptions;
}

export interface RequestRecord {
  operationName?: string;
  query?: string;
  statements: number;
}

export interface SubgraphServer {
  name: string;
  /** Node request handler: /health, and POST / for GraphQL. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Emits 'request' (RequestRecord) after each GraphQL request: tests read SQL statement counts from it. */
  events: EventEmitter;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

declare module 'node:http' {
  interface IncomingMessage {
    /** Set by the subgraph server for each GraphQL request. */
    requestId?: string;
  }
}

const VERIFICATION_UNAVAILABLE =
  'Service momentanément indisponible (vérification de la requête) ; rien n’a été lu ni enregistré, réessayez. / Service temporarily unavailable (request verification); nothing was read or saved, please retry.';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...JSON_HEADERS, ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let chunks: Buffer[] | undefined = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && chunks) {
        // Refuse, but read the rest so the 413 answer reaches the gateway (destroying the socket looks like a crash).
        chunks = undefined;
        reject(Object.assign(new Error('body too large'), { status: 413 }));
      }
      chunks?.push(chunk);
    });
    req.on('end', () => chunks && resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A subgraph's HTTP service: Apollo Server behind a small node:http handler that refuses every request the gateway
 * did not sign (including `_entities` and `_service`), answers /health once the database does, and drains in-flight
 * requests on stop.
 */
export async function createSubgraphServer<L>(
  def: SubgraphDefinition<L>,
  opts: SubgraphServerOptions,
): Promise<SubgraphServer> {
  setupTracing(); // OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set; W3C propagation always
  const { schema } = await def.buildSchema();
  const schemaName = (opts.dataSource.options as { schema?: string }).schema ?? def.name;
  const log = contextualLogger(opts.log); // each line carries the request id while a request is served
  const formatError = createErrorFormatter(log);
  const apollo = new ApolloServer<SubgraphContext<L>>({
    schema,
    formatError,
    logger: log, // Apollo's own lines too go through the kit logger's scrubbing
    includeStacktraceInErrorResponses: false,
    // The access log's reads, noted field by field, are written in one INSERT at the end of each request.
    // No per-field cache-control hints, inline traces, usage reporting or landing page: the gateway is the only client.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      accessLogPlugin(opts.dataSource, schemaName, log),
    ],
    // The kit drains on SIGTERM itself (stop() below, run-subgraph.ts). Apollo's own handler would stop Apollo at
    // once and re-raise the signal, killing the process with requests in flight (test/faults/shutdown.test.ts).
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const ownReplays = opts.replays ? undefined : new PostgresReplayStore(opts.dataSource, schemaName, log);
  const verifier: GatewayVerifier = {
    keys: gatewayKeySet(opts.gatewayKeys),
    audience: def.name,
    replays: opts.replays ?? ownReplays!,
  };
  const events = new EventEmitter();
  const maxBody = opts.maxBodyBytes ?? 1_000_000;
  let inFlight = 0;
  let stopping = false;
  /** The live subscriptions (subscription-sse.ts): ended when the server stops. */
  const liveStreams = new Set<() => void>();
  let httpServer: Server | undefined;
  const dbSchema = (opts.dataSource.options as { schema?: string }).schema ?? def.name;
  const eventsEndpoint = opts.events
    ? createEventsEndpoint(opts.dataSource, dbSchema, opts.events, opts.log.child({ events: 'inbox' }))
    : undefined;

  /** The outbox's backlog for /health: pending deliveries and the oldest's age (`degraded` beyond 15 minutes). */
  async function eventsHealth(): Promise<Record<string, unknown>> {
    try {
      const b = await readEventsBacklog(opts.dataSource, dbSchema);
      const events = { pending: b.pending, oldestSeconds: b.oldestSeconds, deadLetters: b.deadLetters };
      return { events, ...(b.oldestSeconds > BACKLOG_DEGRADED_SECONDS ? { degraded: 'events backlog' } : {}) };
    } catch {
      return {}; // no outbox here (a database not migrated for events): nothing to report
    }
  }

  async function health(res: ServerResponse): Promise<void> {
    try {
      // Not only `SELECT 1`: a role without its grants reaches the database and fails every query (kit/db/roles.ts).
      if ((await unreadableTables(opts.dataSource, schemaName)).length) {
        sendJson(res, 503, { status: 'database privileges missing', subgraph: def.name });
        return;
      }
      const events = await eventsHealth();
      sendJson(res, stopping ? 503 : 200, { status: stopping ? 'stopping' : 'ok', subgraph: def.name, ...events });
    } catch {
      sendJson(res, 503, { status: 'database unavailable', subgraph: def.name });
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      sendJson(
        res,
        405,
        {
          errors: [{ message: 'Only POST from the gateway is accepted.', extensions: { code: 'METHOD_NOT_ALLOWED' } }],
        },
        { allow: 'POST' },
      );
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req, maxBody));
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    } catch (e) {
      const status = (e as { status?: number }).status ?? 400;
      sendJson(res, status, {
        errors: [
          {
            message: status === 413 ? 'Request body too large.' : 'Request body must be a JSON object.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
      return;
    }
    // The replay store's statement counts as the request's (test/e2e/statement-count.test.ts).
    const stats: RequestStats = { statements: 0 };
    let verified: VerifiedRequest;
    try {
      verified = await requestStats.run(stats, () => verifySignedRequest(body as never, verifier));
    } catch (e) {
      if (!isRefusal(e)) {
        // The jti store (database, Redis) or the gateway's JWKS is out of reach: nothing was read, fail closed.
        log.warn({ err: e }, 'subgraph request not verifiable: replay store or gateway keys unavailable');
        sendJson(res, 503, {
          errors: [
            {
              message: VERIFICATION_UNAVAILABLE,
              extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
            },
          ],
        });
        return;
      }
      log.warn(
        { reason: e.extensions.reason, remote: req.socket.remoteAddress },
        'unsigned or invalid subgraph request refused',
      );
      sendJson(res, 401, {
        errors: [{ message: e.message, extensions: { code: ErrorCode.UNAUTHENTICATED, reason: e.extensions.reason } }],
      });
      return;
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
    const caller: Caller = verified.caller;
    const requestId = req.requestId;
    // The client's operation, as the gateway signed it with the caller (a planner may send its subgraph operations
    // anonymous); else the subgraph operation's own name (a service-to-service call such as the registry's).
    const operationName =
      verified.operation ?? (typeof body.operationName === 'string' ? body.operationName : undefined);
    const contextOf = (): SubgraphContext<L> => {
      const registry = createPersonRegistry(caller, opts.registry, verified.forwardGrant);
      const requestLog = requestChildLogger(opts.log, { sub: caller.sub, org: caller.orgId });
      return {
        caller,
        registry,
        grant: verified.grant,
        replayClaim: verified.replayClaim,
        loaders: def.createLoaders(opts.dataSource, caller, registry),
        dataSource: opts.dataSource,
        // with the request's id; made when a line is written (a pino child with its redaction costs about as much
        // as a read: most requests write none)
        get log() {
          return requestLog();
        },
        requestId,
        operationName,
      };
    };
    // A subscription (issue 17 §5, live notifications): served over SSE by graphql-js, Apollo Server runs none.
    const subscription = subscriptionOf(body);
    if (subscription) {
      await serveSubscription(req, res, {
        schema,
        document: subscription,
        body,
        context: contextOf() as SubgraphContext,
        dataSource: opts.dataSource,
        dbSchema,
        formatError,
        log,
        track: (close) => {
          liveStreams.add(close);
          return () => liveStreams.delete(close);
        },
      });
      return;
    }
    const result = await withServerSpan(
      `subgraph ${def.name}`,
      req.headers,
      { 'masp.service': def.name, 'graphql.operation.name': operationName ?? 'anonymous' },
      () =>
        requestStats.run(stats, () =>
          apollo.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: 'POST', headers, search: '', body },
            context: async () => contextOf(),
          }),
        ),
    );
    events.emit('request', {
      operationName: body.operationName as string | undefined,
      query: body.query as string | undefined,
      statements: stats.statements,
    } satisfies RequestRecord);
    const responseHeaders: Record<string, string> = {};
    for (const [key, value] of result.headers) responseHeaders[key] = value;
    res.writeHead(result.status ?? 200, responseHeaders);
    if (result.body.kind === 'complete') {
      res.end(result.body.string);
    } else {
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/health') {
      void health(res);
      return;
    }
    // no /metrics here: run-subgraph.ts serves it on METRICS_PORT (subgraphs/kit/runtime/metrics-server.ts)
    if (stopping) {
      sendJson(
        res,
        503,
        { errors: [{ message: 'Service is shutting down.', extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
        { connection: 'close' },
      );
      return;
    }
    if (path === '/events' && eventsEndpoint) {
      inFlight += 1;
      eventsEndpoint(req, res)
        .catch((err) => {
          log.error({ errName: (err as Error)?.name }, 'event delivery failed');
          if (!res.headersSent) sendJson(res, 503, { status: 'unavailable' });
          else res.end();
        })
        .finally(() => {
          inFlight -= 1;
        });
      return;
    }
    inFlight += 1;
    // Request id: the gateway's (x-request-id), or a new one; on every log line of this request.
    const headerId = req.headers['x-request-id'];
    req.requestId = typeof headerId === 'string' && /^[\w.:-]{1,100}$/.test(headerId) ? headerId : randomUUID();
    withRequestLogger(opts.log, req.requestId, () =>
      graphql(req, res).catch((err) => {
        log.error({ err }, 'subgraph request failed');
        if (!res.headersSent)
          sendJson(res, 500, {
            errors: [{ message: 'Unexpected error.', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
          });
        else res.end();
      }),
    ).finally(() => {
      inFlight -= 1;
    });
  }

  return {
    name: def.name,
    handle,
    events,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer = createServer(handle);
        httpServer.keepAliveTimeout = 65_000;
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const addr = httpServer!.address() as AddressInfo;
          resolve(`http://${host}:${addr.port}/graphql`);
        });
      });
    },
    async stop() {
      stopping = true;
      for (const close of [...liveStreams]) close();
      const deadline = Date.now() + 10_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      if (httpServer) {
        const closed = new Promise<void>((resolve) => httpServer!.close(() => resolve()));
        httpServer.closeIdleConnections();
        httpServer.closeAllConnections();
        await closed;
      }
      await apollo.stop();
      await ownReplays?.close();
    },
  };
}

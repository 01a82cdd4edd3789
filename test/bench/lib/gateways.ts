/**
 * The gateways compared by the benchmark, all on the same four subgraph servers and the same data:
 * - hub:    our gateway as it ships (createHubGateway: authentication, armour, policy filter, signing; the Rust query
 *           planner of @graphql-hive/router-runtime, QUERY_PLANNER's default);
 * - bare: the same Hive Gateway runtime on the same planner with none of our plugins except what the subgraphs need to
 *           answer at all: the caller's claims (taken unverified from an `x-bench-caller` header) and the HMAC upstream
 *           signature, computed by the hub's own signing plugin (gateway/auth/upstream-signing.ts);
 * - apollo: a plain @apollo/gateway (devDependency, comparison only) whose data sources add the same claims and sign
 *           the same way (RemoteGraphQLDataSource.willSendRequest);
 * - js:     our gateway on the runtime's JS query planner (QUERY_PLANNER=js).
 * The subgraphs keep refusing unsigned requests: no bypass was added to them.
 */
import { ApolloGateway, GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime, GatewayPlugin, GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import { print } from 'graphql';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallerClaims } from '../../../schema/caller';
import type { GatewaySigner } from '../../../schema/upstream-signature';
import { signedSubgraphBody } from './subgraph-calls';

export const BENCH_CALLER_HEADER = 'x-bench-caller';

/** The extensions the hub's gateway adds to a subgraph request (its JWS, a registry grant for a partner). */
const signedExtensions = (
  signer: GatewaySigner,
  subgraph: string,
  claims: CallerClaims,
  query: string,
  variables?: Record<string, unknown>,
) => signedSubgraphBody(signer, subgraph, claims, query, variables).extensions as Record<string, unknown>;

export interface RecordedCall {
  subgraph: string;
  query: string;
  variables?: Record<string, unknown>;
}

/** Serves a fetch-style handler (a gateway runtime) on a free loopback port. */
export async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The bare Hive runtime: claims from a header (unverified), the hub's signing, nothing else. `record` sees each
 * subgraph call.
 */
export function createBareHive(opts: {
  supergraph: string;
  subgraphUrls: Record<string, string>;
  signer: GatewaySigner;
  record?: (call: RecordedCall) => void;
  unifiedGraphHandler?: unknown;
}): GatewayRuntime {
  const forwardClaims: GatewayPlugin = {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const request = (executionRequest.context as { request?: Request } | undefined)?.request;
      const raw = request?.headers.get(BENCH_CALLER_HEADER);
      if (!raw) throw new Error(`bench: missing ${BENCH_CALLER_HEADER}`);
      executionRequest.extensions = {
        ...executionRequest.extensions,
        ...signedExtensions(
          opts.signer,
          subgraphName,
          JSON.parse(raw),
          defaultPrintFn(executionRequest.document),
          executionRequest.variables as Record<string, unknown> | undefined,
        ),
      };
      opts.record?.({
        subgraph: subgraphName,
        query: print(executionRequest.document),
        variables: executionRequest.variables as Record<string, unknown> | undefined,
      });
    },
  };
  return createGatewayRuntime({
    supergraph: opts.supergraph,
    transportEntries: Object.fromEntries(
      Object.entries(opts.subgraphUrls).map(([name, location]) => [name, { location }]),
    ),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    maskedErrors: true,
    logging: false,
    ...(opts.unifiedGraphHandler ? { unifiedGraphHandler: opts.unifiedGraphHandler as never } : {}),
    plugins: () => [forwardClaims],
  });
}

/** A plain @apollo/gateway on the same supergraph, signing each subgraph request like the hub does. */
export async function startApolloGateway(opts: {
  supergraph: string;
  subgraphUrls: Record<string, string>;
  signer: GatewaySigner;
}): Promise<{ url: string; stop(): Promise<void> }> {
  class SigningDataSource extends RemoteGraphQLDataSource<{ claims: CallerClaims }> {
    constructor(
      private readonly subgraph: string,
      url: string,
    ) {
      super({ url });
    }
    override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<{ claims: CallerClaims }>) {
      const claims = (context as { claims: CallerClaims }).claims;
      request.extensions = {
        ...request.extensions,
        ...signedExtensions(opts.signer, this.subgraph, claims, request.query ?? '', request.variables),
      };
    }
  }
  // @apollo/gateway refuses a supergraph with a `for: SECURITY` feature it cannot enforce (it has no authorization
  // directives): the link stays, marked as a plain feature, and @requiresScopes is then ignored, as in any baseline
  // here.
  const gateway = new ApolloGateway({
    supergraphSdl: opts.supergraph.replace(
      /(@link\(url: "https:\/\/specs\.apollo\.dev\/requiresScopes\/v0\.1"), for: SECURITY\)/,
      '$1)',
    ),
    buildService: ({ name, url }) => new SigningDataSource(name, opts.subgraphUrls[name] ?? url),
  });
  const server = new ApolloServer<{ claims: CallerClaims }>({ gateway, includeStacktraceInErrorResponses: false });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ claims: JSON.parse(String(req.headers[BENCH_CALLER_HEADER] ?? 'null')) }),
  });
  return { url: url.replace('localhost', '127.0.0.1'), stop: () => server.stop() };
}

import { gatewayRuntimeLogger } from './observability/gateway-logger';
import { createGatewayRuntime, GatewayRuntime, UnifiedGraphHandler } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import type { Caller } from '../schema/caller';
import { useAutomaticPersistedQueries } from './apq';
import { loadTrustedDocuments, persistedDocumentsOption, useRegisteredTextsAsIds } from './persisted-documents';
import { useArmour } from './armour';
import { useAuthentication } from './auth/authenticate.plugin';
import { loadOrCreateDevKeys } from './auth/dev-keys';
import { mintDevToken } from './auth/mint-token';
import { discoverOidcProviderWithRetry } from './auth/oidc';
import { serviceLogger } from '../subgraphs/kit/runtime/logger';
import { createTokenVerifier } from './auth/verify-token';
import { useUpstreamSigning } from './auth/upstream-signing';
import { resolveGatewayKeys } from './auth/gateway-keys';
import { useUpstreamFaults } from './upstream-faults';
import { useConformantAnswers } from './response-shape';
import { useInputLimits } from './input-limits';
import { useContractScalars } from './contract-scalars';
import type { GatewayConfig } from './env';
import { useExplorer } from './explorer/explorer.plugin';
import { useConsole } from './console/console.plugin';
import { countDenial, countDenials, useObservability } from './observability/gateway.plugin';
import { setMetricsServing } from './observability/metrics-server';
import { policyFilter, readPublicTags, usePolicyFilter } from './policy/field-filter';
import { SAMPLE_QUERIES } from './sample-queries';
import { hubMetrics, HubMetrics } from '../subgraphs/kit/runtime/metrics';
import { setupTracing } from '../subgraphs/kit/runtime/tracing';

export const GRAPHQL_ENDPOINT = '/graphql';

/** Builds the token verifier the configuration asks for (OIDC discovery, JWKS, PEM, or the development key pair). */
export async function createVerifier(
  config: GatewayConfig,
  opts: { discoveryDelaysMs?: number[] } = {},
): Promise<(token: string) => Promise<Caller>> {
  const tokenTypes = { accessTokenTypes: config.accessTokenTypes, relyingPartyClientIds: config.relyingPartyClientIds };
  if (config.tokenKeys.kind === 'dev') {
    return createTokenVerifier({
      keys: { kind: 'jwk', jwk: (await loadOrCreateDevKeys(config.tokenKeys.dir)).publicJwk },
      issuer: config.tokenIssuer,
      audience: config.tokenAudience,
      ...tokenTypes,
    });
  }
  if (config.tokenKeys.kind === 'oidc') {
    const log = serviceLogger('gateway');
    const provider = await discoverOidcProviderWithRetry(config.tokenKeys.issuerUrl, {
      requireHttps: config.production,
      delaysMs: opts.discoveryDelaysMs,
      onRetry: (error, attempt, delayMs) =>
        log.warn({ reason: error.message, attempt, retryInMs: delayMs }, 'OIDC discovery failed: retrying'),
    });
    // JWT_ISSUER unset: the issuer exactly as the provider writes it in its tokens.
    const issuer = config.tokenIssuer === config.tokenKeys.issuerUrl ? provider.issuer : config.tokenIssuer;
    return createTokenVerifier({
      keys: { kind: 'jwks', url: provider.jwksUri },
      issuer,
      audience: config.tokenAudience,
      claimMapping: config.claimMapping,
      ...tokenTypes,
    });
  }
  return createTokenVerifier({
    keys: config.tokenKeys,
    issuer: config.tokenIssuer,
    audience: config.tokenAudience,
    claimMapping: config.claimMapping,
    ...tokenTypes,
  });
}

/** Development: a token per demo caller, for the explorer's caller selector (needs the generated dev key pair). */
async function demoTokens(config: GatewayConfig): Promise<Record<string, string>> {
  if (config.tokenKeys.kind !== 'dev') return {};
  // Loaded only here: the demo callers are the demo seed's, which a gateway with real keys never needs.
  const { DEMO_CALLERS } = await import('./dev/dev-tokens');
  const keys = await loadOrCreateDevKeys(config.tokenKeys.dir);
  const entries = await Promise.all(
    Object.entries(DEMO_CALLERS).map(async ([label, claims]) => [label, await mintDevToken(keys, claims)] as const),
  );
  return Object.fromEntries(entries);
}

/**
 * The runtime's logger reads LOG_LEVEL itself and refuses pino's `silent` and `fatal` (the gateway then fails to
 * start): map them to its nearest levels. Our pino loggers have read LOG_LEVEL already, at import.
 */
function hiveCompatibleLogLevel(): void {
  // silent: `logging: false` below
  const mapped = ({ silent: 'error', fatal: 'error' } as Record<string, string>)[process.env.LOG_LEVEL ?? ''];
  if (mapped) process.env.LOG_LEVEL = mapped;
}

/**
 * QUERY_PLANNER=rust: Hive's Rust query planner (@graphql-hive/router-runtime, MIT) in place of the runtime's JS one;
 * same plugins, same policy filter before planning (test/gateway/query-planner.test.ts checks the answers are equal).
 */
function queryPlannerHandler(planner: GatewayConfig['queryPlanner']): UnifiedGraphHandler | undefined {
  if (planner !== 'rust') return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@graphql-hive/router-runtime').unifiedGraphHandler as UnifiedGraphHandler;
}

/**
 * The hub's gateway: Hive Gateway's runtime over the static supergraph, with our plugins in this order:
 * 1. authenticate (jose), 2. armour (graphql-armor), 3. policy filter (generic-auth, before planning),
 * 4. plan and execute, 5. sign each subgraph request for that subgraph (ES256 JWS; a registry grant for a partner),
 * 6. bound each subgraph call and turn its failure into SUBGRAPH_UNAVAILABLE at the missing paths (upstream-faults.ts).
 */
export async function createHubGateway(
  config: GatewayConfig,
  opts: {
    verify?: (token: string) => Promise<Caller>;
    supergraph?: string;
    metrics?: HubMetrics;
    /** Another query planner, e.g. the Rust one of @graphql-hive/router-runtime (the benchmark compares both). */
    unifiedGraphHandler?: UnifiedGraphHandler;
  } = {},
): Promise<GatewayRuntime> {
  setupTracing(); // OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set; W3C propagation always
  const metrics = opts.metrics ?? hubMetrics();
  const verify = opts.verify ?? (await createVerifier(config));
  const { supergraph, publicFields } = readPublicTags(opts.supergraph ?? readFileSync(config.supergraphPath, 'utf8'));
  const quiet = process.env.LOG_LEVEL === 'silent' || !!process.env.JEST_WORKER_ID;
  hiveCompatibleLogLevel();
  const unifiedGraphHandler = opts.unifiedGraphHandler ?? queryPlannerHandler(config.queryPlanner);
  // Trusted documents: in production only these run; the metrics name operations from them alone.
  const trusted = loadTrustedDocuments(config.trustedDocumentsDir);
  // Automatic persisted queries (a caller stores a document by hash): development and tests only.
  const apq = config.production ? undefined : useAutomaticPersistedQueries();
  // No in-flight deduplication: each subgraph request carries the caller with a fresh jti (auth/upstream-signing.ts),
  // so two requests never share a body and the executor's dedup never matches; it would still structuredClone every
  // subgraph answer (the department's caseload page: 38 KB) to hand out copies nobody shares.
  const transportEntries = Object.fromEntries(
    Object.entries(config.subgraphUrls).map(([name, location]) => [
      name,
      // method POST: a subscription too (the transport would GET it), so its signed body reaches the subgraph
      { location, options: { deduplicateInflightRequests: false, method: 'POST' as const } },
    ]),
  );
  const runtime = createGatewayRuntime({
    supergraph,
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    transportEntries,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: false,
    ...(config.production ? { disableIntrospection: {} } : {}),
    maskedErrors: { isDev: config.armour.errorDetails }, // no stack, SQL or internal path outside development
    batching: config.armour.maxBatch > 0 ? { limit: config.armour.maxBatch } : false,
    persistedDocuments: persistedDocumentsOption(trusted, { production: config.production, apq: apq?.lookup }),
    // No runtime `upstreamTimeout` (it fails the whole request with a 504): useUpstreamFaults bounds each subgraph
    // call.
    // Through pino, scrubbed of tokens and signed subgraph requests (observability/gateway-logger.ts).
    logging: gatewayRuntimeLogger(config.production ? 'info' : quiet ? false : 'warn'),
    plugins: () => [
      // In the runtime's genericAuth place (before planning), its result remembered per document and scope set.
      usePolicyFilter(countDenials(policyFilter(publicFields), metrics), {
        onCachedDenials: (errors) => errors.forEach((e) => countDenial(metrics, e)),
        onLookup: (outcome) => metrics.policyFilterCache.inc({ outcome }),
      }),
      useObservability(metrics, { graphqlEndpoint: GRAPHQL_ENDPOINT, operationLabel: trusted.operationLabel }),
      ...(config.explorer && !config.production
        ? [
            useExplorer({
              graphqlEndpoint: GRAPHQL_ENDPOINT,
              tokens: () => demoTokens(config),
              samples: SAMPLE_QUERIES,
            }),
          ]
        : []),
      // The partner console (web/dist) at /app: the demo callers offered outside production, PKCE with OIDC_ISSUER.
      useConsole({
        graphqlEndpoint: GRAPHQL_ENDPOINT,
        ...(config.explorer && !config.production ? { devCallers: () => demoTokens(config) } : {}),
        ...(config.tokenKeys.kind === 'oidc' && process.env.CONSOLE_OIDC_CLIENT_ID
          ? { oidc: { issuer: config.tokenKeys.issuerUrl, clientId: process.env.CONSOLE_OIDC_CLIENT_ID } }
          : {}),
      }),
      useAuthentication(verify, GRAPHQL_ENDPOINT),
      useRegisteredTextsAsIds(trusted),
      ...(apq ? [apq.plugin] : []),
      ...useArmour(config.armour),
      useContractScalars(),
      useInputLimits({ maxStringLength: config.armour.maxStringLength }),
      ...useUpstreamSigning(resolveGatewayKeys(config.signingKeys)),
      // entityPaths: on the Rust planner (the only other handler we run), not on the runtime's own JS planner
      useUpstreamFaults({
        timeoutMs: config.upstreamTimeoutMs,
        subgraphUrls: config.subgraphUrls,
        entityPaths: !!unifiedGraphHandler,
      }),
      useConformantAnswers(),
    ],
  });
  setMetricsServing(runtime, { metrics, ...config.metrics, production: config.production });
  return runtime;
}

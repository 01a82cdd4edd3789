import { createGatewayRuntime, GatewayConfig as RuntimeConfig, GatewayRuntime, UnifiedGraphHandler } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import type { Caller } from '../schema/caller';
import { useArmour } from './armour';
import { useAuthentication } from './auth/authenticate.plugin';
import { loadOrCreateDevKeys } from './auth/dev-keys';
import { createTokenVerifier } from './auth/verify-token';
import { useUpstreamSigning } from './auth/upstream-signing';
import type { GatewayConfig } from './env';
import { policyFilter } from './policy/field-filter';

export const GRAPHQL_ENDPOINT = '/graphql';
type GenericAuth = NonNullable<RuntimeConfig<Record<string, unknown>>['genericAuth']>;

/** Builds the token verifier the configuration asks for (JWKS, PEM, or the development key pair). */
export async function createVerifier(config: GatewayConfig): Promise<(token: string) => Promise<Caller>> {
  const keys = config.tokenKeys.kind === 'dev' ? { kind: 'jwk' as const, jwk: (await loadOrCreateDevKeys(config.tokenKeys.dir)).publicJwk } : config.tokenKeys;
  return createTokenVerifier({ keys, issuer: config.tokenIssuer, audience: config.tokenAudience });
}

/**
 * The hub's gateway: Hive Gateway's runtime over the static supergraph, with our plugins in this order:
 * 1. authenticate (jose), 2. armour (graphql-armor), 3. policy filter (generic-auth, before planning),
 * 4. plan and execute, 5. forward the caller and sign each subgraph request (HMAC).
 */
export async function createHubGateway(
  config: GatewayConfig,
  opts: {
    verify?: (token: string) => Promise<Caller>;
    supergraph?: string;
    /** Another query planner, e.g. the Rust one of @graphql-hive/router-runtime (the benchmark compares both). */
    unifiedGraphHandler?: UnifiedGraphHandler;
  } = {},
): Promise<GatewayRuntime> {
  const verify = opts.verify ?? (await createVerifier(config));
  const supergraph = opts.supergraph ?? readFileSync(config.supergraphPath, 'utf8');
  const transportEntries = Object.fromEntries(Object.entries(config.subgraphUrls).map(([name, location]) => [name, { location }]));
  return createGatewayRuntime({
    supergraph,
    ...(opts.unifiedGraphHandler ? { unifiedGraphHandler: opts.unifiedGraphHandler } : {}),
    transportEntries,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: false,
    ...(config.production ? { disableIntrospection: {} } : {}),
    maskedErrors: true,
    upstreamTimeout: config.upstreamTimeoutMs,
    // Caller is our user type; the runtime types its user as a plain record.
    genericAuth: policyFilter() as unknown as GenericAuth,
    logging: config.production ? 'info' : process.env.LOG_LEVEL === 'silent' || process.env.JEST_WORKER_ID ? false : 'warn',
    plugins: () => [useAuthentication(verify, GRAPHQL_ENDPOINT), useArmour(config.armour), ...useUpstreamSigning(config.upstreamSigningSecret)],
  });
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ConfigError,
  PROJECT_ROOT,
  envEnum,
  envInt,
  envMetrics,
  envOptional,
  envString,
  envUrl,
  isProduction,
} from '../subgraphs/kit/runtime/env';
import { DEV_AUDIENCE, DEV_ISSUER } from './auth/dev-keys';
import { GatewayKeys, parseGatewayKeys } from './auth/gateway-keys';
import type { ArmourLimits } from './armour';
import type { TokenKeySource } from './auth/verify-token';
import { ClaimMapping, IDENTITY_CLAIM_MAPPING } from './auth/oidc';
import { supergraphEndpoints, SUPERGRAPH_PATH } from '../schema/supergraph';
import { TRUSTED_DOCUMENTS_DIR } from './persisted-documents';

function readSupergraphEndpoints(path: string): Record<string, string> {
  let sdl: string;
  try {
    sdl = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError('SUPERGRAPH_PATH', `names no readable file (${path}); run \`npm run compose\``);
  }
  return supergraphEndpoints(sdl);
}

const ROOT = PROJECT_ROOT;

export interface GatewayConfig {
  port: number;
  host: string;
  production: boolean;
  supergraphPath: string;
  /** Per-subgraph URL overrides (docker-compose, production); the supergraph's URLs otherwise. */
  subgraphUrls: Record<string, string>;
  /**
   * The gateway's private signing keys (GATEWAY_SIGNING_KEYS: the first signs, all are published at
   * /.well-known/jwks.json); `dev` = generated into devKeysDir (development and tests only).
   */
  signingKeys: { kind: 'keys'; keys: GatewayKeys } | { kind: 'dev'; dir: string };
  upstreamTimeoutMs: number;
  /** `js`: the runtime's own planner (default); `rust`: Hive's Rust query planner (@graphql-hive/router-runtime). */
  queryPlanner: 'js' | 'rust';
  /** Where the partners' token keys come from; `dev` = the generated key pair in devKeysDir. */
  tokenKeys: TokenKeySource | { kind: 'dev'; dir: string } | { kind: 'oidc'; issuerUrl: string };
  /** Provider claims → caller claims (OIDC_CLAIM_*); the identity mapping unless configured. */
  claimMapping: ClaimMapping;
  /** The explorer page at /explorer (development only). */
  explorer: boolean;
  tokenIssuer: string;
  tokenAudience: string;
  armour: ArmourLimits;
  /** The trusted documents' folder (one sub-folder per client application; persisted-documents.ts). */
  trustedDocumentsDir: string;
  /** Where /metrics is served: its own port, never the public GraphQL one (0: any free port). */
  metrics: { port: number; host: string };
  /** `typ` headers accepted on access tokens (RFC 9068: `at+jwt`); ID tokens are refused whatever their `typ`. */
  accessTokenTypes: string[];
  /** Client ids of the relying parties (OIDC_CLIENT_IDS): a token addressed to one is an ID token, refused. */
  relyingPartyClientIds: string[];
}

/** Reads and checks the gateway's configuration; a missing or malformed variable throws a ConfigError naming it. */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const production = isProduction(env);
  const supergraphPath = envString('SUPERGRAPH_PATH', { env, default: SUPERGRAPH_PATH });
  // The partners are the supergraph's (schema/supergraph.yaml): <NAME>_URL overrides a partner's routing URL.
  const subgraphUrls: Record<string, string> = {};
  for (const name of Object.keys(readSupergraphEndpoints(supergraphPath))) {
    const variable = `${name.toUpperCase()}_URL`;
    if (envOptional(variable, env)) subgraphUrls[name] = envUrl(variable, { env, protocols: ['http:', 'https:'] });
  }
  const oidcIssuer = envOptional('OIDC_ISSUER', env);
  const jwks = envOptional('JWT_JWKS_URL', env);
  const pem = envOptional('JWT_PUBLIC_KEY', env);
  let tokenKeys: GatewayConfig['tokenKeys'];
  if (oidcIssuer)
    tokenKeys = {
      kind: 'oidc',
      issuerUrl: envUrl('OIDC_ISSUER', { env, protocols: production ? ['https:'] : ['https:', 'http:'] }),
    };
  else if (jwks)
    tokenKeys = {
      kind: 'jwks',
      url: envUrl('JWT_JWKS_URL', { env, protocols: production ? ['https:'] : ['https:', 'http:'] }),
    };
  else if (pem)
    tokenKeys = {
      kind: 'pem',
      pem: pem.replace(/\\n/g, '\n'),
      alg: envString('JWT_ALGORITHM', { env, default: 'RS256' }),
    };
  else if (production)
    throw new ConfigError('OIDC_ISSUER (or JWT_JWKS_URL, JWT_PUBLIC_KEY)', 'is required in production');
  else tokenKeys = { kind: 'dev', dir: envString('DEV_KEYS_DIR', { env, default: join(ROOT, '.data', 'dev-keys') }) };

  const port = envInt('PORT', { env, default: 4000, min: 0, max: 65535 });
  // The shared HMAC secret is gone: a leftover setting would suggest the subgraphs still trust it.
  if (envOptional('UPSTREAM_SIGNING_SECRET', env))
    throw new ConfigError('UPSTREAM_SIGNING_SECRET', 'is no longer used: set GATEWAY_SIGNING_KEYS (see .env.example)');
  const rawSigningKeys = envOptional('GATEWAY_SIGNING_KEYS', env);
  let signingKeys: GatewayConfig['signingKeys'];
  if (rawSigningKeys) signingKeys = { kind: 'keys', keys: parseGatewayKeys(rawSigningKeys) };
  else if (production) throw new ConfigError('GATEWAY_SIGNING_KEYS', 'is required in production');
  else signingKeys = { kind: 'dev', dir: envString('DEV_KEYS_DIR', { env, default: join(ROOT, '.data', 'dev-keys') }) };

  return {
    port,
    host: envString('HOST', { env, default: production ? '0.0.0.0' : '127.0.0.1' }),
    production,
    supergraphPath,
    subgraphUrls,
    signingKeys,
    upstreamTimeoutMs: envInt('UPSTREAM_TIMEOUT_MS', { env, default: 10_000, min: 100, max: 120_000 }),
    queryPlanner: envEnum('QUERY_PLANNER', ['js', 'rust'] as const, { env, default: 'rust' }),
    tokenKeys,
    // OIDC: the issuer is the discovery document's (checked equal to OIDC_ISSUER) unless JWT_ISSUER says otherwise.
    tokenIssuer: envString('JWT_ISSUER', {
      env,
      default: tokenKeys.kind === 'dev' ? DEV_ISSUER : tokenKeys.kind === 'oidc' ? tokenKeys.issuerUrl : undefined,
    }),
    tokenAudience: envString('JWT_AUDIENCE', { env, default: tokenKeys.kind === 'dev' ? DEV_AUDIENCE : undefined }),
    claimMapping: readClaimMapping(env),
    trustedDocumentsDir: envString('TRUSTED_DOCUMENTS_DIR', { env, default: TRUSTED_DOCUMENTS_DIR }),
    // a gateway on any free port (tests) serves its metrics on any free port too
    metrics: envMetrics(env, { servicePort: port }),
    accessTokenTypes: list(envOptional('OIDC_ACCESS_TOKEN_TYPES', env) ?? 'at+jwt'),
    relyingPartyClientIds: list(envOptional('OIDC_CLIENT_IDS', env) ?? ''),
    explorer: !production && envString('EXPLORER', { env, default: 'true' }) !== 'false',
    armour: {
      maxDepth: envInt('ARMOR_MAX_DEPTH', { env, default: 12, min: 2 }),
      maxAliases: envInt('ARMOR_MAX_ALIASES', { env, default: 20, min: 0 }),
      maxTokens: envInt('ARMOR_MAX_TOKENS', { env, default: 3000, min: 100 }),
      maxCost: envInt('ARMOR_MAX_COST', { env, default: 20_000, min: 100 }),
      maxDirectives: envInt('ARMOR_MAX_DIRECTIVES', { env, default: 20, min: 1 }),
      // well below the body limit: a string over it must reach the check naming its field, not the 413 of the whole
      // body
      maxStringLength: envInt('ARMOR_MAX_STRING_LENGTH', { env, default: 20_000, min: 100, max: 900_000 }),
      blockFieldSuggestions: production,
      maxBodyBytes: envInt('ARMOR_MAX_BODY_BYTES', { env, default: 100_000, min: 1_000, max: 10_000_000 }),
      maxBatch: envInt('ARMOR_MAX_BATCH', { env, default: 0, min: 0, max: 50 }),
      errorDetails: env.NODE_ENV === 'development',
    },
  };
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

/**
 * OIDC_CLAIM_ORG_KIND, OIDC_CLAIM_ORG_ID, OIDC_CLAIM_ROLES, OIDC_CLAIM_TERRITORY, OIDC_ROLE_PREFIX, OIDC_ORG_ID_MAP
 * (JSON).
 */
function readClaimMapping(env: Record<string, string | undefined>): ClaimMapping {
  const source = (variable: string, fallback: string) => {
    const value = envOptional(variable, env) ?? fallback;
    if (!/^(=[A-Za-z0-9_-]+|[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*)$/.test(value))
      throw new ConfigError(variable, 'must be a claim path (a.b.c) or a constant (=VALUE)');
    return value;
  };
  let orgIdMap: Record<string, string> = {};
  const rawMap = envOptional('OIDC_ORG_ID_MAP', env);
  if (rawMap) {
    try {
      orgIdMap = JSON.parse(rawMap);
      if (
        !orgIdMap ||
        typeof orgIdMap !== 'object' ||
        Array.isArray(orgIdMap) ||
        !Object.values(orgIdMap).every((v) => typeof v === 'string')
      )
        throw new Error();
    } catch {
      throw new ConfigError(
        'OIDC_ORG_ID_MAP',
        'must be a JSON object of provider organisation id → hub organisation uuid',
      );
    }
  }
  return {
    orgKind: source('OIDC_CLAIM_ORG_KIND', IDENTITY_CLAIM_MAPPING.orgKind),
    orgId: source('OIDC_CLAIM_ORG_ID', IDENTITY_CLAIM_MAPPING.orgId),
    roles: source('OIDC_CLAIM_ROLES', IDENTITY_CLAIM_MAPPING.roles),
    territory: source('OIDC_CLAIM_TERRITORY', IDENTITY_CLAIM_MAPPING.territory),
    rolePrefix: envOptional('OIDC_ROLE_PREFIX', env) ?? '',
    orgIdMap,
  };
}

import { join } from 'node:path';
import { ConfigError, PROJECT_ROOT, envInt, envOptional, envSecret, envString, envUrl, isProduction } from '../subgraphs/kit/env';
import { DEV_AUDIENCE, DEV_ISSUER } from './auth/dev-keys';
import type { ArmourLimits } from './armour';
import type { TokenKeySource } from './auth/verify-token';

const ROOT = PROJECT_ROOT;

export interface GatewayConfig {
  port: number;
  host: string;
  production: boolean;
  supergraphPath: string;
  /** Per-subgraph URL overrides (docker-compose, production); the supergraph's URLs otherwise. */
  subgraphUrls: Record<string, string>;
  upstreamSigningSecret: string;
  upstreamTimeoutMs: number;
  /** Where the partners' token keys come from; `dev` = the generated key pair in devKeysDir. */
  tokenKeys: TokenKeySource | { kind: 'dev'; dir: string };
  tokenIssuer: string;
  tokenAudience: string;
  armour: ArmourLimits;
}

export const SUBGRAPH_NAMES = ['department', 'association', 'bailleur', 'mandataire'] as const;

/** Reads and checks the gateway's configuration; a missing or malformed variable throws a ConfigError naming it. */
export function readGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const production = isProduction(env);
  const subgraphUrls: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const variable = `${name.toUpperCase()}_URL`;
    if (envOptional(variable, env)) subgraphUrls[name] = envUrl(variable, { env, protocols: ['http:', 'https:'] });
  }
  const jwks = envOptional('JWT_JWKS_URL', env);
  const pem = envOptional('JWT_PUBLIC_KEY', env);
  let tokenKeys: GatewayConfig['tokenKeys'];
  if (jwks) tokenKeys = { kind: 'jwks', url: envUrl('JWT_JWKS_URL', { env, protocols: ['https:', 'http:'] }) };
  else if (pem) tokenKeys = { kind: 'pem', pem: pem.replace(/\\n/g, '\n'), alg: envString('JWT_ALGORITHM', { env, default: 'RS256' }) };
  else if (production) throw new ConfigError('JWT_JWKS_URL (or JWT_PUBLIC_KEY)', 'is required in production');
  else tokenKeys = { kind: 'dev', dir: envString('DEV_KEYS_DIR', { env, default: join(ROOT, '.data', 'dev-keys') }) };

  return {
    port: envInt('PORT', { env, default: 4000, min: 0, max: 65535 }),
    host: envString('HOST', { env, default: production ? '0.0.0.0' : '127.0.0.1' }),
    production,
    supergraphPath: envString('SUPERGRAPH_PATH', { env, default: join(ROOT, 'schema', 'supergraph.graphql') }),
    subgraphUrls,
    upstreamSigningSecret: envSecret('UPSTREAM_SIGNING_SECRET', { env }),
    upstreamTimeoutMs: envInt('UPSTREAM_TIMEOUT_MS', { env, default: 10_000, min: 100, max: 120_000 }),
    tokenKeys,
    tokenIssuer: envString('JWT_ISSUER', { env, default: tokenKeys.kind === 'dev' ? DEV_ISSUER : undefined }),
    tokenAudience: envString('JWT_AUDIENCE', { env, default: tokenKeys.kind === 'dev' ? DEV_AUDIENCE : undefined }),
    armour: {
      maxDepth: envInt('ARMOR_MAX_DEPTH', { env, default: 12, min: 2 }),
      maxAliases: envInt('ARMOR_MAX_ALIASES', { env, default: 20, min: 0 }),
      maxTokens: envInt('ARMOR_MAX_TOKENS', { env, default: 3000, min: 100 }),
      maxCost: envInt('ARMOR_MAX_COST', { env, default: 20_000, min: 100 }),
      maxDirectives: envInt('ARMOR_MAX_DIRECTIVES', { env, default: 20, min: 1 }),
      maxStringLength: envInt('ARMOR_MAX_STRING_LENGTH', { env, default: 100_000, min: 100, max: 900_000 }),
      blockFieldSuggestions: production,
    },
  };
}

import { createLocalJWKSet, createRemoteJWKSet, JSONWebKeySet, JWTVerifyGetKey } from 'jose';
import { readFileSync, statSync } from 'node:fs';

/**
 * Where a subgraph finds the gateway's public keys: the JWKS the gateway publishes (GATEWAY_JWKS_URL, cached and
 * refetched when a request names a kid it does not know, or when the cache is older than `cacheMaxAgeMs`), a file
 * (GATEWAY_JWKS_FILE, re-read when it changes), or a key set in memory (the in-process hub of `npm start` and the
 * tests). Public keys only: nothing here can sign for the gateway.
 */
export type GatewayKeySource =
  | { kind: 'url'; url: string; cacheMaxAgeMs?: number; cooldownMs?: number }
  | { kind: 'file'; path: string }
  | { kind: 'jwks'; jwks: JSONWebKeySet };

/** Defaults: a removed key stops verifying within 5 minutes; a new kid is fetched at most every 10 s. */
export const JWKS_CACHE_MS_DEFAULT = 300_000;
export const JWKS_COOLDOWN_MS_DEFAULT = 10_000;

/** The jose key resolver of a source; a file is re-read when its modification time changes. */
export function gatewayKeySet(source: GatewayKeySource): JWTVerifyGetKey {
  if (source.kind === 'url')
    return createRemoteJWKSet(new URL(source.url), {
      cacheMaxAge: source.cacheMaxAgeMs ?? JWKS_CACHE_MS_DEFAULT,
      cooldownDuration: source.cooldownMs ?? JWKS_COOLDOWN_MS_DEFAULT,
      timeoutDuration: 5000,
    });
  if (source.kind === 'jwks') return createLocalJWKSet(source.jwks);
  let loaded: { mtimeMs: number; keys: JWTVerifyGetKey } | undefined;
  const load = () => {
    const mtimeMs = statSync(source.path).mtimeMs;
    if (!loaded || loaded.mtimeMs !== mtimeMs)
      loaded = { mtimeMs, keys: createLocalJWKSet(JSON.parse(readFileSync(source.path, 'utf8')) as JSONWebKeySet) };
    return loaded.keys;
  };
  load(); // a missing or malformed file fails at start-up
  return (header, token) => load()(header, token);
}

import { createPrivateKey, createPublicKey, generateKeyPairSync, JsonWebKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_ALG, GatewaySigner } from '../../schema/upstream-signature';
import { ConfigError, placeholderSecretReason } from '../../subgraphs/kit/runtime/env';

/** A public JWK as the gateway publishes it. */
export type PublicJwk = { kty: string; crv: string; x: string; y: string; kid: string; alg: string; use: 'sig' };

/**
 * The gateway's signing keys (GATEWAY_SIGNING_KEYS): the first signs every subgraph request and registry grant; all
 * are published (public halves only) at /.well-known/jwks.json, so that during a rotation the subgraphs accept both.
 */
export interface GatewayKeys {
  signer: GatewaySigner;
  jwks: { keys: PublicJwk[] };
}

const VARIABLE = 'GATEWAY_SIGNING_KEYS';

/** Reads a JWKS of private ES256 keys, from JSON text or a file path. Throws a ConfigError that never repeats a key. */
export function parseGatewayKeys(raw: string, variable = VARIABLE): GatewayKeys {
  let text = raw.trim();
  if (!text.startsWith('{')) {
    try {
      text = readFileSync(text, 'utf8');
    } catch {
      // kubernetes.yaml's CHANGE-ME left in place: said as such (a path is repeated, never a key)
      throw new ConfigError(variable, placeholderSecretReason(text) ?? `names no readable file (${raw})`);
    }
  }
  let parsed: { keys?: unknown };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigError(variable, 'must be a JWKS ({"keys": [...]}) or the path of a file holding one');
  }
  const keys = Array.isArray(parsed?.keys) ? (parsed.keys as Array<JsonWebKey & { kid?: string }>) : [];
  if (!keys.length) throw new ConfigError(variable, 'must hold at least one key ({"keys": [...]})');
  const kids = new Set<string>();
  const published: PublicJwk[] = [];
  let signer: GatewaySigner | undefined;
  for (const [i, jwk] of keys.entries()) {
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string')
      throw new ConfigError(variable, `key ${i} must be a private EC P-256 key (ES256) with "d"`);
    if (typeof jwk.kid !== 'string' || !/^[\w.:-]{1,100}$/.test(jwk.kid) || kids.has(jwk.kid))
      throw new ConfigError(variable, `key ${i} needs a unique "kid" (letters, digits, . : _ -)`);
    kids.add(jwk.kid);
    let key;
    try {
      key = createPrivateKey({ key: jwk, format: 'jwk' });
    } catch {
      throw new ConfigError(variable, `key ${i} (${jwk.kid}) is not a valid EC key`);
    }
    const pub = createPublicKey(key).export({ format: 'jwk' });
    published.push({ kty: 'EC', crv: 'P-256', x: pub.x!, y: pub.y!, kid: jwk.kid, alg: GATEWAY_ALG, use: 'sig' });
    signer ??= { kid: jwk.kid, key };
  }
  return { signer: signer!, jwks: { keys: published } };
}

/** A new private ES256 key as a JWK (dev keys, tests, and `npm run token`'s companions). */
export function generateGatewayJwk(kid: string): JsonWebKey & { kid: string; alg: string } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid, alg: GATEWAY_ALG };
}

/**
 * Development only (`npm start`, tests): the gateway's signing key, generated once into the git-ignored dev-keys
 * folder beside the token key pair (auth/dev-keys.ts).
 */
export function loadOrCreateDevGatewayKeys(dir: string): GatewayKeys {
  const file = join(dir, 'gateway-signing-keys.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const jwks = { keys: [generateGatewayJwk(`gw-dev-${Date.now().toString(36)}`)] };
    writeFileSync(file, JSON.stringify(jwks, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return parseGatewayKeys(file, 'DEV_KEYS_DIR');
}

/** The configured keys, or the development ones (generated on first use). */
export function resolveGatewayKeys(source: { kind: 'keys'; keys: GatewayKeys } | { kind: 'dev'; dir: string }) {
  return source.kind === 'keys' ? source.keys : loadOrCreateDevGatewayKeys(source.dir);
}

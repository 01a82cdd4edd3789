import { exportJWK, generateKeyPair, importJWK, JSONWebKeySet, JWK, KeyLike } from 'jose';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_ROUTES, EXTRA_ROUTES, PartnerName } from '../../../schema/events';
import { ConfigError, envOptional, isProduction, placeholderSecretReason, PROJECT_ROOT } from '../runtime/env';

/** Events are signed with ES256: each partner its own key pair, no secret shared between partners. */
export const EVENTS_ALG = 'ES256';

/** The partners named by the event routes (schema/events.ts). */
export const EVENT_PARTNERS: readonly PartnerName[] = [
  ...new Set<PartnerName>([
    ...Object.values(EVENT_ROUTES).flatMap((r) => [r.from, ...r.to]),
    ...EXTRA_ROUTES.flatMap((r) => [r.from, ...r.to]),
  ]),
];

/** What a subgraph needs to sign the facts it produces and to check the ones it receives. */
export interface EventsKeys {
  /** This partner's private key (kid = its name). */
  signingKey: KeyLike;
  /** Every partner's public events key, kid = partner name. */
  jwks: JSONWebKeySet;
}

/** A JSON value given inline or as the path of a file holding it. */
function readJsonValue(variable: string, raw: string): unknown {
  const text = raw.trimStart().startsWith('{') ? raw : existsSync(raw) ? readFileSync(raw, 'utf8') : undefined;
  if (text === undefined)
    // kubernetes.yaml's CHANGE-ME left in place: said as such
    throw new ConfigError(
      variable,
      placeholderSecretReason(raw) ?? 'must be a JSON value or the path of a file holding one',
    );
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(variable, 'is not valid JSON (the value is not repeated: it may hold a private key)');
  }
}

/** Checks a JWKS of the partners' public events keys: EC P-256 keys, kid = a partner's name, no private part. */
export function checkPartnerJwks(variable: string, value: unknown): JSONWebKeySet {
  const keys = (value as JSONWebKeySet | undefined)?.keys;
  if (!Array.isArray(keys)) throw new ConfigError(variable, 'must be a JWKS: {"keys": [...]}');
  for (const k of keys) {
    if (k.kty !== 'EC' || k.crv !== 'P-256' || !k.kid || !EVENT_PARTNERS.includes(k.kid as PartnerName))
      throw new ConfigError(variable, `must hold EC P-256 keys whose kid is a partner (${EVENT_PARTNERS.join(', ')})`);
    if ('d' in k) throw new ConfigError(variable, 'must hold public keys only (a key has its private part "d")');
  }
  return { keys };
}

/** Every partner's events keys, as `npm start` and the tests hold them (one process, four partners). */
export interface DevEventsKeys {
  signingKeys: Record<PartnerName, KeyLike>;
  jwks: JSONWebKeySet;
}

/** Development and tests: one events key pair per partner in `dir` (git-ignored), generated on first use. */
export async function loadOrCreateDevEventsKeys(dir: string): Promise<DevEventsKeys> {
  mkdirSync(dir, { recursive: true });
  const signingKeys = {} as Record<PartnerName, KeyLike>;
  const keys: JWK[] = [];
  for (const partner of EVENT_PARTNERS) {
    const file = join(dir, `events-${partner}.json`);
    if (!existsSync(file)) {
      const { privateKey } = await generateKeyPair(EVENTS_ALG, { extractable: true });
      const jwk = { ...(await exportJWK(privateKey)), kid: partner, alg: EVENTS_ALG };
      writeFileSync(file, JSON.stringify(jwk, null, 2), { mode: 0o600 });
      chmodSync(file, 0o600);
    }
    const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
    signingKeys[partner] = (await importJWK(jwk, EVENTS_ALG)) as KeyLike;
    const { d: _private, ...publicJwk } = jwk;
    keys.push(publicJwk);
  }
  return { signingKeys, jwks: { keys } };
}

/** The development keys folder (the gateway's DEV_KEYS_DIR, where `npm start` keeps its token key pair too). */
export const devKeysDir = (env: Record<string, string | undefined> = process.env): string =>
  envOptional('DEV_KEYS_DIR', env) ?? join(PROJECT_ROOT, '.data', 'dev-keys');

/**
 * One subgraph's events keys: EVENTS_SIGNING_KEY (its private JWK, inline or a file; kid = its name) and
 * PARTNER_EVENTS_JWKS (every partner's public key, inline or a file). Both required in production; elsewhere the
 * generated development keys (DEV_KEYS_DIR) stand in for a missing one.
 */
export async function readEventsKeys(
  partner: PartnerName,
  env: Record<string, string | undefined> = process.env,
): Promise<EventsKeys> {
  const signing = envOptional('EVENTS_SIGNING_KEY', env);
  const jwksRaw = envOptional('PARTNER_EVENTS_JWKS', env);
  if (isProduction(env)) {
    if (!signing)
      throw new ConfigError('EVENTS_SIGNING_KEY', 'is required in production (this partner signs its events)');
    if (!jwksRaw)
      throw new ConfigError('PARTNER_EVENTS_JWKS', "is required in production (the partners' public events keys)");
  }
  const dev = !signing || !jwksRaw ? await loadOrCreateDevEventsKeys(devKeysDir(env)) : undefined;
  let signingKey: KeyLike;
  if (signing) {
    const jwk = readJsonValue('EVENTS_SIGNING_KEY', signing) as JWK;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d)
      throw new ConfigError('EVENTS_SIGNING_KEY', 'must be a private EC P-256 JWK (ES256)');
    if (jwk.kid !== undefined && jwk.kid !== partner)
      throw new ConfigError('EVENTS_SIGNING_KEY', `must have kid "${partner}" (or none), got "${jwk.kid}"`);
    signingKey = (await importJWK(jwk, EVENTS_ALG)) as KeyLike;
  } else signingKey = dev!.signingKeys[partner];
  const jwks = jwksRaw
    ? checkPartnerJwks('PARTNER_EVENTS_JWKS', readJsonValue('PARTNER_EVENTS_JWKS', jwksRaw))
    : dev!.jwks;
  return { signingKey, jwks };
}

import { LRUCache } from 'lru-cache';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  importSPKI,
  JWK,
  jwtVerify,
  JWTVerifyGetKey,
  KeyLike,
} from 'jose';
import { Caller, ClaimsError, parseCallerClaims } from '../../schema/caller';
import { ClaimMapping, mapProviderClaims } from './oidc';

/**
 * The provider's keys could not be fetched (JWKS unreachable, HTTP error, unreadable): not the caller's fault, so not a
 * 401. The gateway logs `why` and answers 503 SERVICE_UNAVAILABLE, retryable (authenticate.plugin.ts).
 */
export class KeysUnavailableError extends Error {
  constructor(public readonly why: string) {
    super(why);
  }
}

export class AuthenticationError extends Error {
  constructor(
    public readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export type TokenKeySource =
  { kind: 'jwks'; url: string } | { kind: 'pem'; pem: string; alg: string } | { kind: 'jwk'; jwk: JWK };

export interface TokenVerifierOptions {
  keys: TokenKeySource;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf. */
  clockTolerance?: number;
  /** How the provider's claims map onto the hub's (OIDC providers); none: the token carries the hub's claims. */
  claimMapping?: ClaimMapping;
  /**
   * The `typ` headers accepted (RFC 9068 §2.1: `at+jwt`, the default; `application/` prefix and case ignored). A
   * provider whose access tokens say `JWT` (Keycloak) is allowed by listing it (OIDC_ACCESS_TOKEN_TYPES=at+jwt,JWT);
   * ID tokens are refused whatever their `typ` (idTokenReason).
   */
  accessTokenTypes?: string[];
  /** Client ids of relying parties (OIDC_CLIENT_IDS): a token whose `aud` names one is an ID token, refused. */
  relyingPartyClientIds?: string[];
}

const normaliseTyp = (typ: string) =>
  typ
    .trim()
    .toLowerCase()
    .replace(/^application\//, '');

/**
 * Why a verified token is an OpenID Connect ID token, not an access token (undefined when it is not one): the claims
 * only ID tokens carry (`nonce`, `at_hash`, `c_hash`, OIDC Core §2 and §3.1.3.6), Keycloak's `typ: "ID"` claim, or an
 * audience that is a relying party's client id. An ID token proves a sign-in to the application it was issued to;
 * accepted here, any application's ID token (same issuer, same `aud`) would open the hub.
 */
function idTokenReason(payload: Record<string, unknown>, relyingParties: string[]): string | undefined {
  for (const claim of ['nonce', 'at_hash', 'c_hash']) if (claim in payload) return `it carries "${claim}"`;
  if (typeof payload.typ === 'string' && payload.typ.toUpperCase() === 'ID') return 'its "typ" claim is "ID"';
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const rp = aud.find((a) => typeof a === 'string' && relyingParties.includes(a));
  return rp ? `its audience is the client ${rp}` : undefined;
}

const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];
/** How long a verified token is trusted without checking its signature again (never past its exp), and how many. */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

/** Verifies a partner's bearer JWT (jose) and turns its claims into a caller, or says precisely why not. */
export async function createTokenVerifier(opts: TokenVerifierOptions): Promise<(token: string) => Promise<Caller>> {
  let key: JWTVerifyGetKey | KeyLike;
  const accessTokenTypes = (opts.accessTokenTypes ?? ['at+jwt']).map(normaliseTyp);
  if (opts.keys.kind === 'jwks') {
    const url = opts.keys.url;
    const remote = createRemoteJWKSet(new URL(url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    // A key set that cannot be fetched is the provider's outage, told apart from a token the set does not sign.
    key = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (e) {
        if (e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) throw e;
        throw new KeysUnavailableError(`JWKS ${url}: ${(e as Error)?.message ?? e}`);
      }
    };
  } else if (opts.keys.kind === 'pem') key = await importSPKI(opts.keys.pem, opts.keys.alg);
  else key = createLocalJWKSet({ keys: [opts.keys.jwk] });

  // Tokens already verified, until their exp (and at most VERIFIED_TTL_MS): a partner sends the same bearer token on
  // every request of a session, and a signature check per request costs more than the rest of our gateway plugins.
  const verified = new LRUCache<string, { caller: Caller; until: number }>({ max: VERIFIED_MAX });
  return async (token: string) => {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && hit.until > now) return hit.caller;
    if (hit) verified.delete(token);
    const { caller, exp } = await verifyOnce(token);
    const until = Math.min(now + VERIFIED_TTL_MS, typeof exp === 'number' ? exp * 1000 : now);
    if (until > now) verified.set(token, { caller, until });
    return caller;
  };

  async function verifyOnce(token: string): Promise<{ caller: Caller; exp: unknown }> {
    let payload: Record<string, unknown>;
    let typ: string | undefined;
    try {
      let protectedHeader: { typ?: string };
      ({ payload, protectedHeader } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: opts.issuer,
        audience: opts.audience,
        algorithms: ALGORITHMS,
        clockTolerance: opts.clockTolerance ?? 5,
        requiredClaims: ['exp', 'sub'],
      }));
      typ = protectedHeader.typ;
    } catch (e) {
      throw explain(e);
    }
    const idToken = idTokenReason(payload, opts.relyingPartyClientIds ?? []);
    if (idToken)
      throw new AuthenticationError(
        'id_token',
        `Jeton refusé : c'est un jeton d'identité (ID token, ${idToken}), un jeton d'accès est attendu. / Token refused: this is an ID token (${idToken}); an access token is expected.`,
      );
    if (typ === undefined || !accessTokenTypes.includes(normaliseTyp(typ)))
      throw new AuthenticationError(
        'not_access_token',
        `Jeton refusé : type « ${typ ?? 'absent'} », un jeton d'accès (typ ${accessTokenTypes.join(' ou ')}) est attendu. / Token refused: type "${typ ?? 'missing'}"; an access token (typ ${accessTokenTypes.join(' or ')}) is expected.`,
      );
    try {
      return {
        caller: parseCallerClaims(opts.claimMapping ? mapProviderClaims(payload, opts.claimMapping) : payload),
        exp: payload.exp,
      };
    } catch (e) {
      if (e instanceof ClaimsError)
        throw new AuthenticationError(e.reason, `Jeton refusé : ${e.message}. / Token refused: ${e.message}.`);
      throw e;
    }
  }
}

function explain(e: unknown): AuthenticationError | KeysUnavailableError {
  if (e instanceof KeysUnavailableError) return e;
  if (e instanceof errors.JWTExpired)
    return new AuthenticationError('expired', 'Jeton expiré : reconnectez-vous. / Token expired: sign in again.');
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'nbf')
      return new AuthenticationError('not_yet_valid', 'Jeton pas encore valide (nbf). / Token not valid yet (nbf).');
    return new AuthenticationError(
      'bad_claims',
      `Jeton refusé : revendication « ${e.claim} » invalide (${e.reason}). / Token refused: claim "${e.claim}" is invalid (${e.reason}).`,
    );
  }
  if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey) {
    return new AuthenticationError(
      'bad_signature',
      'Jeton refusé : signature invalide. / Token refused: invalid signature.',
    );
  }
  if (e instanceof errors.JOSEAlgNotAllowed)
    return new AuthenticationError(
      'bad_signature',
      'Jeton refusé : algorithme non accepté. / Token refused: algorithm not accepted.',
    );
  return new AuthenticationError(
    'malformed',
    'Jeton illisible : un JWT signé est attendu. / Unreadable token: a signed JWT is expected.',
  );
}

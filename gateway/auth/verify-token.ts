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
}

const ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'];
/** How long a verified token is trusted without checking its signature again (never past its exp), and how many. */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

/** Verifies a partner's bearer JWT (jose) and turns its claims into a caller, or says precisely why not. */
export async function createTokenVerifier(opts: TokenVerifierOptions): Promise<(token: string) => Promise<Caller>> {
  let key: JWTVerifyGetKey | KeyLike;
  if (opts.keys.kind === 'jwks')
    key = createRemoteJWKSet(new URL(opts.keys.url), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  else if (opts.keys.kind === 'pem') key = await importSPKI(opts.keys.pem, opts.keys.alg);
  else key = createLocalJWKSet({ keys: [opts.keys.jwk] });

  // Tokens already verified, until their exp (and at most VERIFIED_TTL_MS): a partner sends the same bearer token on
  // every request of a session, and a signature check per request costs more than the rest of our gateway plugins.
  const verified = new Map<string, { caller: Caller; until: number }>();
  return async (token: string) => {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && hit.until > now) return hit.caller;
    if (hit) verified.delete(token);
    const { caller, exp } = await verifyOnce(token);
    const until = Math.min(now + VERIFIED_TTL_MS, typeof exp === 'number' ? exp * 1000 : now);
    if (until > now) {
      if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value as string); // oldest first
      verified.set(token, { caller, until });
    }
    return caller;
  };

  async function verifyOnce(token: string): Promise<{ caller: Caller; exp: unknown }> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: opts.issuer,
        audience: opts.audience,
        algorithms: ALGORITHMS,
        clockTolerance: opts.clockTolerance ?? 5,
        requiredClaims: ['exp', 'sub'],
      }));
    } catch (e) {
      throw explain(e);
    }
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

function explain(e: unknown): AuthenticationError {
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

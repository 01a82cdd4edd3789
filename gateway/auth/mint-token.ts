import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import type { CallerClaims } from '../../schema/caller';
import { DEV_ALG, DEV_AUDIENCE, DEV_ISSUER, DevKeys } from './dev-keys';

export interface MintOptions {
  /** Lifetime in seconds from now; negative: already expired. Default 8 hours. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. */
  notBefore?: number;
  issuer?: string;
  audience?: string;
  /** The `typ` header: `at+jwt` (an access token, RFC 9068) unless a test wants another. */
  typ?: string;
}

/**
 * A development access token signed with the dev key pair: what an OIDC provider would issue to a partner's agent
 * (RFC 9068 JWT access token: `typ` at+jwt, which the gateway requires).
 */
export function mintDevToken(
  keys: DevKeys,
  claims: Partial<CallerClaims> | Record<string, unknown>,
  opts: MintOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: DEV_ALG, kid: keys.kid, typ: opts.typ ?? 'at+jwt' })
    .setIssuer(opts.issuer ?? DEV_ISSUER)
    .setAudience(opts.audience ?? DEV_AUDIENCE)
    .setIssuedAt(now)
    .setJti(randomUUID())
    .setExpirationTime(now + (opts.expiresIn ?? 8 * 3600));
  if (opts.notBefore !== undefined) jwt.setNotBefore(now + opts.notBefore);
  if (claims.sub) jwt.setSubject(String(claims.sub));
  return jwt.sign(keys.privateKey);
}

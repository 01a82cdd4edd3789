import { timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { Caller, ClaimsError, parseCallerClaims } from '../../../schema/caller';
import {
  CALLER_EXTENSION,
  SIGNATURE_EXTENSION,
  SIGNED_REQUEST_TTL_SECONDS,
  upstreamSignature,
} from '../../../schema/upstream-signature';
import { unauthenticated } from '../rules/errors';

export type { Caller };

/** Remembers the jti of each signed request until it expires, so that a captured request cannot be replayed. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxEntries = 200_000) {}

  /** false when this jti was already used (a replay). */
  claim(jti: string, exp: number, nowSeconds: number): boolean {
    if (this.seen.size >= this.maxEntries) this.sweep(nowSeconds);
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, exp);
    return true;
  }

  private sweep(nowSeconds: number): void {
    for (const [jti, exp] of this.seen) if (exp < nowSeconds) this.seen.delete(jti);
  }
}

interface GraphQLBody {
  query?: string;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

const refuse = (reason: string) =>
  unauthenticated(
    `Requête refusée : seule la passerelle peut interroger ce service (${reason}). / Request refused: only the gateway may call this service (${reason}).`,
    reason,
  );

/**
 * Verifies that a subgraph request was signed by the gateway (HMAC over query, variables and caller) and is fresh,
 * and returns the caller it carries. Anything else is refused: a direct call, a forged or altered caller, a replay.
 */
export function verifySignedRequest(
  body: GraphQLBody,
  secret: string,
  replays: ReplayGuard,
  nowSeconds = Math.floor(Date.now() / 1000),
): Caller {
  const signature = body.extensions?.[SIGNATURE_EXTENSION];
  const signed = body.extensions?.[CALLER_EXTENSION] as Record<string, unknown> | undefined;
  if (typeof signature !== 'string' || !signed || typeof signed !== 'object') throw refuse('missing_signature');

  const expected = upstreamSignature(secret, { query: body.query, variables: body.variables, caller: signed });
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse('bad_signature');

  const { iat, exp, jti } = signed;
  if (typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string') throw refuse('bad_signature');
  if (exp < nowSeconds || iat > nowSeconds + 5 || exp - iat > SIGNED_REQUEST_TTL_SECONDS) throw refuse('expired');
  if (!replays.claim(jti, exp, nowSeconds)) throw refuse('replayed');

  try {
    return parseCallerClaims(signed);
  } catch (e) {
    if (e instanceof ClaimsError) throw refuse(e.reason);
    throw e;
  }
}

export function isRefusal(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError && e.extensions?.code === 'UNAUTHENTICATED';
}

/**
 * The contract between the gateway and the subgraphs: every subgraph request carries, in its `extensions`,
 * the verified caller (`masp-caller`: claims + iat/exp/jti) and an HMAC-SHA256 signature (`hmac-signature`,
 * written by @graphql-mesh/hmac-upstream-signature) over the canonical form below. The library's default
 * serializer covers only query and variables; ours adds the caller so that altered claims break the signature.
 */
import { configure } from 'safe-stable-stringify';
import type { CallerClaims } from './caller';

export const CALLER_EXTENSION = 'masp-caller';
export const SIGNATURE_EXTENSION = 'hmac-signature';
/** How long a signed subgraph request stays valid: it bounds a replay to this window (and its jti to one use). */
export const SIGNED_REQUEST_TTL_SECONDS = 60;

export interface SignedCaller extends CallerClaims {
  iat: number;
  exp: number;
  jti: string;
}

const stableStringify = configure({ bigint: false, circularValue: Error, deterministic: true });

/** The exact bytes both sides sign and verify. Empty variables count as none, as the HTTP executor sends them. */
export function canonicalSignedRequest(request: { query?: string; variables?: Record<string, unknown> | null; caller?: unknown }): string {
  const variables = request.variables && Object.keys(request.variables).length > 0 ? request.variables : undefined;
  return stableStringify({ query: request.query, variables, caller: request.caller }) as string;
}

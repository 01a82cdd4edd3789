/**
 * The contract between the gateway and the subgraphs: every subgraph request carries, in its `extensions`,
 * the verified caller (`masp-caller`: claims + iat/exp/jti) and an HMAC-SHA256 signature (`hmac-signature`, base64,
 * the wire format of @graphql-mesh/hmac-upstream-signature; gateway/auth/upstream-signing.ts writes it) over the
 * canonical form below: query, variables and the caller, so that altered claims break the signature.
 */
import { createHmac, randomUUID } from 'node:crypto';
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
  /**
   * The client's operation name, which the subgraphs write in their access log (`detail`): signed with the caller,
   * because a query planner may name (or not name) the subgraph operations as it likes — the Rust planner sends them
   * anonymous.
   */
  operation?: string;
}

const stableStringify = configure({ bigint: false, circularValue: Error, deterministic: true });

/** The exact bytes both sides sign and verify. Empty variables count as none, as the HTTP executor sends them. */
export function canonicalSignedRequest(request: {
  query?: string;
  variables?: Record<string, unknown> | null;
  caller?: unknown;
}): string {
  const variables = request.variables && Object.keys(request.variables).length > 0 ? request.variables : undefined;
  return stableStringify({ query: request.query, variables, caller: request.caller }) as string;
}

/** The caller extension of one signed request: the claims, valid SIGNED_REQUEST_TTL_SECONDS, with a fresh jti. */
export function signedCaller(
  claims: CallerClaims,
  nowSeconds = Math.floor(Date.now() / 1000),
  operation?: string,
): SignedCaller {
  return {
    ...claims,
    iat: nowSeconds,
    exp: nowSeconds + SIGNED_REQUEST_TTL_SECONDS,
    jti: randomUUID(),
    ...(operation ? { operation } : {}),
  };
}

/** The client's operation name a verified caller extension carries, if any. */
export function signedOperation(caller: unknown): string | undefined {
  const operation = (caller as { operation?: unknown } | undefined)?.operation;
  return typeof operation === 'string' && operation.length > 0 ? operation : undefined;
}

/** The HMAC-SHA256 of a request's canonical form: what `hmac-signature` carries (base64) and the subgraphs verify. */
export function upstreamSignature(
  secret: string,
  request: { query?: string; variables?: Record<string, unknown> | null; caller?: unknown },
): Buffer {
  return createHmac('sha256', secret).update(canonicalSignedRequest(request)).digest();
}

/**
 * The body of a GraphQL request signed as the gateway signs it, for the one service-to-service call a subgraph makes
 * (a partner subgraph asking the department's registry which persons the caller reaches, on the caller's behalf).
 */
export function signedRequestBody(
  secret: string,
  claims: CallerClaims,
  request: { query: string; variables?: Record<string, unknown>; operationName?: string },
) {
  const caller = signedCaller(claims);
  const signature = upstreamSignature(secret, { query: request.query, variables: request.variables, caller }).toString(
    'base64',
  );
  return { ...request, extensions: { [CALLER_EXTENSION]: caller, [SIGNATURE_EXTENSION]: signature } };
}

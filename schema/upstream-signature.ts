/**
 * The contract between the gateway and the subgraphs (schema/decisions/0003-caller-signing.md): every subgraph
 * request carries, in its `extensions`, a compact JWS (`masp-signature`, ES256) the gateway signs with its private key
 * for that one subgraph (`aud`), binding the caller's claims, the client's operation name, a digest of query +
 * variables, `iat`/`exp` and a `jti`. The subgraphs verify it with the gateway's public keys only (a JWKS), so no
 * subgraph holds anything that could sign for the gateway.
 *
 * A request to a partner subgraph that asks the department's registry also carries a registry grant
 * (`masp-registry-grant`): a second JWS for the department, naming the caller, the partner and the registry questions
 * it may ask. The partner forwards it, unchanged, with its registry questions; it signs nothing itself.
 */
import { createHash, KeyObject, randomUUID, sign } from 'node:crypto';
import { configure } from 'safe-stable-stringify';
import type { CallerClaims } from './caller';

export const SIGNATURE_EXTENSION = 'masp-signature';
export const GRANT_EXTENSION = 'masp-registry-grant';
/** `iss` of everything the gateway signs. */
export const GATEWAY_ISSUER = 'masp-gateway';
/** The JWS `typ` of a subgraph request and of a registry grant: one can never be taken for the other. */
export const REQUEST_TYP = 'masp-request+jwt';
export const GRANT_TYP = 'masp-registry-grant+jwt';
/** The only signing algorithm the gateway uses and the subgraphs accept. */
export const GATEWAY_ALG = 'ES256';
/**
 * How long a signed subgraph request (or a grant) stays valid: it bounds a replay to this window (and a jti to one
 * use).
 */
export const SIGNED_REQUEST_TTL_SECONDS = 60;
/** The subgraph that answers registry questions, and the questions a grant may name. */
export const REGISTRY_SUBGRAPH = 'department';
export const REGISTRY_FIELDS = ['reachablePersons', 'knownPersons'] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

/** The gateway's active private key (ES256, P-256) and the `kid` under which its JWKS publishes the public half. */
export interface GatewaySigner {
  kid: string;
  key: KeyObject;
}

/** What a subgraph request's JWS carries. */
export interface SignedRequestClaims extends CallerClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  /** base64url SHA-256 of canonicalSignedRequest(query, variables). */
  digest: string;
  /**
   * The client's operation name, which the subgraphs write in their access log (`detail`): signed with the caller,
   * because a query planner may name (or not name) the subgraph operations as it likes — the Rust planner sends them
   * anonymous.
   */
  op?: string;
}

/** What a registry grant carries. */
export interface RegistryGrantClaims extends CallerClaims {
  iss: string;
  aud: string;
  /** The partner subgraph the gateway gave it to. */
  partner: string;
  scope: RegistryField[];
  iat: number;
  exp: number;
  jti: string;
}

const stableStringify = configure({ bigint: false, circularValue: Error, deterministic: true });

/** The exact bytes both sides digest. Empty variables count as none, as the HTTP executor sends them. */
export function canonicalSignedRequest(request: {
  query?: string;
  variables?: Record<string, unknown> | null;
}): string {
  const variables = request.variables && Object.keys(request.variables).length > 0 ? request.variables : undefined;
  return stableStringify({ query: request.query, variables }) as string;
}

/** The `digest` claim: base64url SHA-256 of the canonical query + variables. */
export function requestDigest(request: { query?: string; variables?: Record<string, unknown> | null }): string {
  return createHash('sha256').update(canonicalSignedRequest(request)).digest('base64url');
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A compact JWS (RFC 7515) signed ES256 with node:crypto: synchronous, ~0.05 ms, so the gateway's hook stays
 * synchronous (jose's `CompactSign` does the same signature behind a promise). The subgraphs verify with jose.
 */
export function signCompactJws(signer: GatewaySigner, typ: string, payload: object): string {
  const input = `${b64({ alg: GATEWAY_ALG, kid: signer.kid, typ })}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), { key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

/** The JWS of one subgraph request: for `audience` only, valid SIGNED_REQUEST_TTL_SECONDS, with a fresh jti. */
export function signRequest(
  signer: GatewaySigner,
  audience: string,
  claims: CallerClaims,
  request: { query?: string; variables?: Record<string, unknown> | null },
  operation?: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const payload: SignedRequestClaims = {
    ...claims,
    ...(operation ? { op: operation } : {}),
    iss: GATEWAY_ISSUER,
    aud: audience,
    iat: nowSeconds,
    exp: nowSeconds + SIGNED_REQUEST_TTL_SECONDS,
    jti: randomUUID(),
    digest: requestDigest(request),
  };
  return signCompactJws(signer, REQUEST_TYP, payload);
}

/** The registry grant for one request to `partner`: the department answers its registry questions for this caller. */
export function signRegistryGrant(
  signer: GatewaySigner,
  partner: string,
  claims: CallerClaims,
  nowSeconds = Math.floor(Date.now() / 1000),
): string {
  const payload: RegistryGrantClaims = {
    ...claims,
    iss: GATEWAY_ISSUER,
    aud: REGISTRY_SUBGRAPH,
    partner,
    scope: [...REGISTRY_FIELDS],
    iat: nowSeconds,
    exp: nowSeconds + SIGNED_REQUEST_TTL_SECONDS,
    jti: randomUUID(),
  };
  return signCompactJws(signer, GRANT_TYP, payload);
}

/**
 * The body of a GraphQL request signed as the gateway signs it for `audience` (tests and the benchmark, which stand
 * in for the gateway and hold its key).
 */
export function signedRequestBody(
  signer: GatewaySigner,
  audience: string,
  claims: CallerClaims,
  request: { query: string; variables?: Record<string, unknown>; operationName?: string },
  extensions: Record<string, unknown> = {},
) {
  return {
    ...request,
    extensions: {
      ...extensions,
      [SIGNATURE_EXTENSION]: signRequest(signer, audience, claims, request),
    },
  };
}

/** The client's operation name a verified request carries, if any. */
export function signedOperation(claims: unknown): string | undefined {
  const operation = (claims as { op?: unknown } | undefined)?.op;
  return typeof operation === 'string' && operation.length > 0 ? operation : undefined;
}

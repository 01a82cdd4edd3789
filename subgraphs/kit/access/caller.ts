import { LRUCache } from 'lru-cache';
import { KeyObject, verify as verifySignature } from 'node:crypto';
import { GraphQLError, Kind, parse } from 'graphql';
import { errors as joseErrors, JWTPayload, JWTVerifyGetKey } from 'jose';
import { Caller, ClaimsError, parseCallerClaims } from '../../../schema/caller';
import {
  GATEWAY_ALG,
  GATEWAY_ISSUER,
  GRANT_EXTENSION,
  GRANT_TYP,
  REGISTRY_FIELDS,
  REGISTRY_SUBGRAPH,
  RegistryField,
  REQUEST_TYP,
  requestDigest,
  SIGNATURE_EXTENSION,
  SIGNED_REQUEST_TTL_SECONDS,
  signedOperation,
} from '../../../schema/upstream-signature';
import { unauthenticated } from '../rules/errors';
import type { DeferredClaim, ReplayStore } from './replay-store';

export type { Caller };

/** How a subgraph checks what the gateway signed: its public keys, this subgraph's name (`aud`), the jti store. */
export interface GatewayVerifier {
  keys: JWTVerifyGetKey;
  /** This subgraph's name: a request signed for another subgraph is refused. */
  audience: string;
  replays: ReplayStore;
}

/** A registry grant the department verified: the partner it was given to and the registry questions it allows. */
export interface RegistryGrant {
  partner: string;
  scope: RegistryField[];
}

export interface VerifiedRequest {
  caller: Caller;
  /** The client's operation name, signed with the caller (for the access log). */
  operation?: string;
  /** At a partner: the gateway's registry grant, forwarded as is with its registry questions. */
  forwardGrant?: string;
  /** At the department: the request is a partner's registry question under this grant. */
  grant?: RegistryGrant;
  /**
   * A query's jti, not yet claimed: claimed at the end of the request with its access-log rows, in one statement
   * (kit/access-log/audit.ts `accessLogPlugin`), before anything is sent. Mutations claim first, before writing.
   */
  replayClaim?: DeferredClaim;
}

interface GraphQLBody {
  query?: string;
  variables?: Record<string, unknown> | null;
  extensions?: Record<string, unknown> | null;
}

/** The refusal of a replayed request (its jti already claimed), whether claimed first or at the end of a query. */
export const replayedRefusal = () => refuse('replayed');

const refuse = (reason: string) =>
  unauthenticated(
    `Requête refusée : seule la passerelle peut interroger ce service (${reason}). / Request refused: only the gateway may call this service (${reason}).`,
    reason,
  );

/**
 * Whether a request is only a query (every operation of its document a `query`): its claim can wait for the end of
 * the request, since it writes nothing. Anything else (a mutation, a subscription, no or an unparsable document) is
 * claimed first.
 */
function onlyQueries(query: unknown): boolean {
  if (typeof query !== 'string') return false;
  const known = onlyQueriesSeen.get(query);
  if (known !== undefined) return known;
  let answer: boolean;
  try {
    const ops = parse(query).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    answer = ops.length > 0 && ops.every((d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'query');
  } catch {
    answer = false;
  }
  // the gateway sends the same few texts again and again (its plans are cached): parsed once each
  onlyQueriesSeen.set(query, answer);
  return answer;
}
const onlyQueriesSeen = new LRUCache<string, boolean>({ max: 1000 });

const decodeJson = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * One of the gateway's JWS (request or grant), signature, issuer, type and lifetime checked. The key is jose's (the
 * gateway's JWKS, local or remote, by `kid`); the signature is checked synchronously with node:crypto, the mirror of
 * the gateway's `signCompactJws`: jose 5's `jwtVerify` runs node's `verify` through `promisify`, on libuv's thread
 * pool, at about 230 µs of CPU per request against 80 µs here (issue 21 §4, test/bench/levers/README.md). Only ES256
 * and the exact `typ` are accepted; a header with `crit` or `b64` is refused.
 */
async function verifyGatewayJws(
  jws: string,
  keys: JWTVerifyGetKey,
  typ: string,
  audience: string,
  nowSeconds: number,
): Promise<JWTPayload> {
  const parts = jws.split('.');
  if (parts.length !== 3) throw refuse('bad_signature');
  let header: { alg?: unknown; typ?: unknown; kid?: unknown; crit?: unknown; b64?: unknown };
  let payload: JWTPayload;
  try {
    header = decodeJson(parts[0]) as typeof header;
    if (!header || typeof header !== 'object' || header.alg !== GATEWAY_ALG || header.typ !== typ) throw new Error();
    if (header.crit !== undefined || header.b64 !== undefined || typeof header.kid !== 'string') throw new Error();
  } catch {
    throw refuse('bad_signature');
  }
  let key: Awaited<ReturnType<JWTVerifyGetKey>>;
  try {
    key = await keys({ alg: GATEWAY_ALG, kid: header.kid as string, typ }, { payload: parts[1], signature: parts[2] });
  } catch (e) {
    // the gateway's JWKS out of reach is an outage, not a bad signature: the caller may retry
    if (e instanceof joseErrors.JWKSTimeout || !(e instanceof joseErrors.JOSEError)) throw e;
    throw refuse('bad_signature');
  }
  try {
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const signature = Buffer.from(parts[2], 'base64url');
    if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ec') throw new Error();
    if (!verifySignature('sha256', signed, { key, dsaEncoding: 'ieee-p1363' }, signature)) throw new Error();
    payload = decodeJson(parts[1]) as JWTPayload;
    if (!payload || typeof payload !== 'object' || Array.isArray(payload) || payload.iss !== GATEWAY_ISSUER)
      throw new Error();
  } catch {
    throw refuse('bad_signature');
  }
  // after the signature: only then does the audience say anything
  if (payload.aud !== audience) throw refuse('wrong_audience');
  const { iat, exp, jti } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string') throw refuse('bad_signature');
  if (exp < nowSeconds || iat > nowSeconds + 5 || exp - iat > SIGNED_REQUEST_TTL_SECONDS) throw refuse('expired');
  return payload;
}

function callerOf(payload: JWTPayload): Caller {
  try {
    return parseCallerClaims(payload);
  } catch (e) {
    if (e instanceof ClaimsError) throw refuse(e.reason);
    throw e;
  }
}

/**
 * A request under a grant may only ask the registry questions the grant names, at the root of one query: no other
 * field, no fragment, no mutation.
 */
function assertWithinGrant(query: string | undefined, scope: readonly string[]): void {
  let ok = false;
  try {
    const doc = parse(query ?? '');
    const [op, ...rest] = doc.definitions;
    ok =
      rest.length === 0 &&
      op.kind === Kind.OPERATION_DEFINITION &&
      op.operation === 'query' &&
      op.selectionSet.selections.every(
        (s) =>
          s.kind === Kind.FIELD && !s.selectionSet && (s.name.value === '__typename' || scope.includes(s.name.value)),
      );
  } catch {
    ok = false;
  }
  if (!ok) throw refuse('outside_grant');
}

/**
 * Verifies that a subgraph request was signed by the gateway for this subgraph (ES256 JWS over the caller and a digest
 * of query + variables), is fresh and new (its jti, in the store shared by the replicas), and returns the caller it
 * carries. At the department, a request without it may instead carry a registry grant: then only the registry
 * questions the grant names are answered, for the grant's caller. Anything else is refused: a direct call, a forged
 * or altered caller, a request signed for another subgraph, a replay.
 */
export async function verifySignedRequest(
  body: GraphQLBody,
  verifier: GatewayVerifier,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<VerifiedRequest> {
  const signature = body.extensions?.[SIGNATURE_EXTENSION];
  const grant = body.extensions?.[GRANT_EXTENSION];

  if (typeof signature === 'string') {
    const payload = await verifyGatewayJws(signature, verifier.keys, REQUEST_TYP, verifier.audience, nowSeconds);
    if (payload.digest !== requestDigest({ query: body.query, variables: body.variables })) throw refuse('bad_digest');
    const table = verifier.replays.deferrableTable;
    const deferred = table && onlyQueries(body.query) ? { jti: payload.jti!, exp: payload.exp!, table } : undefined;
    if (!deferred && !(await verifier.replays.claim(payload.jti!, payload.exp!))) throw refuse('replayed');
    return {
      caller: callerOf(payload),
      ...(deferred ? { replayClaim: deferred } : {}),
      operation: signedOperation(payload),
      ...(typeof grant === 'string' && verifier.audience !== REGISTRY_SUBGRAPH ? { forwardGrant: grant } : {}),
    };
  }

  if (typeof grant === 'string' && verifier.audience === REGISTRY_SUBGRAPH) {
    const payload = await verifyGatewayJws(grant, verifier.keys, GRANT_TYP, REGISTRY_SUBGRAPH, nowSeconds);
    const { partner, scope } = payload as { partner?: unknown; scope?: unknown };
    if (
      typeof partner !== 'string' ||
      partner === REGISTRY_SUBGRAPH ||
      !Array.isArray(scope) ||
      !scope.every((f) => (REGISTRY_FIELDS as readonly unknown[]).includes(f))
    )
      throw refuse('bad_signature');
    assertWithinGrant(body.query, scope as string[]);
    return { caller: callerOf(payload), grant: { partner, scope: scope as RegistryField[] } };
  }

  throw refuse('missing_signature');
}

export function isRefusal(e: unknown): e is GraphQLError {
  return e instanceof GraphQLError && e.extensions?.code === 'UNAUTHENTICATED';
}

import { LRUCache } from 'lru-cache';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import { getOperationAST } from 'graphql';
import { CallerClaims, claimsOf } from '../../schema/caller';
import {
  GRANT_EXTENSION,
  REGISTRY_SUBGRAPH,
  SIGNATURE_EXTENSION,
  SIGNED_REQUEST_TTL_SECONDS,
  signRegistryGrant,
  signRequest,
} from '../../schema/upstream-signature';
import { callerOf } from './authenticate.plugin';
import type { GatewayKeys } from './gateway-keys';

/** Registry grants remembered at most (callers × partners), oldest dropped first. */
const GRANTS_MAX = 10_000;

/** Where the gateway publishes its public keys, for the subgraphs (GATEWAY_JWKS_URL). */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * Signs each subgraph request with the gateway's private key (schema/upstream-signature.ts): a compact ES256 JWS in
 * the `masp-signature` extension, for that subgraph only (`aud`), binding the caller, the client's operation name
 * (for the subgraphs' access log), a digest of query + variables, iat/exp (60 s) and a fresh jti. A request to any
 * other subgraph than the department also carries a registry grant (`masp-registry-grant`) for this caller and that
 * partner, which the partner forwards with its registry questions: it holds no key of its own.
 *
 * Synchronous node:crypto signatures: about 0.05 ms each (test/bench/levers/README.md). A request
 * signature is never reused (fresh jti, bound to its query and variables). A registry grant is a capability for a
 * caller and a partner, which the department does not track by jti (a partner may already ask under it for its whole
 * lifetime): the same grant is handed to that caller's requests to that partner for the first half of its 60 s, so
 * a partner always receives one with at least 30 s to run (issue 21 §4: three signatures fewer per caseload page).
 * The query text is printed by the transport's own printer (memoized), so both sides digest the same bytes.
 */
export function useUpstreamSigning(keys: GatewayKeys): GatewayPlugin[] {
  // The client's operation name, per HTTP request.
  const operations = new WeakMap<Request, string>();
  const body = JSON.stringify(keys.jwks);
  const grants = new LRUCache<string, { grant: string; until: number }>({ max: GRANTS_MAX });
  /** The registry grant for this caller and partner: signed anew once half its lifetime has passed. */
  const grantFor = (partner: string, claims: CallerClaims): string => {
    const key = `${partner}|${JSON.stringify(claims)}`;
    const now = Date.now();
    const hit = grants.get(key);
    if (hit && hit.until > now) return hit.grant;
    const grant = signRegistryGrant(keys.signer, partner, claims, Math.floor(now / 1000));
    grants.set(key, { grant, until: now + (SIGNED_REQUEST_TTL_SECONDS * 1000) / 2 });
    return grant;
  };
  const publishKeys: GatewayPlugin = {
    onRequest({ url, request, endResponse, fetchAPI }) {
      if (url.pathname !== JWKS_PATH || request.method !== 'GET') return;
      endResponse(
        new fetchAPI.Response(body, {
          status: 200,
          // short: a rotation reaches the subgraphs' caches quickly
          headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=60' },
        }),
      );
    },
  };
  const sign: GatewayPlugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (request && name) operations.set(request, name);
    },
    // a subscription's name too (live notifications), for the subgraphs' access log
    onSubscribe({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (request && name) operations.set(request, name);
    },
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const request = (executionRequest.context as { request?: Request } | undefined)?.request;
      const caller = callerOf(request);
      if (!caller) throw new Error('subgraph call without an authenticated caller');
      const claims = claimsOf(caller);
      const signature = signRequest(
        keys.signer,
        subgraphName,
        claims,
        { query: defaultPrintFn(executionRequest.document), variables: executionRequest.variables },
        request ? operations.get(request) : undefined,
      );
      executionRequest.extensions = {
        ...executionRequest.extensions,
        [SIGNATURE_EXTENSION]: signature,
        ...(subgraphName !== REGISTRY_SUBGRAPH ? { [GRANT_EXTENSION]: grantFor(subgraphName, claims) } : {}),
      };
    },
  };
  return [publishKeys, sign];
}

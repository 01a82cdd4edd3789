import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import { getOperationAST } from 'graphql';
import { claimsOf } from '../../schema/caller';
import {
  CALLER_EXTENSION,
  SIGNATURE_EXTENSION,
  signedCaller,
  upstreamSignature,
} from '../../schema/upstream-signature';
import { callerOf } from './authenticate.plugin';

/**
 * Signs each subgraph request: HMAC-SHA256 (node:crypto, synchronous) over the canonical form of query + variables +
 * caller (schema/upstream-signature.ts, the same function the subgraphs verify with and the registry calls sign with),
 * written base64 to the `hmac-signature` extension — the wire format of @graphql-mesh/hmac-upstream-signature, which
 * signed here before: it goes through WebCrypto's asynchronous `subtle.sign` and a child logger per call, measured at
 * 5.5 % of the gateway's CPU under load (`npm run bench`, the Rust planner's profile on stub subgraphs).
 * The query text is printed by the transport's own printer (memoized), so both sides sign the same bytes.
 */
export function useRequestSignature(secret: string): GatewayPlugin {
  return {
    onSubgraphExecute({ executionRequest }) {
      const caller = executionRequest.extensions?.[CALLER_EXTENSION];
      if (!caller) throw new Error('subgraph call without a caller to sign');
      const signature = upstreamSignature(secret, {
        query: defaultPrintFn(executionRequest.document),
        variables: executionRequest.variables,
        caller,
      });
      executionRequest.extensions = {
        ...executionRequest.extensions,
        [SIGNATURE_EXTENSION]: signature.toString('base64'),
      };
    },
  };
}

/**
 * Puts the verified caller into each subgraph request's extensions (short-lived, one jti per request, with the
 * client's operation name for the subgraphs' access log), then signs
 * query + variables + caller. Order matters: the caller must be in place before the signature is computed, so both
 * plugins are returned together, in this order.
 */
export function useUpstreamSigning(secret: string): GatewayPlugin[] {
  // The client's operation name, per HTTP request (for the subgraphs' access log, signed with the caller).
  const operations = new WeakMap<Request, string>();
  const forwardCaller: GatewayPlugin = {
    onExecute({ args }) {
      const request = (args.contextValue as { request?: Request } | undefined)?.request;
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (request && name) operations.set(request, name);
    },
    onSubgraphExecute({ executionRequest }) {
      const request = (executionRequest.context as { request?: Request } | undefined)?.request;
      const caller = callerOf(request);
      if (!caller) throw new Error('subgraph call without an authenticated caller');
      const signed = signedCaller(claimsOf(caller), undefined, request ? operations.get(request) : undefined);
      executionRequest.extensions = { ...executionRequest.extensions, [CALLER_EXTENSION]: signed };
    },
  };
  return [forwardCaller, useRequestSignature(secret)];
}

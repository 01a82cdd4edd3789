import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useHmacUpstreamSignature } from '@graphql-mesh/hmac-upstream-signature';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import { claimsOf } from '../../schema/caller';
import { CALLER_EXTENSION, canonicalSignedRequest, signedCaller } from '../../schema/upstream-signature';
import { callerOf } from './authenticate.plugin';

/**
 * Puts the verified caller into each subgraph request's extensions (short-lived, one jti per request), then signs
 * query + variables + caller with the runtime's HMAC upstream-signature plugin. Order matters: the caller must be in
 * place before the signature is computed, so both plugins are returned together, in this order.
 */
export function useUpstreamSigning(secret: string): GatewayPlugin[] {
  const forwardCaller: GatewayPlugin = {
    onSubgraphExecute({ executionRequest }) {
      const caller = callerOf((executionRequest.context as { request?: Request } | undefined)?.request);
      if (!caller) throw new Error('subgraph call without an authenticated caller');
      executionRequest.extensions = { ...executionRequest.extensions, [CALLER_EXTENSION]: signedCaller(claimsOf(caller)) };
    },
  };
  const sign = useHmacUpstreamSignature({
    secret,
    serializeExecutionRequest: (req) =>
      canonicalSignedRequest({ query: defaultPrintFn(req.document), variables: req.variables, caller: req.extensions?.[CALLER_EXTENSION] }),
  }) as GatewayPlugin;
  return [forwardCaller, sign];
}

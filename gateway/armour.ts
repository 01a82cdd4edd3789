import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface ArmourLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  /** Longest string input (variable or literal), in characters; longer is BAD_USER_INPUT naming the field. */
  maxStringLength: number;
  blockFieldSuggestions: boolean;
}

/** Query limits (graphql-armor): depth, aliases, tokens, directives and cost, checked before any planning. */
export function useArmour(limits: ArmourLimits): GatewayPlugin {
  return EnvelopArmorPlugin({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true },
    maxAliases: { n: limits.maxAliases },
    maxTokens: { n: limits.maxTokens },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost, objectCost: 2, scalarCost: 1, depthCostFactor: 1.5, ignoreIntrospection: true },
    blockFieldSuggestion: { enabled: limits.blockFieldSuggestions },
  }) as GatewayPlugin;
}

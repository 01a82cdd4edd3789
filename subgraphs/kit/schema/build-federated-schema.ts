import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { IRules } from 'graphql-shield';
import { buildSchema, createResolversMap, NonEmptyArray } from 'type-graphql';
import { accessLogResolvers, accessLogSdl, AccessLogOptions } from '../access-log/access-log.schema';
import { auditReadHooks } from '../access-log/audit-reads';
import { applyGuards } from '../access/permissions';
import { applyInputValidation } from './validate-inputs';

/** Federation 2.6: the first version with the authorization directives we use. */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@requiresScopes", "@inaccessible", "@tag"])`;

/**
 * The subscriptions (live notifications, kit/events/live.ts) each give their own `subscribe`: no topic is published,
 * and one asked for is a programming error.
 */
const NO_TOPICS = {
  publish: () => undefined,
  subscribe: (topic: string): AsyncIterable<unknown> => {
    throw new Error(`no pub/sub topics here (${topic}): give @Subscription a \`subscribe\``);
  },
};

export interface FederatedSchemaOptions {
  resolvers: NonEmptyArray<Function>;
  /** Types only referenced (entity stubs of other subgraphs) or not reachable from a resolver. */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type. */
  referenceResolvers?: GraphQLResolverMap<unknown>;
  /** Row rules of this subgraph, combined with the field rules the kit derives from @requiresScopes. */
  rowRules?: IRules;
  /** This subgraph's part of `Beneficiary.accessLog` (kit/access-log.schema.ts). */
  accessLog?: AccessLogOptions;
}

export interface FederatedSchema {
  /** The executable schema, shield applied. */
  schema: GraphQLSchema;
  /** The subgraph SDL, as composed into the supergraph. */
  sdl: string;
}

/**
 * type-graphql classes → Federation 2 subgraph schema (the recipe of type-graphql's apollo-federation-2 example),
 * then the guards: graphql-shield's rule map built from the schema's own @requiresScopes directives and
 * schema/policy.ts,
 * evaluated synchronously in one resolver wrapper per field (kit/permissions.ts), with the access log's read hook.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const base = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true, // entity stubs and federation directives are checked by buildSubgraphSchema and composition
    validate: false, // inputs are validated by the domain rules, which name the article they apply
    pubSub: NO_TOPICS, // type-graphql requires one for @Subscription; ours bring their own `subscribe`
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(base)}${options.accessLog ? accessLogSdl(options.accessLog) : ''}`;
  const resolvers = createResolversMap(base) as GraphQLResolverMap<unknown>;
  const personReference = (options.referenceResolvers?.Beneficiary as { __resolveReference?: never } | undefined)
    ?.__resolveReference;
  const extra = [
    options.referenceResolvers ?? {},
    options.accessLog ? accessLogResolvers(options.accessLog, personReference) : {},
  ];
  for (const part of extra) {
    for (const [typeName, typeResolvers] of Object.entries(part)) {
      resolvers[typeName] = { ...(resolvers[typeName] as object), ...(typeResolvers as object) };
    }
  }
  const subgraph = buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
  // Guard outermost (a denied field never runs), then the shape of a mutation's inputs (before any row is looked up),
  // then the resolver, then the access log's read recorder on its value.
  const schema = applyGuards(applyInputValidation(subgraph), options.rowRules ?? {}, auditReadHooks(subgraph));
  return { schema, sdl: printSubgraphSchema(subgraph) };
}

import {
  defaultFieldResolver,
  GraphQLError,
  GraphQLField,
  GraphQLFieldResolver,
  GraphQLSchema,
  isIntrospectionType,
  isObjectType,
  valueFromASTUntyped,
} from 'graphql';
import { allow, and, deny, rule } from 'graphql-shield';
import type { IOptions, IRules, ShieldRule } from 'graphql-shield/typings/types';
import { Domain, domainOfScope, domainScope, isPublicField, isTaggedPublic } from '../../../schema/policy';
import type { SubgraphContext } from '../server/context.type';
import { ErrorCode, forbiddenDomain, userError } from '../rules/errors';

const FIELD_NOT_CLASSIFIED = () =>
  userError(
    ErrorCode.FORBIDDEN,
    'Accès refusé : champ non classé. / Access denied: this field is not classified for release.',
  );

/** Federation's own entry points: reachable only with the gateway's signature, checked before execution. */
const FEDERATION_FIELDS: Record<string, string[]> = { Query: ['_entities', '_service'], _Service: ['sdl'] };

/** The field carries `@tag(name: "public")` in this subgraph's schema (kit `@Public()`). */
const taggedPublic = (field: GraphQLField<unknown, unknown>): boolean => isTaggedPublic(field.astNode);

/** The domain a field is classified in, read from its `@requiresScopes(scopes: [["domain:X"]])`. */
export function classifiedDomain(field: GraphQLField<unknown, unknown>): Domain | undefined {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'requiresScopes');
  const scopesArg = directive?.arguments?.find((a) => a.name.value === 'scopes');
  if (!scopesArg) return undefined;
  const scopes = valueFromASTUntyped(scopesArg.value) as string[][];
  const domains = scopes.flat().map(domainOfScope);
  if (domains.length !== 1 || !domains[0])
    throw new Error(`${field.name}: @requiresScopes must name exactly one domain scope`);
  return domains[0];
}

const domainRules = new Map<Domain, ShieldRule>();
/**
 * The caller's role holds this domain (schema/policy.md › Matrix, through schema/policy.ts), as a graphql-shield rule.
 */
export function hasDomain(domain: Domain): ShieldRule {
  let r = domainRules.get(domain);
  if (!r) {
    const scope = domainScope(domain);
    r = rule(`hasDomain:${domain}`, { cache: 'contextual' })((_parent, _args, ctx: SubgraphContext) =>
      ctx.caller.scopes.includes(scope) ? true : forbiddenDomain(domain),
    );
    domainRules.set(domain, r);
  }
  return r;
}

/**
 * An error thrown by a resolver or rule goes on as an error; one that is not an `Error` of this realm (a socket error
 * seen from jest's sandbox, a thrown string) is wrapped, keeping it as originalError for the error formatter (a lost
 * database connection → SERVICE_UNAVAILABLE).
 */
const asError = (err: unknown): Error =>
  err == null
    ? FIELD_NOT_CLASSIFIED()
    : err instanceof Error
      ? err
      : new GraphQLError(String((err as { message?: unknown })?.message ?? err), { originalError: err as Error });

/**
 * The rule map of a subgraph (graphql-shield vocabulary), derived from its schema: a classified field needs its
 * domain (`hasDomain`); a public field (schema/policy.ts: a root field, or one this schema tags `@tag(name: "public")`)
 * is `allow`ed; anything else falls to `deny`. A subgraph's row rules are added on top (`and`).
 */
export function buildRuleMap(schema: GraphQLSchema, rowRules: IRules = {}): Record<string, Record<string, ShieldRule>> {
  const map: Record<string, Record<string, ShieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const fields: Record<string, ShieldRule> = {};
    for (const field of Object.values(type.getFields())) {
      const domain = classifiedDomain(field);
      const base = domain
        ? hasDomain(domain)
        : isPublicField(type.name, taggedPublic(field)) || FEDERATION_FIELDS[type.name]?.includes(field.name)
          ? allow
          : undefined;
      if (!base) continue; // falls to the deny fallback
      const row = (rowRules as Record<string, Record<string, ShieldRule>>)[type.name]?.[field.name];
      fields[field.name] = row ? and(base, row) : base;
    }
    map[type.name] = fields;
  }
  return map;
}

/** What the access log does with a field's value once it is served (kit/audit-reads.ts); synchronous. */
export type ServedHook = (
  value: unknown,
  parent: unknown,
  ctx: object,
  info: Parameters<GraphQLFieldResolver<unknown, unknown>>[3],
) => void;

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  !!v && typeof (v as { then?: unknown }).then === 'function';

const SHIELD_OPTIONS = {
  fallbackRule: deny,
  fallbackError: () => FIELD_NOT_CLASSIFIED(),
  allowExternalErrors: false,
  debug: false,
  hashFunction: JSON.stringify,
} as unknown as IOptions;

/**
 * The guard of one field, from its rule in the map: `allow`, `deny` and `hasDomain` are decided synchronously before
 * the
 * resolver runs (no promise per field: a scalar field stays synchronous end to end); any other rule (a subgraph's row
 * rule) is evaluated by graphql-shield's own `rule.resolve`, as the shield did. Same answers as `shield(map,
 * { fallbackRule: deny })`: true → the resolver's value; false → FORBIDDEN "not classified"; an error → that error (a
 * denied domain: FORBIDDEN with `extensions.domain`); a resolver's error goes on as an error.
 */
function guardField(
  ruleOf: ShieldRule | undefined,
  resolve: GraphQLFieldResolver<unknown, object>,
  served?: ServedHook,
): GraphQLFieldResolver<unknown, object> {
  const run: GraphQLFieldResolver<unknown, object> = (parent, args, ctx, info) => {
    try {
      const value = resolve(parent, args, ctx, info);
      if (isThenable(value))
        return Promise.resolve(value)
          .then(served ? (v) => (served(v, parent, ctx, info), v) : undefined)
          .catch(asError);
      served?.(value, parent, ctx, info);
      return value;
    } catch (err) {
      return asError(err);
    }
  };
  if (ruleOf === undefined || ruleOf === deny) return () => FIELD_NOT_CLASSIFIED();
  if (ruleOf === allow) return run;
  for (const [domain, r] of domainRules) {
    if (r !== ruleOf) continue;
    const scope = domainScope(domain);
    return (parent, args, ctx, info) =>
      (ctx as SubgraphContext).caller.scopes.includes(scope) ? run(parent, args, ctx, info) : forbiddenDomain(domain);
  }
  return async (parent, args, ctx, info) => {
    const c = ctx as { _shield?: { cache: Record<string, unknown> } };
    if (!c._shield) c._shield = { cache: {} };
    try {
      const res = await (ruleOf as { resolve: (...a: unknown[]) => Promise<unknown> }).resolve(
        parent,
        args,
        ctx,
        info,
        SHIELD_OPTIONS,
      );
      if (res === true) return await run(parent, args, ctx, info);
      if (res === false) return FIELD_NOT_CLASSIFIED();
      return res;
    } catch (err) {
      return asError(err);
    }
  };
}

/**
 * Applies the subgraph's guards in place, one resolver wrapper per field of every object type: the rule map
 * (`buildRuleMap`) outermost, so that a denied field never runs, then the resolver, then `served` (the access log's
 * read recorder) on the value, for the fields it names (`Type.field`).
 */
export function applyGuards(
  schema: GraphQLSchema,
  rowRules: IRules = {},
  served: Map<string, ServedHook> = new Map(),
): GraphQLSchema {
  const map = buildRuleMap(schema, rowRules);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      field.resolve = guardField(
        map[type.name]?.[field.name],
        (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, object>,
        served.get(`${type.name}.${field.name}`),
      );
    }
  }
  return schema;
}

import { GraphQLError, GraphQLField, GraphQLSchema, isObjectType, valueFromASTUntyped } from 'graphql';
import { allow, and, deny, rule, shield } from 'graphql-shield';
import type { IRules, ShieldRule } from 'graphql-shield/typings/types';
import { Domain, domainOfScope, domainScope, isPublicField } from '../../schema/policy';
import type { SubgraphContext } from './context.type';
import { ErrorCode, forbiddenDomain, userError } from './errors';

const FIELD_NOT_CLASSIFIED = () => userError(ErrorCode.FORBIDDEN, 'Accès refusé : champ non classé. / Access denied: this field is not classified for release.');

/** Federation's own entry points: reachable only with the gateway's signature, checked before execution. */
const FEDERATION_FIELDS: Record<string, string[]> = { Query: ['_entities', '_service'], _Service: ['sdl'] };

/** The domain a field is classified in, read from its `@requiresScopes(scopes: [["domain:X"]])`. */
export function classifiedDomain(field: GraphQLField<unknown, unknown>): Domain | undefined {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'requiresScopes');
  const scopesArg = directive?.arguments?.find((a) => a.name.value === 'scopes');
  if (!scopesArg) return undefined;
  const scopes = valueFromASTUntyped(scopesArg.value) as string[][];
  const domains = scopes.flat().map(domainOfScope);
  if (domains.length !== 1 || !domains[0]) throw new Error(`${field.name}: @requiresScopes must name exactly one domain scope`);
  return domains[0];
}

const domainRules = new Map<Domain, ShieldRule>();
/** The caller's role holds this domain (policy.md matrix, through schema/policy.ts). */
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
 * The shield of a subgraph, derived from its schema: a classified field needs its domain; a public field
 * (schema/policy.ts) is allowed; anything else is denied. A subgraph's row rules are added on top (`and`).
 */
export function buildShield(schema: GraphQLSchema, rowRules: IRules) {
  const map: Record<string, Record<string, ShieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fields: Record<string, ShieldRule> = {};
    for (const field of Object.values(type.getFields())) {
      const domain = classifiedDomain(field);
      const base = domain ? hasDomain(domain) : isPublicField(type.name, field.name) || FEDERATION_FIELDS[type.name]?.includes(field.name) ? allow : undefined;
      if (!base) continue; // falls to the deny fallback
      const row = (rowRules as Record<string, Record<string, ShieldRule>>)[type.name]?.[field.name];
      fields[field.name] = row ? and(base, row) : base;
    }
    map[type.name] = fields;
  }
  return shield(map, {
    fallbackRule: deny,
    // A rule answering false: FORBIDDEN. An error thrown by a resolver or rule goes on as an error; one that is not an
    // `Error` of this realm (a socket error seen from jest's sandbox, a thrown string) would otherwise be *returned*
    // by the shield as the field's value ("Expected Iterable…"), so it is wrapped, keeping it as originalError for
    // the error formatter (a lost database connection → SERVICE_UNAVAILABLE).
    fallbackError: (err: unknown) =>
      err == null ? FIELD_NOT_CLASSIFIED() : err instanceof Error ? err : new GraphQLError(String((err as { message?: unknown })?.message ?? err), { originalError: err as Error }),
  });
}

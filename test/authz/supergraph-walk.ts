import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  valueFromASTUntyped,
  ConstDirectiveNode,
} from 'graphql';
import { Domain, domainOfScope } from '../../schema/policy';

/**
 * The supergraph as data for the authorization matrix: which fields are classified (and in which domain), which
 * subgraph serves each field, and the paths from the root entry points to every classified field. Generated from
 * schema/supergraph.graphql, so that fields added later are covered without editing the tests.
 */
export const supergraph: GraphQLSchema = buildSchema(
  readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8'),
  { assumeValidSDL: true },
);

const directives = (
  node: { astNode?: { directives?: readonly ConstDirectiveNode[] } | null } | undefined,
  name: string,
) => node?.astNode?.directives?.filter((d) => d.name.value === name) ?? [];
const argOf = (d: ConstDirectiveNode, name: string) => {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a ? valueFromASTUntyped(a.value) : undefined;
};

/** join__Graph enum value → subgraph name. */
const GRAPH_NAMES: Record<string, string> = Object.fromEntries(
  (
    supergraph.getType('join__Graph') as unknown as {
      getValues(): Array<{ name: string; astNode?: { directives?: readonly ConstDirectiveNode[] } }>;
    }
  )
    .getValues()
    .map((v) => [
      v.name,
      String(
        argOf(
          v.astNode!.directives!.find((d) => d.name.value === 'join__graph')!,
          'name',
        ),
      ),
    ]),
);

export function domainOf(field: GraphQLField<unknown, unknown>): Domain | undefined {
  const d = directives(field, 'requiresScopes')[0];
  if (!d) return undefined;
  const scopes = (argOf(d, 'scopes') as string[][]).flat();
  return domainOfScope(scopes[0]);
}

/** The subgraphs a type lives in. */
export function graphsOfType(type: GraphQLObjectType): string[] {
  return directives(type, 'join__type').map((d) => GRAPH_NAMES[String(argOf(d, 'graph'))]);
}

/** The subgraph serving `type.field` when the parent object came from `from` (shareable fields stay where they are). */
export function graphOfField(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, from?: string): string {
  const own = directives(field, 'join__field')
    .filter((d) => argOf(d, 'graph') !== undefined && !argOf(d, 'external'))
    .map((d) => GRAPH_NAMES[String(argOf(d, 'graph'))]);
  const candidates = own.length ? own : graphsOfType(type);
  return from && candidates.includes(from) ? from : candidates[0];
}

/** The entity types with their keys, per subgraph (`_entities` is what an attacker would enumerate). */
export function entityKeys(): Array<{ type: string; subgraph: string; key: string }> {
  const out: Array<{ type: string; subgraph: string; key: string }> = [];
  for (const type of Object.values(supergraph.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const d of directives(type, 'join__type')) {
      const key = argOf(d, 'key');
      if (typeof key === 'string' && argOf(d, 'resolvable') !== false)
        out.push({ type: type.name, subgraph: GRAPH_NAMES[String(argOf(d, 'graph'))], key });
    }
  }
  return out;
}

const isInternal = (name: string) =>
  name.startsWith('__') || name.startsWith('join__') || name.startsWith('link__') || name.startsWith('_');

/** Every classified field of the supergraph, as `Type.field`. */
export function classifiedFields(): Array<{ type: string; field: string; domain: Domain }> {
  const out: Array<{ type: string; field: string; domain: Domain }> = [];
  for (const type of Object.values(supergraph.getTypeMap())) {
    if (!isObjectType(type) || isInternal(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const domain = domainOf(field);
      if (domain) out.push({ type: type.name, field: field.name, domain });
    }
  }
  return out;
}

const today = new Date().toISOString().slice(0, 10);
/** A plausible literal for a required argument of a scalar or enum type; undefined when none can be made up. */
function literalFor(name: string, type: GraphQLInputType): string | undefined {
  const named = getNamedType(type);
  if (isListType(isNonNullType(type) ? type.ofType : type)) return undefined;
  if (isEnumType(named)) return named.getValues()[0]?.name;
  switch (named.name) {
    case 'Int':
    case 'Float':
    case 'Cents':
      return '1';
    case 'Boolean':
      return 'true';
    case 'ID':
      return '"00000000-0000-4000-8000-000000000001"';
    case 'LocalDate':
      return `"${today}"`;
    case 'Month':
      return `"${today.slice(0, 7)}"`;
    case 'String':
      return '"x"';
    default:
      return undefined;
  }
}

/**
 * The arguments a generated query writes for a field: its required arguments without default, made up from their
 * type (a field added later with such arguments is covered without editing the tests; the gateway's refusal does
 * not depend on them, and a made-up value at worst finds no row). Undefined when one cannot be made up.
 */
export function generatedArgs(field: GraphQLField<unknown, unknown>): string | undefined {
  const parts: string[] = [];
  for (const a of field.args) {
    if (!isNonNullType(a.type) || a.defaultValue !== undefined) continue;
    const literal = literalFor(a.name, a.type);
    if (literal === undefined) return undefined;
    parts.push(`${a.name}: ${literal}`);
  }
  return parts.join(', ');
}

/** Fields a generated query can select: every required argument can be made up. */
export const selectable = (field: GraphQLField<unknown, unknown>) => generatedArgs(field) !== undefined;

export interface Step {
  type: string;
  field: string;
  /** Arguments written in the query (entry points only). */
  args?: string;
  domain?: Domain;
  subgraph: string;
}

/** A path from a root entry point to a field; `crossed` when it went through another subgraph's entity. */
export interface Route {
  steps: Step[];
  crossed: boolean;
}

export interface EntryPoint {
  field: string;
  args?: string;
}

/**
 * Routes from the entry points to every field, at most `maxDepth` steps: for each (target, crossed), the shortest
 * route from each entry point, in the order of the entry points (the matrix tries them until one reaches rows).
 * `canPass(domain)` decides whether a classified intermediate field may be traversed (the matrix first looks for
 * routes whose intermediate fields the role holds, so that the decision observed is the target's own).
 */
export function routes(
  entries: EntryPoint[],
  canPass: (d: Domain | undefined) => boolean,
  maxDepth = 6,
): Map<string, Route[]> {
  const query = supergraph.getQueryType()!;
  const found = new Map<string, Route[]>();
  for (const entry of entries) {
    const field = query.getFields()[entry.field];
    if (!field) continue;
    const mine = new Set<string>();
    const seen = new Set<string>();
    const record = (route: Route) => {
      const last = route.steps[route.steps.length - 1];
      const key = `${last.type}.${last.field}|${route.crossed ? 'entity' : 'direct'}`;
      if (mine.has(key)) return;
      mine.add(key);
      found.set(key, [...(found.get(key) ?? []), route]);
    };
    const first: Route = {
      steps: [
        {
          type: query.name,
          field: field.name,
          args: entry.args,
          domain: domainOf(field),
          subgraph: graphOfField(query, field),
        },
      ],
      crossed: false,
    };
    record(first);
    let frontier: Route[] = [first];
    for (let depth = 1; depth < maxDepth && frontier.length; depth++) {
      const next: Route[] = [];
      for (const route of frontier) {
        const last = route.steps[route.steps.length - 1];
        if (last.domain && !canPass(last.domain)) continue; // a denied field's subtree is never planned
        const parentField = (supergraph.getType(last.type) as GraphQLObjectType).getFields()[last.field];
        const type = getNamedType(parentField.type);
        if (!isObjectType(type)) continue;
        for (const f of Object.values(type.getFields())) {
          if (!selectable(f)) continue;
          const subgraph = graphOfField(type, f, last.subgraph);
          const crossed = route.crossed || subgraph !== last.subgraph;
          const extended: Route = {
            steps: [
              ...route.steps,
              { type: type.name, field: f.name, args: generatedArgs(f) || undefined, domain: domainOf(f), subgraph },
            ],
            crossed,
          };
          record(extended);
          const stateKey = `${type.name}.${f.name}|${crossed}`;
          if (isObjectType(getNamedType(f.type)) && !seen.has(stateKey)) {
            seen.add(stateKey);
            next.push(extended);
          }
        }
      }
      frontier = next;
    }
  }
  return found;
}

/** The operation for a route: the path's fields nested, `__typename` under an object-typed target. */
export function operationFor(
  name: string,
  route: Route,
  wrap?: (selection: string, parentType: string) => { selection: string; fragments: string },
): string {
  const last = route.steps[route.steps.length - 1];
  const target = (supergraph.getType(last.type) as GraphQLObjectType).getFields()[last.field];
  const call = `${last.field}${last.args ? `(${last.args})` : ''}`;
  let selection = isObjectType(getNamedType(target.type)) ? `${call} { __typename }` : call;
  let fragments = '';
  if (wrap) ({ selection, fragments } = wrap(selection, last.type));
  for (let i = route.steps.length - 2; i >= 0; i--) {
    const s = route.steps[i];
    selection = `${s.field}${s.args ? `(${s.args})` : ''} { ${selection} }`;
  }
  return `query ${name} { ${selection} }${fragments}`;
}

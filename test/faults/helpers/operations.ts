import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLEnumType,
  GraphQLField,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from 'graphql';
import { readGatewayConfig } from '../../../gateway/env';

/**
 * Every operation of the supergraph that takes arguments (each mutation, each query with arguments), found in
 * schema/supergraph.graphql at run time: the bad-input suites pick up the subgraphs' mutations when they land.
 */
export interface Operation {
  kind: 'query' | 'mutation';
  name: string;
  /** The subgraph that owns the root field (join__field graph), lower case. */
  owner: string;
  args: readonly GraphQLArgument[];
  /** `{ __typename }` for a composite result, nothing for a scalar one: no classified field is read. */
  selection: string;
}

const SUPERGRAPH = join(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');

export function loadSupergraphOperations(path = SUPERGRAPH): Operation[] {
  const schema = buildSchema(readFileSync(path, 'utf8'), { assumeValidSDL: true });
  const ops: Operation[] = [];
  for (const [kind, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      if (field.name.startsWith('_') || (kind === 'query' && field.args.length === 0)) continue;
      // Not in the client API (service-to-service, e.g. the department's registry): the gateway refuses it before any
      // subgraph.
      if (field.astNode?.directives?.some((d) => d.name.value === 'inaccessible')) continue;
      const join = field.astNode?.directives?.find((d) => d.name.value === 'join__field');
      const graph = join?.arguments?.find((a) => a.name.value === 'graph')?.value;
      ops.push({
        kind,
        name: field.name,
        owner: graph && graph.kind === 'EnumValue' ? graph.value.toLowerCase() : 'unknown',
        args: field.args,
        selection: isCompositeType(getNamedType(field.type)) ? '{ __typename }' : '',
      });
    }
  }
  return ops;
}

/**
 * Fields with arguments below the root (e.g. `Lease.payments(last:)`), each reached from a root list query whose
 * arguments are all optional or defaulted, at most `maxDepth` fields down: an Operation whose `path` is the fields
 * to select on the way (no arguments on them) and whose `args` are the nested field's.
 */
export interface NestedOperation extends Operation {
  /** Root field first, the field with arguments last. */
  path: string[];
}

export function loadNestedArgumentFields(path = SUPERGRAPH, maxDepth = 3): NestedOperation[] {
  const schema = buildSchema(readFileSync(path, 'utf8'), { assumeValidSDL: true });
  const query = schema.getQueryType();
  if (!query) return [];
  const ownerOf = (field: GraphQLField<unknown, unknown>, typeName: string): string => {
    const graph = field.astNode?.directives
      ?.find((d) => d.name.value === 'join__field')
      ?.arguments?.find((a) => a.name.value === 'graph')?.value;
    if (graph && graph.kind === 'EnumValue') return graph.value.toLowerCase();
    const type = schema.getType(typeName);
    const join = type?.astNode?.directives
      ?.find((d) => d.name.value === 'join__type')
      ?.arguments?.find((a) => a.name.value === 'graph')?.value;
    return join && join.kind === 'EnumValue' ? join.value.toLowerCase() : 'unknown';
  };
  const found = new Map<string, NestedOperation>();
  const walk = (typeName: string, trail: string[], depth: number, seen: Set<string>) => {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type) || depth > maxDepth) return;
    for (const field of Object.values((type as import('graphql').GraphQLObjectType).getFields()) as GraphQLField<
      unknown,
      unknown
    >[]) {
      if (field.name.startsWith('_')) continue;
      const named = getNamedType(field.type);
      const composite = isCompositeType(named);
      if (field.args.length && depth > 0) {
        const key = `${typeName}.${field.name}`;
        // the shortest path wins: it goes through the root most callers reach (caseload rather than a partner's list)
        if (!found.has(key) || found.get(key)!.path.length > trail.length + 1)
          found.set(key, {
            kind: 'query',
            name: key,
            owner: ownerOf(field, typeName),
            args: field.args,
            selection: composite ? '{ __typename }' : '',
            path: [...trail, field.name],
          });
        continue;
      }
      if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
      if (composite && !seen.has(named.name))
        walk(named.name, [...trail, field.name], depth + 1, new Set([...seen, named.name]));
    }
  };
  walk(query.name, [], 0, new Set());
  return [...found.values()];
}

/** A document calling a nested field with one variable per argument, through its path. */
export function nestedDocumentFor(op: NestedOperation): string {
  const vars = op.args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const call = op.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const last = `${op.path[op.path.length - 1]}(${call}) ${op.selection}`;
  const body = op.path.slice(0, -1).reduceRight((inner, f) => `${f} { ${inner} }`, last);
  return `query Probe(${vars}) { ${body} }`;
}

/** The GraphQL type as written in a variable definition. */
export function typeString(type: GraphQLInputType): string {
  return String(type);
}

/** A document calling `op` with one variable per argument, named after it. */
export function documentFor(op: Operation, args: readonly GraphQLArgument[] = op.args): string {
  const vars = args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${op.kind} Probe${vars ? `(${vars})` : ''} { ${op.name}${call ? `(${call})` : ''} ${op.selection} }`;
}

// ---------------------------------------------------------------------------------------------------------------------
// Values. `valid*` gives a well-typed, plausible value (so that the other arguments pass while one is wrong);
// `badCases` gives the wrong ones, each with the class of answer it calls for.

export const MEGABYTE_STRING = 'x'.repeat(1_048_576);
/** The gateway's default limit on one string input (ARMOR_MAX_STRING_LENGTH), below its body limit. */
export const MAX_STRING_LENGTH = readGatewayConfig({ NODE_ENV: 'test' }).armour.maxStringLength;
/** One character over it: refused naming the field (the body is still under the body limit). */
export const OVER_LIMIT_STRING = 'x'.repeat(MAX_STRING_LENGTH + 1);
export const SQL_INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE department.beneficiary; --",
  '1; SELECT pg_sleep(5)--',
  "\\'; TRUNCATE access_log; --",
];
export const UNICODE_STRINGS = ['Ｚａｌｇｏ̸̢̛͉', '👩‍👩‍👧‍👦', '\u0000', '\uFEFF\u202E', 'é'.normalize('NFD'), '\uD800'];
export const BAD_MONTHS = ['2024-13', '24-01', '2024-00', '2024-1', '202401', '2024/01', '', 'janvier'];
export const BAD_DATES = [
  '2024-02-30',
  '2024-13-01',
  '24-01-01',
  '2024-1-1',
  '',
  'demain',
  '0000-00-00',
  '+275760-09-13',
];
/** Dates that parse but lie outside any plausible measure. */
export const FAR_DATES = ['1800-01-01', '9999-12-31'];
export const UNKNOWN_UUID = '00000000-0000-4000-8000-00000000dead';

export function validValue(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return validValue(type.ofType as GraphQLInputType, name);
  if (isListType(type)) return [validValue(type.ofType as GraphQLInputType, name)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type) || f.defaultValue === undefined)
        .map((f) => [f.name, validValue(f.type, f.name)]),
    );
  }
  switch ((type as GraphQLScalarType).name) {
    case 'ID':
      return UNKNOWN_UUID;
    case 'Int':
      return name === 'first' || name === 'last' ? 2 : name === 'year' ? 2025 : 1; // a year lies in 2000–2100
    case 'Cents':
      return 10_000;
    case 'Month':
      return '2025-01';
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'LocalDate':
      return '2025-01-15';
    case 'String':
      return 'valeur de test';
    default:
      return 'x';
  }
}

/**
 * `invalid`: the value must be refused with an error naming the argument (GraphQL validation of the variable, or
 * BAD_USER_INPUT with extensions.field); `unknown`: a well-formed value the server may not know (an id): a refusal
 * (FORBIDDEN/NOT_FOUND/BAD_USER_INPUT) or an empty answer; `either`: the server may accept it or refuse it naming the
 * argument (e.g. a 1 MB free text, a far date on a query); `clean`: served, or refused naming the argument, or
 * FORBIDDEN/NOT_FOUND (a random well-typed value) — never a 500, never "Unexpected error."; `oversized`: a body over
 * the gateway's body limit, refused whole before it is parsed (413 PAYLOAD_TOO_LARGE: no field can be named without
 * reading it), or refused naming the argument.
 */
export type Expectation = 'invalid' | 'unknown' | 'either' | 'clean' | 'oversized';
export interface BadCase {
  label: string;
  value: unknown;
  expect: Expectation;
  /** For a value inside an input object: the input field's path ("month", "period.start"). */
  field?: string;
}

function scalarCases(type: GraphQLScalarType | GraphQLEnumType, name: string, _kind: Operation['kind']): BadCase[] {
  const common: BadCase[] = [
    { label: 'an object', value: { $where: '1=1' }, expect: 'invalid' },
    { label: 'a float', value: 1.5, expect: 'invalid' },
  ];
  if (isEnumType(type)) {
    return [
      ...common,
      { label: 'an unknown enum value', value: 'NOT_A_VALUE', expect: 'invalid' },
      { label: 'a lower-case enum value', value: type.getValues()[0].name.toLowerCase(), expect: 'invalid' },
      { label: 'an enum as a number', value: 0, expect: 'invalid' },
      { label: 'an SQL injection', value: SQL_INJECTIONS[0], expect: 'invalid' },
    ];
  }
  switch (type.name) {
    case 'ID':
      return [
        ...common,
        { label: 'a boolean', value: true, expect: 'invalid' },
        { label: 'an unknown id', value: UNKNOWN_UUID, expect: 'unknown' },
        { label: 'a non-uuid id', value: 'not-a-uuid', expect: 'unknown' },
        { label: 'an empty id', value: '', expect: 'unknown' },
        { label: 'a numeric id', value: 42, expect: 'unknown' },
        ...SQL_INJECTIONS.map((v) => ({
          label: `an SQL injection ${JSON.stringify(v)}`,
          value: v,
          expect: 'unknown' as const,
        })),
        ...UNICODE_STRINGS.map((v) => ({
          label: `a unicode id ${JSON.stringify(v)}`,
          value: v,
          expect: 'unknown' as const,
        })),
        { label: `an id over ${MAX_STRING_LENGTH} characters`, value: OVER_LIMIT_STRING, expect: 'invalid' },
        { label: 'a 1 MB id', value: MEGABYTE_STRING, expect: 'oversized' },
      ];
    case 'Int':
      return [
        ...common,
        { label: 'a string', value: 'abc', expect: 'invalid' },
        { label: 'a numeric string', value: '12', expect: 'invalid' },
        { label: 'a boolean', value: true, expect: 'invalid' },
        { label: 'beyond 32 bits', value: 2 ** 31, expect: 'invalid' },
        { label: 'a huge number', value: 1e300, expect: 'invalid' },
        { label: 'negative', value: -1, expect: name === 'first' || name === 'last' ? 'invalid' : 'either' },
        { label: 'zero', value: 0, expect: name === 'first' || name === 'last' ? 'invalid' : 'either' },
        {
          label: 'the largest Int',
          value: 2 ** 31 - 1,
          expect: name === 'first' || name === 'last' ? 'invalid' : 'either',
        },
        {
          label: 'the smallest Int',
          value: -(2 ** 31),
          expect: name === 'first' || name === 'last' ? 'invalid' : 'either',
        },
      ];
    case 'Cents': // an Int on the wire, never negative
      return [
        ...common,
        { label: 'a string', value: 'abc', expect: 'invalid' },
        { label: 'a numeric string', value: '12', expect: 'invalid' },
        { label: 'a boolean', value: true, expect: 'invalid' },
        { label: 'beyond 32 bits', value: 2 ** 31, expect: 'invalid' },
        { label: 'a huge number', value: 1e300, expect: 'invalid' },
        { label: 'negative', value: -1, expect: 'invalid' },
        { label: 'the smallest Int', value: -(2 ** 31), expect: 'invalid' },
        { label: 'zero', value: 0, expect: 'either' },
        { label: 'the largest Int', value: 2 ** 31 - 1, expect: 'either' },
      ];
    case 'Month': // a String on the wire, YYYY-MM
      return [
        ...common,
        { label: 'a number', value: 12, expect: 'invalid' },
        { label: 'a boolean', value: true, expect: 'invalid' },
        ...BAD_MONTHS.map((v) => ({
          label: `a malformed month ${JSON.stringify(v)}`,
          value: v,
          expect: 'invalid' as const,
        })),
        { label: `a string over ${MAX_STRING_LENGTH} characters`, value: OVER_LIMIT_STRING, expect: 'invalid' },
        { label: 'a 1 MB string', value: MEGABYTE_STRING, expect: 'oversized' },
        ...[...SQL_INJECTIONS, ...UNICODE_STRINGS].map((v) => ({
          label: `not a month ${JSON.stringify(v)}`,
          value: v,
          expect: 'invalid' as const,
        })),
      ];
    case 'Float':
      return [
        { label: 'a string', value: 'abc', expect: 'invalid' },
        { label: 'a boolean', value: true, expect: 'invalid' },
      ];
    case 'Boolean':
      return [
        ...common,
        { label: 'a string', value: 'true', expect: 'invalid' },
        { label: 'a number', value: 1, expect: 'invalid' },
      ];
    case 'LocalDate':
      return [
        ...common.slice(0, 1),
        { label: 'a number', value: 20240101, expect: 'invalid' },
        ...BAD_DATES.map((v) => ({
          label: `a malformed date ${JSON.stringify(v)}`,
          value: v,
          expect: 'invalid' as const,
        })),
        // no measure, payment or contract has such a date: the type refuses it, in a mutation as in a query
        ...FAR_DATES.map((v) => ({ label: `an out-of-range date ${v}`, value: v, expect: 'invalid' as const })),
      ];
    case 'String':
      return [
        ...common,
        { label: 'a number', value: 12, expect: 'invalid' },
        { label: 'a boolean', value: true, expect: 'invalid' },
        { label: `a string over ${MAX_STRING_LENGTH} characters`, value: OVER_LIMIT_STRING, expect: 'invalid' },
        { label: 'a 1 MB string', value: MEGABYTE_STRING, expect: 'oversized' },
        ...SQL_INJECTIONS.map((v) => ({
          label: `an SQL injection ${JSON.stringify(v)}`,
          value: v,
          expect: 'either' as const,
        })),
        ...UNICODE_STRINGS.map((v) => ({ label: `unicode ${JSON.stringify(v)}`, value: v, expect: 'either' as const })),
      ];
    default:
      return [...common];
  }
}

/** The wrong values for one argument (recursing into input objects and lists), each with its expectation. */
export function badCases(
  type: GraphQLInputType,
  name: string,
  base?: unknown,
  kind: Operation['kind'] = 'query',
): BadCase[] {
  if (isNonNullType(type))
    return [
      { label: 'null for a required value', value: null, expect: 'invalid' },
      ...badCases(type.ofType as GraphQLInputType, name, base, kind),
    ];
  if (isListType(type)) {
    const inner = badCases(type.ofType as GraphQLInputType, name, Array.isArray(base) ? base[0] : undefined, kind);
    // a single value stands for a one-item list (GraphQL's input coercion); null stands for no list, valid for a
    // nullable one
    return [
      ...inner
        .filter((c) => c.expect === 'invalid')
        .map((c) => ({ ...c, label: `a list holding ${c.label}`, value: [c.value] })),
      ...inner.slice(0, 3).filter((c) => c.value !== null),
    ];
  }
  if (isInputObjectType(type)) {
    const valid = (base && typeof base === 'object' ? base : validValue(type, name)) as Record<string, unknown>;
    const cases: BadCase[] = [
      { label: 'a string for an input object', value: 'oops', expect: 'invalid' },
      { label: 'an unknown input field', value: { ...valid, notAField: 1 }, expect: 'invalid' },
    ];
    for (const field of Object.values((type as GraphQLInputObjectType).getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) {
        // a field with a default may be left out
        const { [field.name]: _omit, ...rest } = valid;
        cases.push({ label: `${field.name} missing`, value: rest, expect: 'invalid', field: field.name });
      }
      for (const c of badCases(field.type, field.name, valid[field.name], kind))
        cases.push({
          ...c,
          label: `${field.name}: ${c.label}`,
          value: { ...valid, [field.name]: c.value },
          field: c.field ? `${field.name}.${c.field}` : field.name,
        });
    }
    return cases;
  }
  return scalarCases(type as GraphQLScalarType, name, kind);
}

export function isListOrNonNull(
  type: GraphQLInputType,
): type is GraphQLList<GraphQLInputType> | GraphQLNonNull<GraphQLInputType> {
  return isListType(type) || isNonNullType(type);
}

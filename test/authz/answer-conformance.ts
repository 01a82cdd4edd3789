import {
  DocumentNode,
  FragmentDefinitionNode,
  getNullableType,
  GraphQLCompositeType,
  GraphQLOutputType,
  GraphQLSchema,
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/**
 * Where an answer's `data` breaks the schema for the operation that was asked, as a typed client (generated code)
 * would trip on it: a selected field missing or one not selected, null at a non-null position, a list that is not an
 * array or an object that is, a scalar of the wrong kind, an enum value the schema does not have. Walks the
 * operation's selection set over the answer, written apart from the gateway (which lets graphql-js re-derive its
 * answers) so that it judges them instead of repeating them. Empty when the answer conforms.
 * Covers what the matrix's operations use: fields, aliases, inline fragments and named fragments (no @skip/@include).
 */
export function nonConformities(schema: GraphQLSchema, document: DocumentNode, data: unknown): string[] {
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const root = schema.getRootType(operation.operation)!;
  const out: string[] = [];
  const at = (path: ReadonlyArray<string | number>) => path.join('.') || '(data)';

  /** The (response key, field name, selection set) pairs that apply to an object of `typeName`, merged by key. */
  function fieldsOf(
    selectionSet: SelectionSetNode,
    typeName: string,
    into = new Map<string, { name: string; sets: SelectionSetNode[] }>(),
  ) {
    for (const s of selectionSet.selections) {
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        const entry = into.get(key) ?? { name: s.name.value, sets: [] };
        if (s.selectionSet) entry.sets.push(s.selectionSet);
        into.set(key, entry);
      } else {
        const fragment = s.kind === Kind.INLINE_FRAGMENT ? s : fragments.get(s.name.value)!;
        const condition = fragment.typeCondition?.name.value;
        if (!condition || condition === typeName || appliesTo(condition, typeName))
          fieldsOf(fragment.selectionSet, typeName, into);
      }
    }
    return into;
  }
  const appliesTo = (condition: string, typeName: string) => {
    const type = schema.getType(condition);
    const object = schema.getType(typeName);
    return !!type && isAbstractType(type) && isObjectType(object) && schema.isSubType(type, object);
  };

  function object(type: GraphQLCompositeType, sets: SelectionSetNode[], value: unknown, path: Array<string | number>) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      out.push(`${at(path)}: ${type.name} expected, got ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`);
      return;
    }
    const record = value as Record<string, unknown>;
    let concrete = type;
    if (isAbstractType(type)) {
      const named = schema.getType(String(record.__typename));
      if (!isObjectType(named) || !schema.isSubType(type, named)) {
        out.push(`${at(path)}: no concrete type of ${type.name} (__typename ${JSON.stringify(record.__typename)})`);
        return;
      }
      concrete = named;
    }
    const selected = new Map<string, { name: string; sets: SelectionSetNode[] }>();
    for (const set of sets) fieldsOf(set, concrete.name, selected);
    for (const key of Object.keys(record))
      if (!selected.has(key)) out.push(`${at([...path, key])}: not selected, yet in the answer`);
    for (const [key, { name, sets: childSets }] of selected) {
      if (!(key in record)) {
        out.push(`${at([...path, key])}: selected, missing from the answer`);
        continue;
      }
      if (name === '__typename') {
        if (record[key] !== concrete.name)
          out.push(`${at([...path, key])}: __typename ${JSON.stringify(record[key])} on a ${concrete.name}`);
        continue;
      }
      const field = isObjectType(concrete) ? concrete.getFields()[name] : undefined;
      if (!field) {
        out.push(`${at([...path, key])}: ${concrete.name} has no field ${name}`);
        continue;
      }
      check(field.type, childSets, record[key], [...path, key]);
    }
  }

  function check(type: GraphQLOutputType, sets: SelectionSetNode[], value: unknown, path: Array<string | number>) {
    if (value === null || value === undefined) {
      if (isNonNullType(type)) out.push(`${at(path)}: null at a non-null ${String(type)}`);
      return;
    }
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (!Array.isArray(value)) out.push(`${at(path)}: ${String(type)} expected, got ${JSON.stringify(value)}`);
      else value.forEach((item, i) => check(nullable.ofType, sets, item, [...path, i]));
    } else if (isEnumType(nullable)) {
      if (typeof value !== 'string' || !nullable.getValue(value))
        out.push(`${at(path)}: ${JSON.stringify(value)} is not a value of ${nullable.name}`);
    } else if (isScalarType(nullable)) {
      const ok =
        nullable.name === 'Int'
          ? Number.isInteger(value)
          : nullable.name === 'Float'
            ? typeof value === 'number'
            : nullable.name === 'Boolean'
              ? typeof value === 'boolean'
              : nullable.name === 'String'
                ? typeof value === 'string'
                : nullable.name === 'ID'
                  ? typeof value === 'string' || Number.isInteger(value)
                  : typeof value !== 'object'; // a custom scalar (LocalDate, Month, Cents…): a JSON leaf
      if (!ok) out.push(`${at(path)}: ${JSON.stringify(value)} is not a ${nullable.name}`);
    } else {
      object(nullable, sets, value, path);
    }
  }

  if (data === null) return out; // an error reached the root: nothing to conform
  object(root, [operation.selectionSet], data, []);
  return out;
}

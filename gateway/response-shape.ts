import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import {
  DocumentNode,
  executeSync,
  FieldNode,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLTypeResolver,
  isNonNullType,
  isSpecifiedScalarType,
  responsePathAsArray,
} from 'graphql';

/** The refusals of the policy filter, per execution (its `args`), with the operation as the client asked it. */
const refusalsOf = new WeakMap<object, { asked: AskedOperation; refusals: readonly GraphQLError[] }>();

/**
 * Tells `useConformantAnswers` which fields the policy filter refused in this execution (`args`, the runtime's
 * execution arguments), and the client's operation before the filter pruned it (gateway/policy/field-filter.ts).
 */
export function noteRefusals(args: object, asked: AskedOperation, refusals: readonly GraphQLError[]): void {
  refusalsOf.set(args, { asked, refusals });
}

/**
 * Every answer conforms to the client-visible schema, whatever went wrong on the way: with a refusal or an error (the
 * runtime leaves a subgraph's refused or failed entity null even where the schema says non-null), the answer is
 * re-derived by `conformAnswer` (graphql-js's null propagation, refusals at their paths). An answer without errors is
 * left as it is. Then an executed operation whose error reached the root answers `data: null` (GraphQL spec,
 * "Response": the data entry is null when an execution error prevented a result), as the JS planner always did: the
 * Rust planner's executor leaves `data` out. A request refused before execution (parse, validation) has no `data`
 * entry: that path never reaches this hook. Last of the plugins: it sees the answer every other one has shaped.
 */
export function useConformantAnswers(): GatewayPlugin {
  /** One answer made the client's operation's (see above); the same object when nothing is to change. */
  const conform = (args: ExecutedArgs, result: Answer): Answer => {
    let r = result;
    const noted = refusalsOf.get(args);
    if (noted || r.errors?.length) {
      const asked = noted?.asked ?? {
        schema: args.schema,
        document: args.document,
        operationName: args.operationName,
        variableValues: args.variableValues as Record<string, unknown> | undefined,
      };
      r = conformAnswer(asked, r, noted?.refusals ?? []);
    }
    if (r.data === undefined && r.errors?.length) r = { ...r, data: null };
    return r;
  };
  return {
    onExecute({ args }) {
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const r = conform(args as ExecutedArgs, result as Answer);
          if (r !== result) setResult(r as never);
        },
      };
    },
    // A subscription (live notifications): each result of the stream, as a query's answer, refusals in place.
    onSubscribe({ args }) {
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in Object(result))) {
            const r = conform(args as ExecutedArgs, result as Answer);
            if (r !== result) setResult(r as never);
            return undefined;
          }
          return {
            onNext({ result: item, setResult: setItem }) {
              const r = conform(args as ExecutedArgs, item as Answer);
              if (r !== item) setItem(r as never);
            },
          };
        },
      };
    },
  };
}

/** The execution arguments the runtime hands onExecute and onSubscribe (the parts conformAnswer reads). */
type ExecutedArgs = {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: unknown;
};

/** The answer of an executed operation, as the runtime hands it to onExecuteDone. */
export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLError[];
  extensions?: Record<string, unknown>;
}

/** What the operation was: the client's document (before the policy filter pruned it), and how it was called. */
export interface AskedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

/** A null the runtime's answer already explains by an error at or below its path: no second error for it. */
class Explained extends Error {}

const answerSchemas = new WeakMap<GraphQLSchema, GraphQLSchema>();
/**
 * The client-visible schema with nothing left to run: no resolver (fields read the answer), custom scalars passing
 * their already-serialised values through, abstract types resolved by `__typename`.
 */
function answerSchemaOf(schema: GraphQLSchema): GraphQLSchema {
  let plain = answerSchemas.get(schema);
  if (!plain) {
    plain = mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (config) => ({ ...config, resolve: undefined, subscribe: undefined }),
      [MapperKind.SCALAR_TYPE]: (type) =>
        isSpecifiedScalarType(type)
          ? type
          : new GraphQLScalarType({ name: type.name, description: type.description, astNode: type.astNode }),
    });
    answerSchemas.set(schema, plain);
  }
  return plain;
}

const pathKey = (path: ReadonlyArray<string | number>) => path.join('\u0000');

/**
 * The answer to the operation the client asked, from the answer to the one the gateway executed (the policy filter's
 * pruning, gateway/policy/field-filter.ts) and the fields it refused, as GraphQL's own execution would give it:
 * graphql-js executes the client's document over the answer, each field reading its value there, each refused field
 * raising its FORBIDDEN error. So null propagation is graphql-js's: a refused nullable field is null, a refused
 * non-null field nulls its parent up to the nearest nullable position, a list stays a list (one error per item, at
 * its path with indices), an object the runtime answered null stays null. A refusal the answer never reached (its
 * parent is null, a list on the way is empty) is still reported once, at the field's path without list indices, so
 * that the caller learns the domain it lacks. The runtime's own errors are kept as they are.
 */
export function conformAnswer(asked: AskedOperation, answer: Answer, refusals: readonly GraphQLError[]): Answer {
  const previous = answer.errors ?? [];
  const unconformed = { ...answer, errors: [...previous, ...refusals] };
  if (answer.data == null) return unconformed;
  const byNode = new Map<FieldNode, GraphQLError>();
  for (const refusal of refusals) for (const node of refusal.nodes ?? []) byNode.set(node as FieldNode, refusal);
  const explained = previous.filter((e) => e.path?.length).map((e) => pathKey(e.path!));
  const reached = new Set<GraphQLError>();
  const fieldResolver: GraphQLFieldResolver<Record<string, unknown> | null, unknown> = (parent, _args, _ctx, info) => {
    for (const node of info.fieldNodes) {
      const refusal = byNode.get(node);
      if (refusal) {
        reached.add(refusal);
        return new GraphQLError(refusal.message, { extensions: refusal.extensions });
      }
    }
    const value = parent?.[info.path.key as string] ?? null;
    if (value === null && isNonNullType(info.returnType)) {
      const here = pathKey(responsePathAsArray(info.path));
      // an error at this path, below it, or at an object around it (an entity the runtime could not complete)
      if (explained.some((p) => p === here || p.startsWith(`${here}\u0000`) || here.startsWith(`${p}\u0000`)))
        return new Explained();
    }
    return value;
  };
  const typeResolver: GraphQLTypeResolver<Record<string, unknown>, unknown> = (value, _ctx, info, abstractType) =>
    typeof value?.__typename === 'string'
      ? value.__typename
      : info.schema.getPossibleTypes(abstractType).length === 1
        ? info.schema.getPossibleTypes(abstractType)[0].name
        : undefined;
  const conformed = executeSync({
    schema: answerSchemaOf(asked.schema),
    document: asked.document,
    operationName: asked.operationName ?? undefined,
    variableValues: asked.variableValues ?? undefined,
    rootValue: answer.data,
    fieldResolver,
    typeResolver,
  });
  if (conformed.data === undefined) return unconformed; // the variables did not coerce again: cannot happen once run
  const raised = (conformed.errors ?? []).filter((e) => !(e.originalError instanceof Explained));
  return {
    ...answer,
    data: conformed.data,
    errors: [...previous, ...raised, ...refusals.filter((r) => !reached.has(r))],
  };
}

import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { ExecutionResult, DocumentNode, getOperationAST, GraphQLError, GraphQLSchema, Kind, visit } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';

const refusal = (field: string, max: number) =>
  new GraphQLError(
    `« ${field} » dépasse la longueur maximale de ${max} caractères. / "${field}" exceeds the maximum length of ${max} characters.`,
    { extensions: { code: 'BAD_USER_INPUT', field } },
  );

/** The path of the first string longer than `max` in a variable's value ("input.note", "ids.3"), if any. */
function tooLong(value: unknown, path: string, max: number): string | undefined {
  if (typeof value === 'string') return value.length > max ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = tooLong(value[i], `${path}.${i}`, max);
      if (p) return p;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const p = tooLong(v, `${path}.${k}`, max);
      if (p) return p;
    }
  }
  return undefined;
}

/** The first inline string literal longer than `max` in a document ("input.note"), remembered per parsed document. */
function longLiteralOf(max: number): (document: DocumentNode) => string | undefined {
  const memo = new WeakMap<DocumentNode, string | null>();
  return (document) => {
    let found = memo.get(document);
    if (found === undefined) {
      let literal: string | undefined;
      const names: string[] = [];
      visit(document, {
        Argument: { enter: (n) => void names.push(n.name.value), leave: () => void names.pop() },
        ObjectField: { enter: (n) => void names.push(n.name.value), leave: () => void names.pop() },
        StringValue(n) {
          if (!literal && n.value.length > max) literal = names.join('.') || Kind.STRING;
        },
      });
      memo.set(document, (found = literal ?? null));
    }
    return found ?? undefined;
  };
}

/**
 * A variable graphql-js cannot coerce ("Variable "$first" got invalid value…"): BAD_USER_INPUT naming the variable,
 * HTTP 400 (a request error, GraphQL over HTTP).
 */
const withInputCode = (e: GraphQLError) => {
  const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(e.message)?.[1];
  return variable && !e.extensions?.code
    ? new GraphQLError(e.message, {
        nodes: e.nodes,
        extensions: { ...e.extensions, code: 'BAD_USER_INPUT', field: variable, http: { status: 400 } },
      })
    : e;
};

/**
 * Refuses, before planning, any string input (variable or inline literal) longer than `maxStringLength`, with
 * BAD_USER_INPUT naming the argument or input field. Without it a 1 MB id passes GraphQL validation (ID takes any
 * string) and reaches a subgraph, whose body limit then refuses the whole subgraph call. Also coerces the variables
 * with graphql-js before planning: a wrong type, an unknown enum value or a missing required value is refused with
 * BAD_USER_INPUT and `field` (the variable, named after its argument by convention), whichever query planner runs
 * (the Rust planner's executor throws these errors without a code, past the runtime's result hooks).
 */
export function useInputLimits(opts: { maxStringLength: number }): GatewayPlugin {
  const max = opts.maxStringLength;
  const longLiteral = longLiteralOf(max);
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: Parameters<NonNullable<GatewayPlugin['onExecute']>>[0]['args'];
    setResultAndStopExecution: (result: ExecutionResult) => void;
  }) => {
    for (const [name, value] of Object.entries(args.variableValues ?? {})) {
      const path = tooLong(value, name, max);
      if (path) return setResultAndStopExecution({ errors: [refusal(path, max)] });
    }
    const literal = longLiteral(args.document);
    if (literal) return setResultAndStopExecution({ errors: [refusal(literal, max)] });
    const definitions = getOperationAST(args.document, args.operationName)?.variableDefinitions;
    if (definitions?.length) {
      const coerced = getVariableValues(
        args.schema as GraphQLSchema,
        definitions,
        (args.variableValues ?? {}) as Record<string, unknown>,
        { maxErrors: 50 },
      );
      if (coerced.errors) return setResultAndStopExecution({ errors: coerced.errors.map(withInputCode), data: null });
    }
    return undefined;
  };
  return {
    onExecute: check,
    // a subscription's variables and literals (live notifications' `after`) are bounded the same way
    onSubscribe: check,
  };
}

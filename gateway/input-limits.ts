import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, Kind, visit } from 'graphql';

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

/**
 * Refuses, before planning, any string input (variable or inline literal) longer than `maxStringLength`, with
 * BAD_USER_INPUT naming the argument or input field. Without it a 1 MB id passes GraphQL validation (ID takes any
 * string) and reaches a subgraph, whose body limit then refuses the whole subgraph call. Also gives the variable
 * coercion errors of graphql-js (wrong type, unknown enum value, missing required value) code BAD_USER_INPUT and
 * `field` (the variable, named after its argument by convention).
 */
export function useInputLimits(opts: { maxStringLength: number }): GatewayPlugin {
  const max = opts.maxStringLength;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      for (const [name, value] of Object.entries(args.variableValues ?? {})) {
        const path = tooLong(value, name, max);
        if (path) return setResultAndStopExecution({ errors: [refusal(path, max)] });
      }
      let literal: string | undefined;
      const names: string[] = [];
      visit(args.document, {
        Argument: { enter: (n) => void names.push(n.name.value), leave: () => void names.pop() },
        ObjectField: { enter: (n) => void names.push(n.name.value), leave: () => void names.pop() },
        StringValue(n) {
          if (!literal && n.value.length > max) literal = names.join('.') || Kind.STRING;
        },
      });
      if (literal) return setResultAndStopExecution({ errors: [refusal(literal, max)] });
      return {
        onExecuteDone({ result }) {
          // A variable the schema cannot coerce ("Variable "$first" got invalid value…") comes without a code: give it
          // the input error's code and the argument's name, like the subgraphs' BAD_USER_INPUT.
          if (Symbol.asyncIterator in Object(result)) return;
          for (const e of (result as { errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }).errors ?? []) {
            const variable = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(e.message)?.[1];
            if (variable && e.extensions && !e.extensions.code) Object.assign(e.extensions, { code: 'BAD_USER_INPUT', field: variable });
          }
        },
      };
    },
  };
}

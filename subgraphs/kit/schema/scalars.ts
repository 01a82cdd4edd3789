import {
  BREAK,
  GraphQLError,
  GraphQLInt,
  GraphQLScalarType,
  GraphQLString,
  Kind,
  parse,
  visit,
  type ASTNode,
  type ValueNode,
} from 'graphql';
import { GraphQLLocalDate as LibraryLocalDate } from 'graphql-scalars';
import { isMonth } from '../rules/calendar';
import { ErrorCode } from '../rules/errors';

/**
 * The contract's own scalars: a value of the wrong shape is refused by its type, before any resolver runs, and
 * wherever the type appears (argument, input field, list item), so no rule has to guess a month or an amount from a
 * field's name. Their wire format is the built-in type they refine (a Month and a LocalDate are strings, Cents an Int):
 * a value of the wrong JSON type gets that type's own message.
 *
 * A scalar does not know the field it fills: it throws a TypeRefusal, and the error formatter names the field
 * (`refusalAnswer`), so the answer is BAD_USER_INPUT, `extensions.field` and « field » … / "field" … as every other
 * input refusal.
 */

/** No measure, payment or contract is dated outside this range. */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';

/** What a value of a contract scalar must be, in both languages; the field is named once known. */
export class TypeRefusal extends Error {
  constructor(
    readonly fr: string,
    readonly en: string,
  ) {
    super(`${fr} / ${en}`);
  }
}

function refuse(fr: string, en: string): never {
  const refusal = new TypeRefusal(fr, en);
  throw new GraphQLError(refusal.message, { extensions: { code: ErrorCode.BAD_USER_INPUT }, originalError: refusal });
}

/** The TypeRefusal behind an error (a coercion error wraps the scalar's own), if any. */
function typeRefusalOf(error: unknown): TypeRefusal | undefined {
  for (
    let e = error as { originalError?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.originalError as typeof e, depth++
  ) {
    if (e instanceof TypeRefusal) return e;
  }
  return undefined;
}

/**
 * Where in the request the refused value sits, named as kit/validate-inputs.ts and the domain rules name a field:
 * below an `input` argument its path (`month`, `lines.amountCents`), else the argument and the path below it
 * (`items.receivedOn`, `month`). Found in the request's own text: a variable by the argument it is passed to (the
 * client's `$m` for `month:` is `month`), an inline literal by its position. `below` is the path graphql-js reports
 * inside a variable's value.
 */
function fieldOf(body: string, at: (node: ASTNode) => boolean, below: string[]): string | undefined {
  let document;
  try {
    document = parse(body);
  } catch {
    return undefined;
  }
  const names: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    enter(node) {
      if (found) return BREAK;
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.push(node.name.value);
      else if (names.length && at(node)) found = [...names];
      return undefined;
    },
    leave(node) {
      if (node.kind === Kind.ARGUMENT || node.kind === Kind.OBJECT_FIELD) names.pop();
    },
  });
  if (!found?.length) return undefined;
  const [arg, ...rest] = [...found, ...below];
  return arg === 'input' && rest.length ? rest.join('.') : [arg, ...rest].join('.');
}

/**
 * The variable a graphql-js coercion error is about, and the path it reports inside the variable's value
 * ("Variable "$_op_input" got invalid value … at "_op_input.writtenOn"" → `_op_input`, `_op_input.writtenOn`).
 */
export function coercionOf(message: string): { variable: string; at?: string } | undefined {
  const m =
    /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value .*? at "([^"]+)"/s.exec(message) ??
    /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" got invalid value/s.exec(message);
  return m ? { variable: m[1], at: m[2] } : undefined;
}

/**
 * A contract scalar's refusal (a month 2025-13, a negative amount, a date in 1800), as the caller is told:
 * BAD_USER_INPUT naming the field, « month » doit être … / "month" must be …, whether the value came in a variable
 * (a coercion error) or inline (a validation error); undefined for any other error.
 */
export function refusalAnswer(error: unknown): { field: string; message: string } | undefined {
  const refusal = typeRefusalOf(error);
  const e = error as GraphQLError;
  const body = e?.source?.body;
  if (!refusal || !body) return undefined;
  const variable = coercionOf(e.message);
  const field = variable
    ? fieldOf(
        body,
        (n) => n.kind === Kind.VARIABLE && n.name.value === variable.variable,
        (variable.at ?? '')
          .replace(/\[\d+\]/g, '')
          .split('.')
          .slice(1),
      )
    : fieldOf(body, (n) => n.loc?.start === e.positions?.[0] && n.kind !== Kind.VARIABLE, []);
  return field ? { field, message: `« ${field} » ${refusal.fr} / "${field}" ${refusal.en}` } : undefined;
}

/** A scalar refining a built-in one: same wire format and type errors, then `check` on the value. */
function refined<T>(
  name: string,
  description: string,
  base: GraphQLScalarType<T, T>,
  check: (value: T) => void,
): GraphQLScalarType<T, T> {
  return new GraphQLScalarType<T, T>({
    name,
    description,
    serialize: (value) => base.serialize(value),
    parseValue(value) {
      const parsed = base.parseValue(value);
      check(parsed);
      return parsed;
    },
    parseLiteral(ast: ValueNode, variables) {
      try {
        // the library's own refusal too (an object literal where a date goes): a top-level argument has no input
        // object around it to carry the location
        const parsed = base.parseLiteral(ast, variables);
        check(parsed);
        return parsed;
      } catch (e) {
        // located at the literal, so that the field it fills can be named
        throw e instanceof GraphQLError
          ? new GraphQLError(e.message, { nodes: ast, extensions: e.extensions, originalError: e.originalError })
          : e;
      }
    },
    extensions: base.extensions,
  });
}

/** A month `YYYY-MM` (01 to 12), e.g. a rent month or a budget plan's month. */
export const GraphQLMonth = refined<string>(
  'Month',
  'A calendar month, `YYYY-MM` (months 01 to 12), e.g. `2025-03`.',
  GraphQLString,
  (value) => {
    if (!isMonth(value)) refuse('doit être un mois AAAA-MM (ex. 2025-03).', 'must be a month YYYY-MM (e.g. 2025-03).');
  },
);

/** An amount in euro cents: a whole, non-negative number (each rule says when it must be more than zero). */
export const GraphQLCents = refined<number>(
  'Cents',
  'An amount in euro cents: a whole number, not negative (e.g. `42500` for €425.00).',
  GraphQLInt,
  (value) => {
    if (value < 0)
      refuse('est un montant en centimes, entier et positif.', 'is an amount in cents, a non-negative integer.');
  },
);

const LOCAL_DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * graphql-scalars' LocalDate (`YYYY-MM-DD`, a real calendar day), within [MIN_DATE, MAX_DATE]. A date served is the
 * string PostgreSQL sent for a `date` column (kit/db/loaders.ts keeps it so), already a calendar day: served as it is
 * once its shape is checked, without the library's Date round trip per value (issue 21 §4); anything else (a Date, a
 * malformed string) goes through the library's serialisation as before. Input is parsed and checked as before.
 */
const checkedLocalDate = refined<string>(
  'LocalDate',
  LibraryLocalDate.description ?? '',
  LibraryLocalDate as GraphQLScalarType<string, string>,
  (value) => {
    if (value < MIN_DATE || value > MAX_DATE)
      refuse(
        `doit être une date entre ${MIN_DATE} et ${MAX_DATE}.`,
        `must be a date between ${MIN_DATE} and ${MAX_DATE}.`,
      );
  },
);
export const GraphQLLocalDate = new GraphQLScalarType<string, string>({
  ...checkedLocalDate.toConfig(),
  serialize: (value) =>
    typeof value === 'string' && LOCAL_DATE_SHAPE.test(value) ? value : checkedLocalDate.serialize(value),
});

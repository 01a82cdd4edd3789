import {
  defaultFieldResolver,
  getNamedType,
  GraphQLFieldResolver,
  GraphQLInputType,
  GraphQLSchema,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { ErrorCode, userError } from '../rules/errors';

/**
 * The shape and range of a mutation's inputs, checked BEFORE its resolver looks any row up or checks reach (issue 9):
 * these rules depend on no data, so refusing a bad value first (BAD_USER_INPUT naming the field in
 * `extensions.field`) tells the caller nothing about the rows, and a caller never gets FORBIDDEN for what is in fact
 * a malformed input. Data-dependent rules (a term against the existing contract, a month not yet begun…) stay in the
 * domain rules, after reach.
 *
 * A month, an amount in cents and a date are checked by their types (kit/schema/scalars.ts: Month, Cents, LocalDate),
 * wherever they appear. What is left here is by type too, so a new mutation is covered without code: a `String` holds
 * at most MAX_TEXT_LENGTH characters, no NUL character and no lone surrogate (PostgreSQL refuses both: the answer
 * would otherwise be an internal error).
 */
export const MAX_TEXT_LENGTH = 20_000;
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function bad(field: string, fr: string, en: string) {
  return userError(ErrorCode.BAD_USER_INPUT, `« ${field} » ${fr} / "${field}" ${en}`, { field });
}

/** The value's problem, as a GraphQLError naming `field`, or undefined. */
function check(value: unknown, type: GraphQLInputType, field: string): Error | undefined {
  if (value === null || value === undefined) return undefined; // GraphQL's own coercion has checked nullability
  if (isNonNullType(type)) return check(value, type.ofType as GraphQLInputType, field);
  if (isListType(type)) {
    if (!Array.isArray(value)) return check(value, type.ofType as GraphQLInputType, field);
    for (const item of value) {
      const e = check(item, type.ofType as GraphQLInputType, field);
      if (e) return e;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    const v = value as Record<string, unknown>;
    for (const f of Object.values(type.getFields())) {
      const e = check(v[f.name], f.type, field ? `${field}.${f.name}` : f.name);
      if (e) return e;
    }
    return undefined;
  }
  const named = getNamedType(type);
  if (!isScalarType(named) || named.name !== 'String' || typeof value !== 'string') return undefined;
  if (value.length > MAX_TEXT_LENGTH)
    return bad(field, `dépasse ${MAX_TEXT_LENGTH} caractères.`, `is longer than ${MAX_TEXT_LENGTH} characters.`);
  if (UNSTORABLE.test(value))
    return bad(
      field,
      'contient un caractère invalide (NUL ou substitut isolé).',
      'holds an invalid character (NUL or lone surrogate).',
    );
  return undefined;
}

/**
 * Wraps every mutation of a subgraph (in place; the guards wrap it in turn, so it runs inside them and outside the
 * resolver). The field named is the input field's path below an `input` argument (`month`, `lines.amountCents`), or
 * the argument's name with the path below it for any other argument (`items.receivedCents`), as the domain rules
 * already name them.
 */
export function applyInputValidation(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  if (!mutation) return schema;
  for (const field of Object.values(mutation.getFields())) {
    if (!field.args.length) continue;
    const resolve = (field.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, unknown>;
    field.resolve = (parent, args: Record<string, unknown>, ctx, info) => {
      for (const arg of field.args) {
        const e = check(args[arg.name], arg.type, arg.name === 'input' ? '' : arg.name);
        if (e) throw e;
      }
      return resolve(parent, args, ctx, info);
    };
  }
  return schema;
}

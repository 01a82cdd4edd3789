import fc from 'fast-check';
import { GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, getNamedType } from 'graphql';
import { startTestHub, TestHub } from '../helpers/hub';
import { askGateway } from './helpers/fault-hub';
import { callerFor, judge, VALID_ARGUMENTS } from './helpers/judge';
import {
  BAD_DATES,
  BAD_MONTHS,
  documentFor,
  FAR_DATES,
  loadNestedArgumentFields,
  loadSupergraphOperations,
  nestedDocumentFor,
  Operation,
  SQL_INJECTIONS,
  UNICODE_STRINGS,
  UNKNOWN_UUID,
  validValue,
} from './helpers/operations';
import { PAYMENT_HISTORY_MONTHS } from '../../subgraphs/bailleur/loaders';
import { MAX_PAGE_SIZE } from '../../subgraphs/kit/schema/pagination';
import { Figures } from './helpers/report';
import { rowCounts } from './helpers/row-counts';

/**
 * Issue 9 — bad input, property-based (fast-check) and generic over every operation with arguments of the supergraph:
 * for any value of any JSON shape in any argument (the others valid), the answer is never a 5xx nor "Unexpected
 * error."; a value the argument's type cannot hold is refused naming the argument; a well-typed one is served, or
 * refused naming it, or (an id) refused as FORBIDDEN/NOT_FOUND. Afterwards no table has changed.
 */
const OPERATIONS = loadSupergraphOperations();
const TARGETS: Array<[string, Operation, string]> = [
  ...OPERATIONS.map((op) => [`${op.kind} ${op.name}`, op, documentFor(op)] as [string, Operation, string]),
  ...loadNestedArgumentFields().map(
    (op) => [`field ${op.name}`, op, nestedDocumentFor(op)] as [string, Operation, string],
  ),
];
const RUNS = Number(process.env.FAULTS_PROPERTY_RUNS ?? 40); // FAULTS_PROPERTY_RUNS=200 for a longer search
const figures = new Figures('bad input (property, fast-check)');
let hub: TestHub;
let before: Record<string, number>;
let acceptedWrites = 0;

beforeAll(async () => {
  hub = await startTestHub();
  before = await rowCounts();
});
afterAll(async () => {
  figures.flush();
  await hub?.stop();
});

/** Any JSON value, weighted towards the nasty ones. */
const nastyScalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    ...SQL_INJECTIONS,
    ...UNICODE_STRINGS,
    ...BAD_MONTHS,
    ...BAD_DATES,
    ...FAR_DATES,
    UNKNOWN_UUID,
    'NOT_A_VALUE',
    'null',
    'true',
    '1e9',
  ),
  fc.integer(),
  fc.integer({ min: -(2 ** 53), max: 2 ** 53 }),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc
    .date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') })
    .map((d) => d.toISOString().slice(0, 10)),
  fc
    .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: -5, max: 20 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
);
const anyValue = fc.oneof(
  { depthSize: 'small', maxDepth: 2 },
  nastyScalar,
  fc.array(nastyScalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), nastyScalar, { maxKeys: 3 }),
);

/** Values of the right GraphQL shape (so they pass validation and reach the resolvers), still nasty. */
function wellShaped(type: GraphQLInputType): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return wellShaped(type.ofType as GraphQLInputType);
  if (isListType(type)) return fc.array(wellShaped(type.ofType as GraphQLInputType), { maxLength: 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type))
    return fc.record(Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, wellShaped(f.type)])));
  switch (getNamedType(type).name) {
    case 'ID':
      return fc.oneof(
        fc.uuid(),
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom(...SQL_INJECTIONS, UNKNOWN_UUID),
        fc.nat(),
      );
    case 'Int':
      return fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -3, max: 120 }));
    case 'Float':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return fc.boolean();
    case 'Cents':
      return fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: -3, max: 120 }));
    case 'Month':
      return fc.oneof(
        fc
          .tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: -5, max: 20 }))
          .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
        fc.constantFrom(...BAD_MONTHS),
      );
    case 'LocalDate':
      return fc
        .date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') })
        .map((d) => d.toISOString().slice(0, 10));
    default:
      return fc.oneof(
        fc.string({ unit: 'binary', maxLength: 60 }),
        fc.constantFrom(...SQL_INJECTIONS, ...UNICODE_STRINGS, ...BAD_MONTHS),
      );
  }
}

/** Could a value of this JSON shape be coerced to the type at all? (Decides whether a refusal is owed.) */
function fitsType(
  value: unknown,
  type: GraphQLInputType,
  name: string,
  kind: 'query' | 'mutation',
  operation = '',
): boolean {
  if (value === null) return !isNonNullType(type);
  if (isNonNullType(type)) return fitsType(value, type.ofType as GraphQLInputType, name, kind, operation);
  if (isListType(type))
    return Array.isArray(value)
      ? value.every((v) => fitsType(v, type.ofType as GraphQLInputType, name, kind, operation))
      : fitsType(value, type.ofType as GraphQLInputType, name, kind, operation);
  if (Array.isArray(value)) return false;
  if (isEnumType(type)) return typeof value === 'string' && type.getValues().some((v) => v.name === value);
  if (isInputObjectType(type)) {
    if (!value || typeof value !== 'object') return false;
    const fields = type.getFields();
    const v = value as Record<string, unknown>;
    return (
      Object.keys(v).every((k) => k in fields) &&
      Object.values(fields).every((f) =>
        v[f.name] === undefined ? !isNonNullType(f.type) : fitsType(v[f.name], f.type, f.name, kind, operation),
      )
    );
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return typeof value === 'string' || Number.isInteger(value);
    case 'Int': {
      if (!(Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31)) return false;
      // the domain's ranges, which a resolver must enforce with an error naming the argument
      if (name === 'first') return (value as number) >= 1 && (value as number) <= MAX_PAGE_SIZE;
      if (name === 'last')
        return (
          (value as number) >= 1 &&
          (value as number) <= (operation === 'Lease.payments' ? PAYMENT_HISTORY_MONTHS : MAX_PAGE_SIZE)
        );
      return true;
    }
    case 'Cents':
      return Number.isInteger(value) && (value as number) >= 0 && (value as number) < 2 ** 31;
    case 'Month':
      return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
    case 'Float':
      return typeof value === 'number';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'String':
      return typeof value === 'string';
    case 'LocalDate': {
      const ok =
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(value) &&
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
      return ok && value >= '1900-01-01' && value <= '2100-12-31'; // the type refuses far dates
    }
    default:
      return true;
  }
}

describe('faults › bad input, property-based over every operation with arguments', () => {
  it('has operations to run on', () => {
    expect(OPERATIONS.length).toBeGreaterThan(0);
  });

  describe.each(TARGETS)('%s', (_label, op, document) => {
    it.each(op.args.map((a) => [a.name, a] as const))(
      `argument %s: any value (${RUNS} runs) is answered cleanly`,
      async (_n, arg) => {
        const token = await hub.token(callerFor(op));
        let counts = op.kind === 'mutation' ? await rowCounts() : {};
        const valid = {
          ...Object.fromEntries(op.args.map((a) => [a.name, validValue(a.type, a.name)])),
          ...(VALID_ARGUMENTS[op.name]?.(hub.plan) ?? {}),
        };
        await fc.assert(
          fc.asyncProperty(fc.oneof(anyValue, wellShaped(arg.type)), async (value) => {
            const answer = await askGateway(hub.gateway, token, document, { ...valid, [arg.name]: value });
            figures.add('requests');
            figures.tally(
              'answers',
              answer.body.errors?.length ? String(answer.body.errors[0].extensions?.code ?? 'NO_CODE') : 'served',
            );
            const named = getNamedType(arg.type).name;
            // A value of the wrong shape must be refused; a well-shaped one may be refused only naming the argument
            // (or, for an id, as FORBIDDEN/NOT_FOUND).
            const expectation = !fitsType(value, arg.type, arg.name, op.kind, op.name)
              ? 'invalid'
              : op.kind === 'mutation'
                ? 'clean'
                : named === 'ID'
                  ? 'unknown'
                  : 'either';
            const problems = judge(answer, op, arg.name, expectation);
            if (op.kind === 'mutation') {
              // a refused mutation writes nothing; an accepted one wrote completely (new baseline)
              const now = await rowCounts();
              if (answer.body.errors?.length && JSON.stringify(now) !== JSON.stringify(counts))
                problems.push('refused, yet tables changed (partial write)');
              if (!answer.body.errors?.length) acceptedWrites += 1;
              counts = now;
            }
            if (problems.length) figures.add('violations');
            expect(problems).toEqual([]);
          }),
          { numRuns: RUNS, seed: Number(process.env.FAULTS_SEED ?? 20261123), endOnFailure: true },
        );
        figures.add('properties');
      },
    );
  });

  it('no table changed', async () => {
    const after = await rowCounts();
    figures.set('acceptedWrites', acceptedWrites);
    if (acceptedWrites === 0) expect(after).toEqual(before);
    figures.set('tablesCounted', Object.keys(after).length);
  });
});

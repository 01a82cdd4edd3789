import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge } from './helpers/judge';
import { badCases, documentFor, loadSupergraphOperations, MEGABYTE_STRING } from './helpers/operations';

/**
 * The bad-input machinery checked on its own: it picks mutations up from a supergraph (here a synthetic one shaped
 * like the coming confirmRentPayment), generates the wrong values field by field, and its judge does fail on the
 * answers the issue forbids.
 */
const SDL = `
schema { query: Query mutation: Mutation }
directive @join__field(graph: join__Graph) repeatable on FIELD_DEFINITION
enum join__Graph { BAILLEUR }
scalar LocalDate
scalar Month
scalar Cents
enum PayerKind { ASSOCIATION DEPARTEMENT }
type Query { lease(id: ID!): Lease @join__field(graph: BAILLEUR) ping: Boolean }
type Lease { id: ID! }
input ConfirmRentPaymentInput { leaseId: ID! month: Month! receivedCents: Cents! receivedOn: LocalDate payer: PayerKind }
type Mutation { confirmRentPayment(input: ConfirmRentPaymentInput!): Lease @join__field(graph: BAILLEUR) }
`;

describe('faults › the bad-input suite itself', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'masp-sdl-')), 'supergraph.graphql');
  writeFileSync(file, SDL);
  const ops = loadSupergraphOperations(file);

  it('finds the mutation and the queries with arguments (not those without), with their owner subgraph', () => {
    expect(ops.map((o) => `${o.kind} ${o.name} ${o.owner}`)).toEqual([
      'query lease bailleur',
      'mutation confirmRentPayment bailleur',
    ]);
    expect(documentFor(ops[1])).toBe(
      'mutation Probe($input: ConfirmRentPaymentInput!) { confirmRentPayment(input: $input) { __typename } }',
    );
  });

  it('generates wrong values field by field inside the input: malformed months, amounts, dates, enums, 1 MB, missing fields', () => {
    const cases = badCases(ops[1].args[0].type, 'input', undefined, 'mutation');
    const labels = cases.map((c) => c.label);
    expect(labels).toEqual(
      expect.arrayContaining([
        'null for a required value',
        'an unknown input field',
        'month missing',
        'month: a malformed month "2024-13"',
        'month: a malformed month "24-01"',
        'receivedCents: negative',
        'receivedCents: beyond 32 bits',
        'receivedOn: a malformed date "2024-02-30"',
        'receivedOn: an out-of-range date 9999-12-31',
        'payer: an unknown enum value',
        'leaseId: an unknown id',
        `leaseId: an SQL injection "' OR '1'='1"`,
        'month: a 1 MB string',
      ]),
    );
    const month = cases.find((c) => c.label === 'month: a malformed month "2024-13"')!;
    expect(month).toMatchObject({ expect: 'invalid', field: 'month' });
    expect(month.value).toMatchObject({ month: '2024-13', receivedCents: 10000 });
    expect(cases.find((c) => c.label === 'receivedCents: negative')).toMatchObject({
      expect: 'invalid',
      field: 'receivedCents',
    });
    expect(cases.find((c) => c.label === 'receivedOn: an out-of-range date 1800-01-01')).toMatchObject({
      expect: 'invalid',
      field: 'receivedOn',
    });
    expect(cases.find((c) => c.label === 'month: a 1 MB string')!.value).toMatchObject({ month: MEGABYTE_STRING });
    expect(cases.length).toBeGreaterThan(60);
  });

  const op = { kind: 'mutation' as const, name: 'confirmRentPayment', owner: 'bailleur', args: [], selection: '' };
  const answer = (status: number, body: any) => ({ status, body, ms: 1 });

  it('judge: accepts an error naming the field (extensions.field or the variable)', () => {
    expect(
      judge(
        answer(200, {
          data: { confirmRentPayment: null },
          errors: [{ message: 'bad month', extensions: { code: 'BAD_USER_INPUT', field: 'input.month' } }],
        }),
        op,
        'input',
        'invalid',
        'month',
      ),
    ).toEqual([]);
    expect(
      judge(
        answer(200, {
          errors: [
            {
              message: 'Variable "$input" got invalid value "x"',
              extensions: { code: 'BAD_USER_INPUT', field: 'input' },
            },
          ],
        }),
        op,
        'input',
        'invalid',
        'month',
      ),
    ).toEqual([]);
  });

  it.each([
    ['a 500', answer(500, { errors: [{ message: 'boom' }] }), /HTTP 500/],
    [
      '"Unexpected error."',
      answer(200, { errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
      /internal error/,
    ],
    [
      'an error not naming the field',
      answer(200, { errors: [{ message: 'Invalid input', extensions: { code: 'BAD_USER_INPUT' } }] }),
      /does not name "month"/,
    ],
    ['an invalid value accepted', answer(200, { data: { confirmRentPayment: { __typename: 'Lease' } } }), /accepted/],
    [
      'an error without a code',
      answer(200, { errors: [{ message: 'Variable "$input" got invalid value "x"' }] }),
      /without a code/,
    ],
    [
      'a subgraph failure',
      answer(200, { errors: [{ message: 'down', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }] }),
      /subgraph failure/,
    ],
  ])('judge: fails on %s', (_l, a, problem) => {
    expect(judge(a, op, 'input', 'invalid', 'month').join('\n')).toMatch(problem);
  });

  it('judge: a body over the limit may be refused whole (413 PAYLOAD_TOO_LARGE) only when it is oversized; a string just over the string limit must name its field', () => {
    const tooLarge = answer(413, {
      errors: [{ message: 'Request body too large', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    expect(judge(tooLarge, op, 'input', 'oversized', 'month')).toEqual([]);
    expect(judge(tooLarge, op, 'input', 'invalid', 'month').join('\n')).toMatch(/does not name "month"/);
    expect(
      judge(
        answer(413, { errors: [{ message: 'nope', extensions: { code: 'BAD_REQUEST' } }] }),
        op,
        'input',
        'oversized',
        'month',
      ).join('\n'),
    ).toMatch(/does not name/);
    const cases = badCases(ops[1].args[0].type, 'input', undefined, 'mutation');
    expect(cases.find((c) => c.label === 'month: a 1 MB string')).toMatchObject({ expect: 'oversized' });
    expect(cases.find((c) => /^month: a string over \d+ characters$/.test(c.label))).toMatchObject({
      expect: 'invalid',
      field: 'month',
    });
  });

  it('judge: for a mutation, a well-shaped odd value may meet FORBIDDEN (its ids are out of reach); for a query it must be served or named', () => {
    const forbidden = answer(200, {
      data: { confirmRentPayment: null },
      errors: [{ message: 'Lease introuvable', extensions: { code: 'FORBIDDEN' } }],
    });
    expect(judge(forbidden, op, 'input', 'either', 'month')).toEqual([]);
    expect(judge(forbidden, { ...op, kind: 'query' }, 'input', 'either', 'month').join('\n')).toMatch(/unclear error/);
  });

  it('judge: a mutation accepting an unknown id is a violation; FORBIDDEN is the right answer', () => {
    expect(
      judge(answer(200, { data: { confirmRentPayment: { __typename: 'Lease' } } }), op, 'input', 'unknown', 'leaseId'),
    ).toEqual(['a mutation accepted an unknown id']);
    expect(
      judge(
        answer(200, {
          data: { confirmRentPayment: null },
          errors: [{ message: 'Lease introuvable', extensions: { code: 'FORBIDDEN' } }],
        }),
        op,
        'input',
        'unknown',
        'leaseId',
      ),
    ).toEqual([]);
  });
});

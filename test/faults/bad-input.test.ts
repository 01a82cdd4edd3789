import { startTestHub, TestHub } from '../helpers/hub';
import { askGateway } from './helpers/fault-hub';
import { callerFor, judge, VALID_ARGUMENTS } from './helpers/judge';
import {
  badCases,
  documentFor,
  loadNestedArgumentFields,
  loadSupergraphOperations,
  nestedDocumentFor,
  Operation,
  validValue,
} from './helpers/operations';
import { Figures } from './helpers/report';
import { rowCounts } from './helpers/row-counts';

/**
 * Issue 9 — bad input, table-driven and generic: for every operation with arguments in schema/supergraph.graphql
 * (every mutation, every query with arguments), every argument gets wrong types, out-of-range numbers and dates,
 * malformed months, unknown enum values, 1 MB strings, unicode, SQL injections, unknown ids, with the other arguments
 * valid. Each answer: a clear error naming the argument (or a refusal / empty answer for an unknown id), never a 5xx,
 * never "Unexpected error."; and no table of the database changes (no partial write).
 */
const OPERATIONS = loadSupergraphOperations();
/** Fields with arguments below the root (Lease.payments(last:)…), reached through a list query. */
const NESTED = loadNestedArgumentFields();
const TARGETS: Array<[string, Operation, string]> = [
  ...OPERATIONS.map((op) => [`${op.kind} ${op.name}`, op, documentFor(op)] as [string, Operation, string]),
  ...NESTED.map(
    (op) => [`field ${op.name} (via ${op.path.join('.')})`, op, nestedDocumentFor(op)] as [string, Operation, string],
  ),
];
const figures = new Figures('bad input (table)');
let hub: TestHub;
const tokens = new Map<string, string>();
let before: Record<string, number>;
/** Mutations that accepted an odd-but-valid value (e.g. unicode in a free text) and so wrote, completely. */
let acceptedWrites = 0;

beforeAll(async () => {
  hub = await startTestHub();
  before = await rowCounts();
});
afterAll(async () => {
  figures.flush();
  await hub?.stop();
});

async function tokenFor(op: (typeof OPERATIONS)[number]): Promise<string> {
  const claims = callerFor(op);
  const key = JSON.stringify(claims);
  if (!tokens.has(key)) tokens.set(key, await hub.token(claims));
  return tokens.get(key)!;
}

describe('faults › bad input, table-driven over every operation with arguments', () => {
  it('finds operations to test in the supergraph (queries with arguments now, mutations when they land)', () => {
    expect(OPERATIONS.length).toBeGreaterThan(0);
    expect(OPERATIONS.map((o) => o.name)).toEqual(expect.arrayContaining(['beneficiary', 'caseload', 'myLeases']));
    figures.set('operations', OPERATIONS.length);
    figures.set('mutations', OPERATIONS.filter((o) => o.kind === 'mutation').length);
    figures.set(
      'arguments',
      OPERATIONS.reduce((n, o) => n + o.args.length, 0),
    );
    figures.set('nestedFieldsWithArguments', NESTED.length);
    expect(NESTED.map((o) => o.name)).toContain('Lease.payments');
  });

  describe.each(TARGETS)('%s', (_label, op, document) => {
    it.each(op.args.map((a) => [a.name, a] as const))(
      'argument %s: every wrong value is refused clearly, nothing written',
      async (_name, arg) => {
        const token = await tokenFor(op);
        const valid = {
          ...Object.fromEntries(op.args.map((a) => [a.name, validValue(a.type, a.name)])),
          ...(VALID_ARGUMENTS[op.name]?.(hub.plan) ?? {}),
        };
        const violations: string[] = [];
        let counts = op.kind === 'mutation' ? await rowCounts() : undefined;
        for (const c of badCases(arg.type, arg.name, valid[arg.name], op.kind)) {
          const answer = await askGateway(hub.gateway, token, document, { ...valid, [arg.name]: c.value });
          figures.add('requests');
          figures.tally(
            'answers',
            answer.body.errors?.length ? String(answer.body.errors[0].extensions?.code ?? 'NO_CODE') : 'served',
          );
          for (const p of judge(answer, op, arg.name, c.expect, c.field)) violations.push(`${c.label}: ${p}`);
          if (counts) {
            const now = await rowCounts();
            figures.add('rowCountChecks');
            if (answer.body.errors?.length) {
              if (JSON.stringify(now) !== JSON.stringify(counts))
                violations.push(`${c.label}: refused, yet tables changed (partial write)`);
            } else {
              acceptedWrites += 1; // an accepted odd-but-valid value: a complete write, counted, not a failure
              counts = now;
            }
          }
        }
        expect(violations).toEqual([]);
      },
    );

    if (OPERATIONS.includes(op))
      it('an inline literal of the wrong type is a validation error located at the argument', async () => {
        const token = await tokenFor(op);
        const arg = op.args[0];
        const literal = '{ nope: 1 }';
        const call = op.args
          .map((a) =>
            a === arg
              ? `${a.name}: ${literal}`
              : `${a.name}: ${JSON.stringify(validValue(a.type, a.name)).replace(/"([A-Za-z_]\w*)":/g, '$1:')}`,
          )
          .join(', ');
        const document = `${op.kind} { ${op.name}(${call}) ${op.selection} }`;
        const answer = await askGateway(hub.gateway, token, document);
        figures.add('requests');
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.data ?? null).toBeNull();
        const column = document.indexOf(literal) + 1;
        expect(answer.body.errors?.length).toBeGreaterThan(0);
        for (const e of answer.body.errors ?? []) {
          expect(e.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
          // at the literal, or (an input object's unknown field) at the field inside it
          expect(e.locations).toHaveLength(1);
          expect(e.locations[0].line).toBe(1);
          expect(e.locations[0].column).toBeGreaterThanOrEqual(column);
          expect(e.locations[0].column).toBeLessThan(column + literal.length);
        }
      });
  });

  it('no table changed: no partial write anywhere (every table of every subgraph schema counted)', async () => {
    const after = await rowCounts();
    expect(Object.keys(after).length).toBeGreaterThan(10);
    figures.set('acceptedWrites', acceptedWrites);
    if (acceptedWrites === 0) expect(after).toEqual(before);
    figures.set('tablesCounted', Object.keys(after).length);
    figures.set(
      'rowsCounted',
      Object.values(after).reduce((a, b) => a + b, 0),
    );
  });
});

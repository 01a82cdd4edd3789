import { buildSchema, FieldNode, GraphQLError, parse, visit } from 'graphql';
import { conformAnswer } from '../../gateway/response-shape';

const schema = buildSchema(`
  scalar LocalDate
  type Query { leases: [Lease!]! person(id: ID!): Person }
  type Lease { id: ID! person: Person! note: String }
  type Person { id: ID! name: String born: LocalDate measures: [Measure!]! }
  type Measure { id: ID! level: Int status: String! }
`);

/** The client's document, and a FORBIDDEN refusal (as the policy filter builds it) for each `Type.field` named. */
function asked(query: string, refused: string[]) {
  const document = parse(query);
  const refusals: GraphQLError[] = [];
  visit(document, {
    Field(node: FieldNode) {
      const name = refused.find((r) => r.endsWith(`.${node.name.value}`));
      if (name)
        refusals.push(
          new GraphQLError(`refused ${name}`, { nodes: node, path: [name], extensions: { code: 'FORBIDDEN' } }),
        );
    },
  });
  return { operation: { schema, document }, refusals };
}
const plain = (answer: { data?: unknown; errors?: readonly GraphQLError[] }) => JSON.parse(JSON.stringify(answer));

describe('gateway › response shape › every answer conforms to the schema', () => {
  it('a refused nullable field is null in every item of a list, FORBIDDEN at each path; the list stays a list', () => {
    const { operation, refusals } = asked('{ leases { id person { name } } }', ['Person.name']);
    const answer = conformAnswer(
      operation,
      {
        data: {
          leases: [
            { id: 'l1', person: { __typename: 'Person' } },
            { id: 'l2', person: {} },
          ],
        },
      },
      refusals,
    );
    expect(plain(answer)).toEqual({
      data: {
        leases: [
          { id: 'l1', person: { name: null } },
          { id: 'l2', person: { name: null } },
        ],
      },
      errors: [0, 1].map((i) => ({
        message: 'refused Person.name',
        locations: [{ line: 1, column: 24 }],
        path: ['leases', i, 'person', 'name'],
        extensions: { code: 'FORBIDDEN' },
      })),
    });
  });

  it('a refused non-null field nulls its parent, up to the nearest nullable position', () => {
    const { operation, refusals } = asked('{ person(id: "p") { id measures { status } } }', ['Measure.status']);
    const answer = conformAnswer(
      operation,
      { data: { person: { id: 'p', measures: [{ __typename: 'Measure' }] } } },
      refusals,
    );
    expect(plain(answer).data).toEqual({ person: null });
    expect(answer.errors!.map((e) => e.path)).toEqual([['person', 'measures', 0, 'status']]);
  });

  it("keeps the runtime's null and its error, with no error of its own, and still tells an unreached refusal", () => {
    const { operation, refusals } = asked('{ leases { id person { id born } } }', ['Person.born']);
    const runtimeError = new GraphQLError('out of reach', { path: ['leases', 0, 'person'] });
    const answer = conformAnswer(
      operation,
      { data: { leases: [{ id: 'l1', person: null }] }, errors: [runtimeError] },
      refusals,
    );
    // Lease.person and the items are non-null: the null climbs to leases, non-null too: data is null
    expect(answer.data).toBeNull();
    expect(answer.errors).toEqual([runtimeError, refusals[0]]);
  });

  it('leaves an answer whose error reached the root as it is, refusals added', () => {
    const { operation, refusals } = asked('{ person(id: "p") { name } }', ['Person.name']);
    const root = new GraphQLError('down', { path: ['person'] });
    expect(conformAnswer(operation, { data: null, errors: [root] }, refusals)).toEqual({
      data: null,
      errors: [root, refusals[0]],
    });
  });
});

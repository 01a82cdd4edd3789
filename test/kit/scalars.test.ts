import { GraphQLError, Kind, parse, parseValue } from 'graphql';
import { GraphQLCents, GraphQLLocalDate, GraphQLMonth, refusalAnswer } from '../../subgraphs/kit/schema/scalars';

/** The error a coercion throws, or undefined. */
function thrown(fn: () => unknown): GraphQLError | undefined {
  try {
    fn();
  } catch (e) {
    return e as GraphQLError;
  }
  return undefined;
}

describe('kit › schema › scalars', () => {
  it('Month: YYYY-MM, 01 to 12; any other string is refused as bad input, any other type as a String would be', () => {
    expect(GraphQLMonth.parseValue('2025-03')).toBe('2025-03');
    expect(GraphQLMonth.parseLiteral(parseValue('"2025-12"'))).toBe('2025-12');
    for (const bad of ['2025-13', '2025-00', '2025-1', '202503', ''])
      expect(thrown(() => GraphQLMonth.parseValue(bad))?.extensions.code).toBe('BAD_USER_INPUT');
    expect(thrown(() => GraphQLMonth.parseValue(12))?.message).toBe('String cannot represent a non string value: 12');
    expect(thrown(() => GraphQLMonth.parseLiteral(parseValue('"2025-13"')))?.nodes?.[0].kind).toBe(Kind.STRING);
  });

  it('Cents: a whole number, not negative; any other type is refused as an Int would be', () => {
    expect(GraphQLCents.parseValue(0)).toBe(0);
    expect(GraphQLCents.parseValue(42500)).toBe(42500);
    expect(thrown(() => GraphQLCents.parseValue(-1))?.extensions.code).toBe('BAD_USER_INPUT');
    expect(thrown(() => GraphQLCents.parseLiteral(parseValue('-1')))?.extensions.code).toBe('BAD_USER_INPUT');
    expect(thrown(() => GraphQLCents.parseValue('abc'))?.message).toBe('Int cannot represent non-integer value: "abc"');
    expect(thrown(() => GraphQLCents.parseValue(1.5))?.message).toBe('Int cannot represent non-integer value: 1.5');
  });

  it('LocalDate: a real day between 1900-01-01 and 2100-12-31', () => {
    expect(GraphQLLocalDate.parseValue('1900-01-01')).toBe('1900-01-01');
    expect(GraphQLLocalDate.parseValue('2100-12-31')).toBe('2100-12-31');
    expect(thrown(() => GraphQLLocalDate.parseValue('1899-12-31'))?.extensions.code).toBe('BAD_USER_INPUT');
    expect(thrown(() => GraphQLLocalDate.parseValue('2101-01-01'))?.extensions.code).toBe('BAD_USER_INPUT');
    expect(thrown(() => GraphQLLocalDate.parseValue('2025-02-30'))?.message).toBe(
      'Value is not a valid LocalDate: 2025-02-30',
    );
  });

  it('names the field a refusal is about, by the argument a variable is passed to', () => {
    const refusal = thrown(() => GraphQLMonth.parseValue('2025-13'))!;
    const body = 'query Q($m: Month!) { expectedPayments(month: $m) { leaseId } }';
    const definition = (parse(body).definitions[0] as any).variableDefinitions[0];
    const coercion = new GraphQLError(`Variable "$m" got invalid value "2025-13"; ${refusal.message}`, {
      nodes: definition,
      originalError: refusal,
    });
    expect(refusalAnswer(coercion)).toEqual({
      field: 'month',
      message: '« month » doit être un mois AAAA-MM (ex. 2025-03). / "month" must be a month YYYY-MM (e.g. 2025-03).',
    });
    expect(refusalAnswer(new GraphQLError('another', { nodes: definition }))).toBeUndefined();
  });
});

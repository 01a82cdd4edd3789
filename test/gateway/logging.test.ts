import { GRANT_EXTENSION, SIGNATURE_EXTENSION } from '../../schema/upstream-signature';
import { gatewayRuntimeLogger, scrubLogAttributes } from '../../gateway/observability/gateway-logger';
import { rootLogger, tapLogLines } from '../../subgraphs/kit/runtime/logger';
import { statementShape } from '../../subgraphs/kit/db/data-source';
import { memoryPino } from '../helpers/memory-log';

const signedBody = JSON.stringify({
  query: 'query { beneficiary(id: "b1") { lastName } }',
  variables: {},
  extensions: {
    [GRANT_EXTENSION]: 'eyJncmFudCI6MX0.Z3JhbnQ.c2lnbmF0dXJl',
    [SIGNATURE_EXTENSION]: 'eyJhbGciOi.cGF5bG9hZA.c2lnbmF0dXJl',
  },
});

describe('gateway › logs never hold a credential or a signed subgraph request', () => {
  it('drops the signed request a failed upstream call carries, and keeps what an operator needs', () => {
    const { lines, log } = memoryPino();
    const logger = gatewayRuntimeLogger('info', log);
    const failure = Object.assign(new Error('upstream failed'), {
      extensions: {
        code: 'SUBGRAPH_UNAVAILABLE',
        serviceName: 'department',
        request: { endpoint: 'http://department:4001/graphql', body: signedBody },
        response: { status: 503 },
      },
    });
    logger.error(
      { err: failure, headers: { Authorization: 'Bearer eyJhbGciOi.eyJzdWIi.sig' } },
      'subgraph call failed',
    );
    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line).not.toMatch(/masp-registry-grant|masp-signature|c2lnbmF0dXJl|eyJhbGciOi|eyJncmFudCI6|lastName/);
    const parsed = JSON.parse(line);
    expect(parsed.msg).toBe('subgraph call failed');
    expect(parsed.err.message).toBe('upstream failed');
    expect(parsed.err.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(parsed.err.extensions.serviceName).toBe('department');
    expect(parsed.headers.Authorization).toBe('[redacted]');
  });

  it('scrubs a signed body or a bearer token wherever it sits, even inside a message string', () => {
    expect(scrubLogAttributes({ a: [{ b: `sent ${signedBody}` }] })).toEqual({
      a: [{ b: '[redacted] (signed subgraph request or token)' }],
    });
    expect(scrubLogAttributes('Bearer aaa.bbb.ccc')).toBe('[redacted] (signed subgraph request or token)');
    expect(scrubLogAttributes({ operationName: 'Caseload', count: 3 })).toEqual({
      operationName: 'Caseload',
      count: 3,
    });
  });

  it('writes nothing below its level', () => {
    const { lines, log } = memoryPino();
    gatewayRuntimeLogger('warn', log).info('plan cached');
    gatewayRuntimeLogger(false, log).error('never');
    expect(lines).toHaveLength(0);
  });
});

describe('kit › logs never hold what a failed statement carried', () => {
  /** The kit's root logger at info for the test, its lines read through its tap. */
  function kitLines(run: (log: typeof rootLogger) => void): any[] {
    const level = rootLogger.level;
    rootLogger.level = 'info';
    const lines: string[] = [];
    const untap = tapLogLines((l) => lines.push(l));
    try {
      run(rootLogger.child({ service: 'test' }));
    } finally {
      untap();
      rootLogger.level = level;
    }
    return lines.map((l) => JSON.parse(l));
  }
  /** What typeorm throws when PostgreSQL refuses an INSERT: its statement, bound values and the driver's error. */
  function queryFailed() {
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "beneficiary_nir_key"'),
      {
        code: '23505',
        detail: 'Key (nir)=(2 61 07 45 123 456) already exists.',
        constraint: 'beneficiary_nir_key',
        table: 'beneficiary',
        schema: 'department',
        where: 'SQL statement "INSERT … VALUES (\'Zorglubowski\')"',
      },
    );
    return Object.assign(new Error(driverError.message), {
      ...driverError,
      name: 'QueryFailedError',
      query: 'INSERT INTO department.beneficiary (last_name, nir) VALUES ($1, $2)',
      parameters: ['Zorglubowski', '2 61 07 45 123 456'],
      driverError,
    });
  }

  it('keeps the SQLSTATE, constraint and table of a failed statement, never its values, text, detail or stack', () => {
    const [line] = kitLines((log) => log.error({ err: queryFailed(), path: ['referBeneficiary'] }, 'unexpected error'));
    expect(JSON.stringify(line)).not.toMatch(/Zorglubowski|2 61 07|INSERT|VALUES|at .*node_modules/);
    expect(line.err).toEqual({
      type: 'QueryFailedError',
      message: 'duplicate key value violates unique constraint "beneficiary_nir_key"',
      code: '23505',
      constraint: 'beneficiary_nir_key',
      table: 'beneficiary',
      schema: 'department',
      at: expect.any(String),
    });
    expect(line.path).toEqual(['referBeneficiary']);
  });

  it('drops values a message echoes, also when the error is the message', () => {
    const lines = kitLines((log) => {
      log.warn(new Error('invalid input syntax for type date: "1961-07-23 Zorglubowski"'));
      log.warn({ worker: { job: { id: 7, payload: { lastName: 'Zorglubowski' } } } }, 'Failed task 7');
      log.warn(new Error('Could not find any entity of type "Beneficiary" matching: {"lastName":"Zorglubowski"}'));
    });
    expect(JSON.stringify(lines)).not.toContain('Zorglubowski');
    expect(lines.map((l) => l.msg)).toEqual([
      'invalid input syntax for type date: "[redacted]"',
      'Failed task 7',
      'Could not find any entity of type "Beneficiary" matching: [redacted]',
    ]);
    expect(lines[1].worker).toEqual({ job: { id: 7, payload: '[redacted]' } });
  });

  it('logs a statement by its shape: parameters stay placeholders, literals become ?', () => {
    expect(statementShape("SELECT * FROM p WHERE last_name = 'Zorglubowski' AND id = $1 LIMIT 20")).toBe(
      'SELECT * FROM p WHERE last_name = ? AND id = $1 LIMIT ?',
    );
  });
});

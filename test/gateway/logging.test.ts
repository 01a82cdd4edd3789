import { Writable } from 'node:stream';
import pino from 'pino';
import { GRANT_EXTENSION, SIGNATURE_EXTENSION } from '../../schema/upstream-signature';
import { gatewayRuntimeLogger, scrubLogAttributes } from '../../gateway/observability/gateway-logger';

/** A pino logger writing JSON lines into an array. */
function memoryPino() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: pino({ level: 'info' }, stream) };
}

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

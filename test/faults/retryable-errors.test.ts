import { GraphQLError } from 'graphql';
import { isTransientDatabaseError, SERVICE_UNAVAILABLE_MESSAGE } from '../../subgraphs/kit/db/failures';
import { createErrorFormatter } from '../../subgraphs/kit/server/error-formatter';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { startTestHub, TestHub } from '../helpers/hub';

/** Issue 9 — the kit's classification of database failures, and the subgraph's answer to an oversized body. */
const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });
const typeormWrapped = (driverError: unknown) =>
  Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError });

describe('faults › retryable database errors (kit/errors.ts)', () => {
  it.each([
    ['admin shutdown 57P01', pgError('57P01', 'terminating connection due to administrator command')],
    ['connection failure 08006', pgError('08006')],
    ['cannot connect now 57P03 (starting up)', pgError('57P03', 'the database system is starting up')],
    ['serialization failure 40001', pgError('40001')],
    ['deadlock 40P01', pgError('40P01')],
    ['ECONNREFUSED inside a typeorm error', typeormWrapped(pgError('ECONNREFUSED'))],
    [
      '"Connection terminated unexpectedly" inside a GraphQLError',
      new GraphQLError('boom', { originalError: new Error('Connection terminated unexpectedly') }),
    ],
    [
      'typeorm released runner after a lost connection',
      Object.assign(new Error('Query runner already released.'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
  ])('%s is transient', (_l, err) => {
    expect(isTransientDatabaseError(err)).toBe(true);
  });

  it.each([
    ['unique violation 23505', pgError('23505')],
    ['invalid text representation 22P02', pgError('22P02')],
    ['check violation 23514 inside typeorm', typeormWrapped(pgError('23514'))],
    ['a TypeError', new TypeError('x is undefined')],
    ['a string', 'oops'],
    ['nothing', undefined],
  ])('%s is not', (_l, err) => {
    expect(isTransientDatabaseError(err)).toBe(false);
  });

  it('the subgraph error formatter answers SERVICE_UNAVAILABLE, retryable, for a lost database; "Unexpected error." for a bug', () => {
    const format = createErrorFormatter(serviceLogger('faults-test'));
    const lost = new GraphQLError('Connection terminated unexpectedly', {
      path: ['caseload'],
      originalError: pgError('57P01'),
    });
    expect(format({ message: lost.message, path: ['caseload'] }, lost)).toEqual({
      message: SERVICE_UNAVAILABLE_MESSAGE,
      path: ['caseload'],
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
    const bug = new GraphQLError('x is undefined', { originalError: new TypeError('x is undefined') });
    expect(format({ message: bug.message }, bug).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('faults › oversized bodies', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('a subgraph answers 413 JSON to a body over its limit (the connection is not cut, so the gateway sees why)', async () => {
    const res = await fetch(hub.subgraphs.department.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(1_100_000) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [{ message: 'Request body too large.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('the gateway refuses an over-long inline string literal naming the argument, before any subgraph call', async () => {
    const token = await hub.token({
      sub: 'x',
      org_kind: 'DEPARTEMENT',
      org_id: 'd0000000-0000-4000-8000-000000000045',
      roles: ['ENCADRANT'],
      territory: 'MDD-ORLEANS',
    });
    const max = hub.config.armour.maxStringLength;
    expect(max).toBeLessThan(hub.config.armour.maxBodyBytes - 1000); // else the body's 413 would hide the field's name
    const { status, body } = await hub.query(token, `{ beneficiary(id: "${'7'.repeat(max + 1)}") { __typename } }`);
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      {
        message: expect.stringContaining(`"id" exceeds the maximum length of ${max} characters`),
        extensions: { code: 'BAD_USER_INPUT', field: 'id' },
      },
    ]);
    const ok = await hub.query(token, `query($id: ID!) { beneficiary(id: $id) { __typename } }`, {
      id: '7'.repeat(max),
    }); // at the limit: not refused for length
    expect(ok.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

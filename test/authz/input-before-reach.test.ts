import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 9: a mutation checks the shape of its inputs (kit/validate-inputs.ts) before it looks any row up, so a
 * malformed
 * input is answered BAD_USER_INPUT naming the field even with an id the caller does not reach — which tells nothing
 * about the rows — and a well-formed input with such an id still gets the one FORBIDDEN answer (no existence oracle).
 */
const UNKNOWN = '00000000-0000-4000-8000-00000000dead';
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const RENEW = 'mutation($input: RenewContractInput!) { renewContract(input: $input) { id } }';
const CONFIRM = 'mutation($input: RentConfirmationInput!) { confirmRentPayment(input: $input) { id } }';
const POST = 'mutation($input: PostDelegatedOperationInput!) { postDelegatedOperation(input: $input) { id } }';
const BATCH =
  'mutation($month: Month!, $items: [RentConfirmationItemInput!]!) { confirmRentPayments(month: $month, items: $items) { ok } }';

describe('a mutation validates its input before reach', () => {
  it.each([
    [
      'a renewal decided in 1800',
      'ENCADRANT (département, territoire MDD-ORLEANS)',
      RENEW,
      { input: { measureId: UNKNOWN, months: 6, evaluationId: UNKNOWN, decidedOn: '1800-01-01' } },
      'decidedOn',
    ],
    [
      'a rent month 2025-13',
      'GESTIONNAIRE_LOCATIF (bailleur 1)',
      CONFIRM,
      { input: { leaseId: UNKNOWN, month: '2025-13', amountReceivedCents: 100, receivedOn: '2025-01-05' } },
      'month',
    ],
    [
      'a negative amount received',
      'GESTIONNAIRE_LOCATIF (bailleur 1)',
      CONFIRM,
      { input: { leaseId: UNKNOWN, month: '2025-01', amountReceivedCents: -1, receivedOn: '2025-01-05' } },
      'amountReceivedCents',
    ],
    [
      'a label holding a NUL character',
      'DELEGUE (association A)',
      POST,
      {
        input: {
          fileId: UNKNOWN,
          kind: 'OTHER_PAYMENT',
          amountCents: 100,
          operatedOn: '2025-01-05',
          label: 'a\u0000b',
        },
      },
      'label',
    ],
    [
      'a batch item dated 9999',
      'GESTIONNAIRE_LOCATIF (bailleur 1)',
      BATCH,
      { month: '2025-01', items: [{ leaseId: UNKNOWN, amountReceivedCents: 100, receivedOn: '9999-01-05' }] },
      'items.receivedOn',
    ],
  ])(
    '%s, on a row out of reach: BAD_USER_INPUT naming the field, not FORBIDDEN',
    async (_label, caller, query, variables, field) => {
      const { status, body } = await hub.query(await hub.token(DEMO_CALLERS[caller]), query, variables);
      expect(status).toBe(200);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0].message).toContain(`"${field}"`);
    },
  );

  it('a well-formed input on a row out of reach: the same FORBIDDEN as ever', async () => {
    const { body } = await hub.query(await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']), CONFIRM, {
      input: { leaseId: UNKNOWN, month: '2025-01', amountReceivedCents: 100, receivedOn: '2025-01-05' },
    });
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0].message).toContain('Lease introuvable ou hors de votre périmètre');
  });

  it.each([
    [
      'inline, in an input',
      `mutation { confirmRentPayment(input: { leaseId: "${UNKNOWN}", month: "2025-13", amountReceivedCents: 100, receivedOn: "2025-01-05" }) { id } }`,
      undefined,
      'month',
    ],
    ['inline, as an argument', 'query { expectedPayments(month: "2025-13") { leaseId } }', undefined, 'month'],
    [
      'in a variable named otherwise',
      'query($m: Month!) { expectedPayments(month: $m) { leaseId } }',
      { m: '2025-13' },
      'month',
    ],
    [
      'an inline negative amount',
      `mutation { confirmRentPayment(input: { leaseId: "${UNKNOWN}", month: "2025-01", amountReceivedCents: -1, receivedOn: "2025-01-05" }) { id } }`,
      undefined,
      'amountReceivedCents',
    ],
  ])(
    'a value its type refuses (%s) is BAD_USER_INPUT naming the argument, worded as every input refusal',
    async (_label, query, variables, field) => {
      const { body } = await hub.query(
        await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']),
        query,
        variables,
      );
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0].message).toMatch(new RegExp(`^« ${field} » .+ / "${field}" `));
    },
  );

  it('a value the subgraph cannot coerce (a date that is no date) names the input field, not the variable the gateway made up', async () => {
    const { body } = await hub.query(
      await hub.token(DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)']),
      RENEW,
      {
        input: { measureId: UNKNOWN, months: 6, evaluationId: UNKNOWN, decidedOn: 'demain' },
      },
    );
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decidedOn' });
  });
});

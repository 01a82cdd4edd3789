import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, monthOf, shiftMonth, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { formatDateFr } from '../../../subgraphs/kit/rules/french';
import { pdfWords } from '../../helpers/pdf-text';
import { sql } from '../../helpers/sql';
import { startTestHub, TestHub } from '../../helpers/hub';
import { assertNoPendingProposal, assertProposalOpen } from '../../../subgraphs/department/rules/proposal.rule';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const worker = {
  sub: 'ts-proposal-1',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const delegue = {
  sub: 'delegue-proposal',
  org_kind: OrgKind.ASSOCIATION,
  org_id: DEMO_ORGS.associationA,
  roles: [Role.DELEGUE],
};
// the landlord whose leases these tests record (bailleur 3, as in the bailleur's tests): bailleur 1's are counted
const B1 = DEMO_ORGS.bailleurs[2];
const landlord = {
  sub: 'gestion-proposal',
  org_kind: OrgKind.BAILLEUR,
  org_id: B1,
  roles: [Role.GESTIONNAIRE_LOCATIF],
};

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await hub.query(await hub.token(claims), query, variables);
  expect(status).toBe(200);
  return body;
}
async function ok(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}
async function refused(claims: Record<string, unknown>, query: string, variables: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toHaveLength(1);
  return { code: body.errors[0].extensions.code as string, message: body.errors[0].message as string };
}
const plain = (s: string) => s.replace(/\s+/gu, ' ');

const PROPOSE = `mutation($input: ProposeContractInput!) { proposeContract(input: $input) { id status level months proposedOn answeredOn measureId } }`;
const ACCEPT = `mutation($input: AcceptContractProposalInput!) { acceptContractProposal(input: $input) { id status answeredOn measureId } }`;
const REFUSE = `mutation($input: RefuseContractProposalInput!) { refuseContractProposal(input: $input) { id kind recordedOn proposalId } }`;
const REQUEST = `mutation($input: RequestDirectPaymentInput!) { requestDirectPayment(input: $input) { id status } }`;
const JUDGE = `mutation($input: RecordDirectPaymentJudgmentInput!) { recordDirectPaymentJudgment(input: $input) { id level } }`;
const LETTERS = `query($id: ID!) { beneficiary(id: $id) { documents { id decisionKind subjectId decidedOn notifiedOn contestUntil contentBase64 } } }`;

async function refer(lastName: string): Promise<string> {
  const d = await ok(worker, `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`, {
    input: {
      lastName,
      firstName: 'Paul',
      birthDate: '1975-06-10',
      address: '3 place du Martroi, 45000 Orléans',
      territory: 'TEST-PROPOSAL',
      referredOn: addMonths(TODAY, -3),
    },
  });
  const id = d.referBeneficiary.id as string;
  await ok(worker, `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`, {
    input: { beneficiaryId: id, kind: 'AAH', monthlyAmountCents: 103300, payingBody: 'CAF', startsOn: '2020-01-01' },
  });
  await ok(worker, `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible } }`, {
    input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: 'Impayés.', capacityToConsent: true },
  });
  return id;
}
const proposal = (beneficiaryId: string, extra: Record<string, unknown> = {}) => ({
  input: {
    beneficiaryId,
    level: 'MASP_2',
    startsOn: TODAY,
    months: 12,
    objectives: 'Payer le loyer chaque mois.',
    engagements: 'Un rendez-vous par mois.',
    managedBenefits: ['AAH'],
    proposedOn: addDays(TODAY, -7),
    ...extra,
  },
});
const count = async (table: string, id: string) =>
  Number(
    (await sql<{ n: string }>(`SELECT count(*) AS n FROM department.${table} WHERE beneficiary_id = $1`, [id]))[0].n,
  );

describe('department › proposal rules (CASF L271-2), without a database', () => {
  const failure = (f: () => void) => {
    try {
      f();
    } catch (e) {
      const err = e as { message: string; extensions: { code: string; rule: string } };
      return { code: err.extensions.code, rule: err.extensions.rule, message: err.message };
    }
    return null;
  };
  it('answers a proposal once: accepted or refused, it is closed', () => {
    expect(failure(() => assertProposalOpen('PROPOSED'))).toBeNull();
    expect(failure(() => assertProposalOpen('ACCEPTED'))).toEqual({
      code: 'PROPOSAL_NOT_OPEN',
      rule: 'CASF L271-2',
      message:
        'CASF L271-2 : cette proposition de contrat a déjà reçu une réponse (acceptée). / CASF L271-2: this contract proposal was already answered (accepted).',
    });
    expect(failure(() => assertProposalOpen('REFUSED'))?.code).toBe('PROPOSAL_NOT_OPEN');
  });
  it('lets one proposal await an answer at a time: 0 pending passes, 1 is refused', () => {
    expect(failure(() => assertNoPendingProposal(0))).toBeNull();
    expect(failure(() => assertNoPendingProposal(1))).toMatchObject({ code: 'PROPOSAL_PENDING', rule: 'CASF L271-2' });
  });
});

describe('department › a contract proposed, then accepted or refused (CASF L271-2)', () => {
  it('signs the contract when the person accepts, and notifies it by letter', async () => {
    const id = await refer('Accepte');
    const p = (await ok(worker, PROPOSE, proposal(id))).proposeContract;
    expect(p).toEqual({
      id: expect.any(String),
      status: 'PROPOSED',
      level: 'MASP_2',
      months: 12,
      proposedOn: addDays(TODAY, -7),
      answeredOn: null,
      measureId: null,
    });
    expect(await refused(worker, PROPOSE, proposal(id))).toMatchObject({ code: 'PROPOSAL_PENDING' });
    expect(
      await refused(delegue, ACCEPT, { input: { proposalId: p.id, consent: true, signedOn: TODAY } }),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    // without consent nothing is signed (CASF L271-2), and nothing is written
    expect((await refused(worker, ACCEPT, { input: { proposalId: p.id, consent: false, signedOn: TODAY } })).code).toBe(
      'CONSENT_REQUIRED',
    );
    expect([await count('measure', id), await count('decision_letter', id)]).toEqual([0, 0]);
    const accepted = (await ok(worker, ACCEPT, { input: { proposalId: p.id, consent: true, signedOn: TODAY } }))
      .acceptContractProposal;
    expect(accepted).toEqual({ id: p.id, status: 'ACCEPTED', answeredOn: TODAY, measureId: expect.any(String) });
    const measure = await ok(
      worker,
      `query($id: ID!) { beneficiary(id: $id) { measures { id level status endsOn } } }`,
      { id },
    );
    expect(measure.beneficiary.measures).toEqual([
      { id: accepted.measureId, level: 'MASP_2', status: 'ACTIVE', endsOn: addMonths(TODAY, 12) },
    ]);
    expect((await refused(worker, ACCEPT, { input: { proposalId: p.id, consent: true, signedOn: TODAY } })).code).toBe(
      'PROPOSAL_NOT_OPEN',
    );
    expect((await refused(worker, REFUSE, { input: { proposalId: p.id, refusedOn: TODAY } })).code).toBe(
      'PROPOSAL_NOT_OPEN',
    );
    const [letter] = (await ok(worker, LETTERS, { id })).beneficiary.documents;
    expect(letter).toMatchObject({
      decisionKind: 'CONTRACT_SIGNED',
      subjectId: accepted.measureId,
      decidedOn: TODAY,
      contestUntil: addMonths(TODAY, 2),
    });
    const text = plain(await pdfWords(Buffer.from(letter.contentBase64, 'base64')));
    expect(text).toContain('Paul ACCEPTE');
    expect(text).toContain(
      `Vous avez signé le ${formatDateFr(TODAY)} le contrat d’accompagnement social personnalisé que le Département vous a proposé le ${formatDateFr(addDays(TODAY, -7))}`,
    );
    expect(text).toContain('gère pour votre compte les prestations suivantes : AAH');
    expect(text).toContain('Voies et délais de recours');
  });

  it('refuses a proposal out of the statute, and a signature before the proposal; nothing written', async () => {
    const id = await refer('Bornes');
    expect((await refused(worker, PROPOSE, proposal(id, { months: 5 }))).code).toBe('CONTRACT_TERM_OUT_OF_RANGE');
    expect((await refused(worker, PROPOSE, proposal(id, { level: 'MASP_3' }))).code).toBe('BAD_USER_INPUT');
    expect((await refused(worker, PROPOSE, proposal(id, { proposedOn: addDays(TODAY, 1) }))).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(await count('contract_proposal', id)).toBe(0);
    const p = (await ok(worker, PROPOSE, proposal(id))).proposeContract;
    expect(
      (await refused(worker, ACCEPT, { input: { proposalId: p.id, consent: true, signedOn: addDays(TODAY, -8) } }))
        .code,
    ).toBe('BAD_USER_INPUT');
    expect((await refused(worker, REFUSE, { input: { proposalId: p.id, refusedOn: addDays(TODAY, -8) } })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect([await count('measure', id), await count('contract_refusal', id)]).toEqual([0, 0]);
  });

  it('keeps signContract as proposal and acceptance in one step', async () => {
    const id = await refer('Direct');
    const m = (
      await ok(worker, `mutation($input: SignContractInput!) { signContract(input: $input) { id } }`, {
        input: {
          beneficiaryId: id,
          level: 'MASP_1',
          startsOn: TODAY,
          months: 6,
          objectives: 'o',
          engagements: 'e',
          consent: true,
          signedOn: TODAY,
        },
      })
    ).signContract;
    expect(
      (
        await ok(
          worker,
          `query($id: ID!) { beneficiary(id: $id) { contractProposals { status proposedOn answeredOn measureId } } }`,
          { id },
        )
      ).beneficiary.contractProposals,
    ).toEqual([{ status: 'ACCEPTED', proposedOn: TODAY, answeredOn: TODAY, measureId: m.id }]);
    expect((await refused(worker, PROPOSE, proposal(id))).code).toBe('MEASURE_ALREADY_OPEN');
  });
});

describe('department › an L271-5 request rests on the refusal of a proposal', () => {
  it('refuses the request without a refusal, accepts it once the proposal is refused, and notifies both', async () => {
    const id = await refer('Versement-Direct');
    // the landlord's lease and two months of arrears, on its records
    const leaseId = (
      await ok(landlord, `mutation($input: RecordLeaseInput!) { recordLease(input: $input) { id } }`, {
        input: {
          beneficiaryId: id,
          reference: 'BAIL-PROPOSAL-1',
          address: '3 place du Martroi, 45000 Orléans',
          tenantName: 'VERSEMENT-DIRECT Paul',
          rentCents: 46000,
          chargesCents: 9000,
          startsOn: addMonths(TODAY, -30),
        },
      })
    ).recordLease.id;
    await hub.drainEvents();
    const months = [shiftMonth(monthOf(TODAY), -2), shiftMonth(monthOf(TODAY), -1)];
    await ok(landlord, `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id } }`, {
      input: { leaseId, months, amountDueCents: 110000 },
    });
    await hub.drainEvents();
    const request = {
      input: {
        beneficiaryId: id,
        leaseId,
        requestedOn: TODAY,
        identityAndAddress: 'VERSEMENT-DIRECT Paul, 3 place du Martroi, 45000 Orléans',
        payingBodies: ['CAF du Loiret'],
        landlordName: 'Bailleur 1',
        grounds: 'Refus du contrat proposé, impayés.',
        signedBy: 'Le président du conseil départemental',
      },
    };
    expect((await refused(worker, REQUEST, request)).code).toBe('DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH');
    const p = (await ok(worker, PROPOSE, proposal(id))).proposeContract;
    // proposed, not yet refused: still no ground
    expect((await refused(worker, REQUEST, request)).code).toBe('DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH');
    expect(await count('direct_payment_request', id)).toBe(0);
    const refusal = (await ok(worker, REFUSE, { input: { proposalId: p.id, refusedOn: addDays(TODAY, -1) } }))
      .refuseContractProposal;
    expect(refusal).toEqual({
      id: expect.any(String),
      kind: 'REFUSAL',
      recordedOn: addDays(TODAY, -1),
      proposalId: p.id,
    });
    const filed = (await ok(worker, REQUEST, request)).requestDirectPayment;
    expect(filed.status).toBe('FILED');

    const judged = (
      await ok(worker, JUDGE, {
        input: {
          requestId: filed.id,
          court: 'Tribunal judiciaire d’Orléans',
          judgmentOn: TODAY,
          reference: 'RG VD/PROPOSAL',
          monthlyAmountCents: 55000,
          monthlyResourcesCents: 103300,
          startsOn: TODAY,
          months: 12,
          payingBodyOrgId: DEMO_ORGS.organismePayeur,
        },
      })
    ).recordDirectPaymentJudgment;

    const letters = (await ok(worker, LETTERS, { id })).beneficiary.documents;
    expect(
      letters.map((l: { decisionKind: string; subjectId: string; contestUntil: string }) => [
        l.decisionKind,
        l.subjectId,
        l.contestUntil,
      ]),
    ).toEqual([
      ['PROPOSAL_REFUSED', p.id, addMonths(TODAY, 2)],
      ['DIRECT_PAYMENT_REQUESTED', filed.id, addMonths(TODAY, 2)],
      ['DIRECT_PAYMENT_JUDGMENT', judged.id, addDays(TODAY, 15)],
    ]);
    const [, requested, judgment] = await Promise.all(
      letters.map(async (l: { contentBase64: string }) =>
        plain(await pdfWords(Buffer.from(l.contentBase64, 'base64'))),
      ),
    );
    expect(requested).toContain('Paul VERSEMENT-DIRECT');
    expect(requested).toContain(`Le ${formatDateFr(TODAY)}, le président du conseil départemental a demandé au juge`);
    expect(requested).toContain('550,00 € par mois');
    expect(requested).toContain('tribunal administratif d’Orléans');
    expect(judgment).toContain('Paul VERSEMENT-DIRECT');
    expect(judgment).toContain('Ce jugement ordonne le versement direct à votre bailleur');
    expect(judgment).toContain('appel dans un délai de quinze jours');
    expect(judgment).not.toContain('tribunal administratif');
  });
});

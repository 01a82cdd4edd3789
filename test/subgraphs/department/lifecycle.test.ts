import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, monthOf, shiftMonth, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { sql } from '../../helpers/sql';
import { delegueOf, registerOwnDelegataire } from '../../helpers/delegataire';
import { startTestHub, TestHub } from '../../helpers/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await registerOwnDelegataire(hub, OWN);
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const MJPM_ORG = 'c0000000-0000-4000-8000-0000000000f2';
const TERRITORY = 'TEST-LIFECYCLE';
const worker = {
  sub: 'ts-lifecycle-1',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const medecin = {
  sub: 'medecin-lifecycle',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.MEDECIN],
};
const pilotage = {
  sub: 'pilotage-lifecycle',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.PILOTAGE],
};
/** The délégataire this file delegates to: other test files read association A's list and notifications. */
const OWN = {
  id: 'a0000000-0000-4000-8000-0000000000e9',
  name: 'Association du parcours (test)',
  convention: 'CONV-LIFECYCLE',
};
const delegue = delegueOf(OWN.id, 'delegue-e9-1');
const mjpm = { sub: 'mjpm-lifecycle', org_kind: OrgKind.MANDATAIRE, org_id: MJPM_ORG, roles: [Role.MJPM] };

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { status, body } = await hub.query(await hub.token(claims), query, variables);
  expect(status).toBe(200);
  return body;
}

/** The single business error of a refused mutation: code and message. */
async function refused(claims: Record<string, unknown>, query: string, variables: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toHaveLength(1);
  return { code: body.errors[0].extensions.code as string, message: body.errors[0].message as string };
}

const REFER = `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id territory lastName referredOn } }`;
const BENEFIT = `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id kind tier tiersPayant } }`;
const CHECK = `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { id eligible refusals } }`;
const EVALUATE = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { id kind evaluatedOn } }`;
const SIGN = `mutation($input: SignContractInput!) { signContract(input: $input) { id level status startsOn endsOn notifiedOn contestationDeadline cumulativeMonths terms { seq months } } }`;
const RENEW = `mutation($input: RenewContractInput!) { renewContract(input: $input) { id endsOn cumulativeMonths terms { seq startsOn endsOn months evaluationId } } }`;
const AVENANT = `mutation($input: SignAvenantInput!) { signAvenant(input: $input) { id level managedBenefits avenants { fromLevel toLevel } } }`;
const END = `mutation($input: EndMeasureInput!) { endMeasure(input: $input) { id status endedOn endReason endContestationDeadline cumulativeMonths terms { seq } delegations { endsOn } } }`;
const PERSON = `query($id: ID!) { beneficiary(id: $id) { id lastName } }`;

async function referPerson(lastName: string): Promise<string> {
  const body = await as(worker, REFER, {
    input: {
      lastName,
      firstName: 'Test',
      birthDate: '1985-04-02',
      address: '1 rue du Test, 45000 Orléans',
      territory: TERRITORY,
      referredOn: addMonths(TODAY, -50),
      householdType: 'SINGLE',
      sex: 'F',
    },
  });
  expect(body.errors).toBeUndefined();
  expect(body.data.referBeneficiary).toMatchObject({ territory: TERRITORY, lastName });
  const id = body.data.referBeneficiary.id as string;
  expect(
    (
      await as(worker, BENEFIT, {
        input: {
          beneficiaryId: id,
          kind: 'RSA',
          monthlyAmountCents: 64600,
          payingBody: 'CAF du Loiret',
          startsOn: '2020-01-01',
        },
      })
    ).data.recordBenefitReceived,
  ).toMatchObject({ kind: 'RSA', tier: 'CORE', tiersPayant: false });
  return id;
}

/** An eligibility check on `checkedOn` (valid ELIGIBILITY_VALIDITY_MONTHS, 6 by default: dated near the signing). */
async function eligible(id: string, checkedOn = addDays(TODAY, -60)) {
  const body = await as(worker, CHECK, {
    input: {
      beneficiaryId: id,
      checkedOn,
      threatToHealthOrSafety: "Impayés de loyer, risque d'expulsion.",
      capacityToConsent: true,
    },
  });
  expect(body.data.checkEligibility).toMatchObject({ eligible: true, refusals: [] });
}

const contract = (beneficiaryId: string, startsOn: string, months: number, extra: Record<string, unknown> = {}) => ({
  input: {
    beneficiaryId,
    level: 'MASP_1',
    startsOn,
    months,
    objectives: 'Stabiliser le budget.',
    engagements: 'Rendez-vous mensuels.',
    consent: true,
    signedOn: startsOn,
    ...extra,
  },
});

describe('department › one person from referral to the end of the measure, through the gateway', () => {
  let personId: string;
  let measureId: string;
  let collecteId: string;
  const start = addDays(TODAY, -30);

  it('refers the person, records benefits, and refuses a contract until eligibility is established (L271-1)', async () => {
    personId = await referPerson('Lifecycle');
    const apl = await as(worker, BENEFIT, {
      input: {
        beneficiaryId: personId,
        kind: 'APL',
        monthlyAmountCents: 20000,
        payingBody: 'CAF du Loiret',
        tiersPayant: true,
        startsOn: '2020-01-01',
      },
    });
    expect(apl.data.recordBenefitReceived).toMatchObject({ kind: 'APL', tiersPayant: true });
    expect(await refused(worker, SIGN, contract(personId, start, 6))).toEqual({
      code: 'ELIGIBILITY_NOT_ESTABLISHED',
      message:
        "CASF L271-1 : l'éligibilité doit être vérifiée avant le contrat. / CASF L271-1: eligibility must be checked before the contract.",
    });
    const noThreat = await as(worker, CHECK, {
      input: { beneficiaryId: personId, checkedOn: addMonths(TODAY, -49), capacityToConsent: true },
    });
    expect(noThreat.data.checkEligibility).toMatchObject({ eligible: false, refusals: ['NO_THREAT_RECORDED'] });
    const r = await refused(worker, SIGN, contract(personId, start, 6));
    expect(r.code).toBe('NOT_ELIGIBLE');
    expect(r.message).toContain("CASF L271-1: a threat to the person's health or safety");
    await eligible(personId);
    const collecte = await as(worker, EVALUATE, {
      input: {
        beneficiaryId: personId,
        kind: 'COLLECTE',
        evaluatedOn: addDays(start, -10),
        housingSituation: 'Locataire',
        debts: 'Loyer',
        diagnosis: 'Gestion difficile',
        handoverSummary: 'Priorité au loyer.',
      },
    });
    collecteId = collecte.data.recordEvaluation.id;
  });

  it('refuses a term outside 6–24 months and a contract without consent (L271-2)', async () => {
    expect(await refused(worker, SIGN, contract(personId, start, 25))).toEqual({
      code: 'CONTRACT_TERM_OUT_OF_RANGE',
      message:
        'CASF L271-2 : un contrat dure de 6 à 24 mois (demandé : 25). / CASF L271-2: a contract runs 6 to 24 months (requested: 25).',
    });
    expect((await refused(worker, SIGN, contract(personId, start, 5))).code).toBe('CONTRACT_TERM_OUT_OF_RANGE');
    expect((await refused(worker, SIGN, contract(personId, start, 6, { consent: false }))).code).toBe(
      'CONSENT_REQUIRED',
    );
  });

  it('signs a MASP 1 for 6 months, notified with its 2-month contestation deadline', async () => {
    const body = await as(worker, SIGN, contract(personId, start, 6, { notifiedOn: start }));
    expect(body.errors).toBeUndefined();
    expect(body.data.signContract).toMatchObject({
      level: 'MASP_1',
      status: 'ACTIVE',
      startsOn: start,
      endsOn: addMonths(start, 6),
      notifiedOn: start,
      contestationDeadline: addMonths(start, 2),
      cumulativeMonths: 6,
      terms: [{ seq: 1, months: 6 }],
    });
    measureId = body.data.signContract.id;
    expect((await refused(worker, SIGN, contract(personId, start, 6))).code).toBe('MEASURE_ALREADY_OPEN');
  });

  it('moves to level 2 by avenant, managing only a benefit received and not paid to a third party', async () => {
    const input = {
      measureId,
      signedOn: TODAY,
      toLevel: 'MASP_2',
      benefitsAuthorisation: { signedOn: TODAY, benefits: ['RSA'] },
    };
    expect((await refused(worker, AVENANT, { input })).code).toBe('MANAGED_BENEFITS_REQUIRED');
    expect((await refused(worker, AVENANT, { input: { ...input, managedBenefits: ['AAH'] } })).code).toBe(
      'MANAGED_BENEFIT_NOT_RECEIVED',
    );
    expect((await refused(worker, AVENANT, { input: { ...input, managedBenefits: ['APL'] } })).code).toBe(
      'MANAGED_BENEFIT_NOT_RECEIVED',
    );
    const body = await as(worker, AVENANT, { input: { ...input, managedBenefits: ['RSA'] } });
    expect(body.data.signAvenant).toEqual({
      id: measureId,
      level: 'MASP_2',
      managedBenefits: ['RSA'],
      avenants: [{ fromLevel: 'MASP_1', toLevel: 'MASP_2' }],
    });
    expect((await refused(worker, AVENANT, { input: { measureId, signedOn: TODAY, toLevel: 'MASP_1' } })).code).toBe(
      'AVENANT_INVALID',
    );
  });

  it('refuses any contribution for resources at or below the AAH (L271-4)', async () => {
    const SET = `mutation($input: SetContributionInput!) { setContribution(input: $input) { contributionMonthlyCents annualResourcesCents } }`;
    const r = await refused(worker, SET, {
      input: { measureId, annualResourcesCents: 775200, monthlyCents: 100, decidedOn: TODAY },
    });
    expect(r.code).toBe('CONTRIBUTION_ABOVE_CAP');
    expect(r.message).toContain('CASF L271-4, D271-5');
    expect(
      (await as(worker, SET, { input: { measureId, annualResourcesCents: 775200, monthlyCents: 0, decidedOn: TODAY } }))
        .data.setContribution,
    ).toEqual({ contributionMonthlyCents: 0, annualResourcesCents: 775200 });
  });

  it('delegating to an association gives its DELEGUE reach at once; ending it removes it', async () => {
    expect((await as(delegue, PERSON, { id: personId })).errors[0].extensions.code).toBe('FORBIDDEN');
    const DELEGATE = `mutation($input: DelegateMeasureInput!) { delegateMeasure(input: $input) { id measureId associationOrgId conventionRef startsOn endsOn } }`;
    const input = {
      measureId,
      associationOrgId: OWN.id,
      conventionRef: OWN.convention,
      startsOn: TODAY,
    };
    const d = await as(worker, DELEGATE, { input });
    expect(d.data.delegateMeasure).toMatchObject({
      measureId,
      associationOrgId: OWN.id,
      conventionRef: OWN.convention,
      startsOn: TODAY,
      endsOn: null,
    });
    expect((await refused(worker, DELEGATE, { input })).code).toBe('DELEGATION_ALREADY_ACTIVE');

    const seen = await as(
      delegue,
      `query($id: ID!) { beneficiary(id: $id) { id lastName handoverSummary evaluations { kind diagnosis } measures { id level } } }`,
      { id: personId },
    );
    expect(seen.data.beneficiary).toMatchObject({
      id: personId,
      lastName: 'Lifecycle',
      handoverSummary: 'Priorité au loyer.',
      measures: [{ id: measureId, level: 'MASP_2' }],
    });
    expect(seen.data.beneficiary.evaluations[0]).toEqual({ kind: 'COLLECTE', diagnosis: null });
    expect(seen.errors.map((e: any) => e.extensions)).toEqual([{ code: 'FORBIDDEN', domain: 'SOCIAL' }]);

    const ended = await as(
      worker,
      `mutation($input: EndDelegationInput!) { endDelegation(input: $input) { id endsOn } }`,
      { input: { delegationId: d.data.delegateMeasure.id, endsOn: TODAY } },
    );
    expect(ended.data.endDelegation.endsOn).toBe(TODAY);
    const after = await as(delegue, PERSON, { id: personId });
    expect(after.data.beneficiary).toBeNull();
    expect(after.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('renews only after an evaluation of the running term, up to 48 months in all (L271-2)', async () => {
    const r = await refused(worker, RENEW, {
      input: { measureId, months: 24, evaluationId: collecteId, decidedOn: TODAY },
    });
    expect(r.code).toBe('RENEWAL_WITHOUT_EVALUATION');
    expect(r.message).toContain('CASF L271-2: a contract is renewed only after a prior evaluation');
    const results = await as(worker, EVALUATE, {
      input: {
        beneficiaryId: personId,
        kind: 'RESULTATS',
        evaluatedOn: TODAY,
        diagnosis: 'Progrès, renouvellement utile.',
      },
    });
    const renewed = await as(worker, RENEW, {
      input: { measureId, months: 24, evaluationId: results.data.recordEvaluation.id, decidedOn: TODAY },
    });
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data.renewContract).toMatchObject({
      cumulativeMonths: 30,
      endsOn: addMonths(addMonths(start, 6), 24),
    });
    expect(renewed.data.renewContract.terms[1]).toMatchObject({
      seq: 2,
      startsOn: addMonths(start, 6),
      months: 24,
      evaluationId: results.data.recordEvaluation.id,
    });

    const term2Start = addMonths(start, 6);
    const later = await as(worker, EVALUATE, {
      input: { beneficiaryId: personId, kind: 'RESULTATS', evaluatedOn: addDays(term2Start, 1) },
    });
    const input = { measureId, evaluationId: later.data.recordEvaluation.id, decidedOn: addDays(term2Start, 2) };
    // the renewed term is renewed during it, never ahead of it: a decision dated in the future is refused (the
    // 48-month boundary through the gateway: law.test.ts, on a contract with its history)
    const ahead = await refused(worker, RENEW, { input: { ...input, months: 18 } });
    expect(ahead.code).toBe('DECISION_DATED_IN_FUTURE');
  });

  it('opens the L271-6 report; only the MEDECIN writes and reads the sealed annex, and reaches the person meanwhile', async () => {
    const ANNEX = `mutation($input: WriteMedicalAnnexInput!) { writeMedicalAnnex(input: $input) { id content sealedOn } }`;
    expect((await as(medecin, PERSON, { id: personId })).errors[0].extensions.code).toBe('FORBIDDEN');
    const report = await as(
      worker,
      `mutation($input: OpenL2716ReportInput!) { openL2716Report(input: $input) { id status socialEvaluation } }`,
      {
        input: {
          beneficiaryId: personId,
          openedOn: TODAY,
          socialEvaluation: 'Isolement.',
          financialEvaluation: 'Dettes.',
          actionsBilan: 'MASP 2 sans effet suffisant.',
        },
      },
    );
    expect(report.data.openL2716Report).toMatchObject({ status: 'DRAFT', socialEvaluation: 'Isolement.' });
    const reportId = report.data.openL2716Report.id;
    expect(
      (
        await refused(worker, `mutation($input: WriteMedicalAnnexInput!) { writeMedicalAnnex(input: $input) { id } }`, {
          input: { beneficiaryId: personId, writtenOn: TODAY, content: 'x' },
        })
      ).code,
    ).toBe('FORBIDDEN');
    const annex = await as(medecin, ANNEX, {
      input: { beneficiaryId: personId, writtenOn: TODAY, content: 'Troubles cognitifs légers.' },
    });
    expect(annex.data.writeMedicalAnnex).toMatchObject({ content: 'Troubles cognitifs légers.', sealedOn: null });

    const bySocial = await as(
      worker,
      `query($id: ID!) { beneficiary(id: $id) { l2716Reports { id medicalAnnex { content } } } }`,
      { id: personId },
    );
    expect(bySocial.data.beneficiary.l2716Reports).toEqual([{ id: reportId, medicalAnnex: null }]);
    expect(bySocial.errors.map((e: any) => e.extensions)).toEqual([{ code: 'FORBIDDEN', domain: 'MEDICAL' }]);

    const notice = {
      beneficiaryId: personId,
      mandataireOrgId: MJPM_ORG,
      judgmentOn: TODAY,
      court: "Tribunal judiciaire d'Orléans",
      reference: 'RG TEST/1',
      startsOn: TODAY,
      endsOn: addMonths(TODAY, 24),
    };
    const NOTICE = `mutation($input: RecordMajNoticeInput!) { recordMajNotice(input: $input) { id mandataireOrgId startsOn endsOn reportId } }`;
    expect(await refused(worker, NOTICE, { input: notice })).toMatchObject({
      code: 'MAJ_NOTICE_WITHOUT_REFERRAL',
      message: expect.stringContaining('C. civ. 495-2, CASF L271-6'),
    });

    const sent = await as(
      worker,
      `mutation($input: SendL2716ReportInput!) { sendL2716Report(input: $input) { status sentOn } }`,
      { input: { reportId, sentOn: TODAY } },
    );
    expect(sent.data.sendL2716Report).toEqual({ status: 'SENT', sentOn: TODAY });
    expect(
      (await refused(medecin, ANNEX, { input: { beneficiaryId: personId, writtenOn: TODAY, content: 'ajout' } })).code,
    ).toBe('MEDICAL_ANNEX_SEALED');
    const decided = await as(
      worker,
      `mutation($input: RecordProcureurDecisionInput!) { recordProcureurDecision(input: $input) { status decisionOutcome decidedOn } }`,
      { input: { reportId, outcome: 'REFERRED_TO_JUDGE', decidedOn: TODAY } },
    );
    expect(decided.data.recordProcureurDecision).toEqual({
      status: 'DECIDED',
      decisionOutcome: 'REFERRED_TO_JUDGE',
      decidedOn: TODAY,
    });

    const med = await as(
      medecin,
      `query($id: ID!) { beneficiary(id: $id) { lastName medicalAnnexes { content sealedOn } } }`,
      { id: personId },
    );
    expect(med).toEqual({
      data: {
        beneficiary: {
          lastName: 'Lifecycle',
          medicalAnnexes: [{ content: 'Troubles cognitifs légers.', sealedOn: TODAY }],
        },
      },
    });

    expect(
      (await refused(worker, NOTICE, { input: { ...notice, endsOn: addDays(addMonths(TODAY, 24), 1) } })).code,
    ).toBe('MAJ_TERM_OUT_OF_RANGE');
    expect((await as(mjpm, PERSON, { id: personId })).errors[0].extensions.code).toBe('FORBIDDEN');
    // C. civ. 495-8: the notice carries the term the judgment fixed
    expect(await refused(worker, NOTICE, { input: { ...notice, endsOn: null } })).toMatchObject({
      code: 'MAJ_TERM_OUT_OF_RANGE',
      message: expect.stringContaining('the notice carries the term the judgment fixed'),
    });
    const recorded = await as(worker, NOTICE, { input: notice });
    expect(recorded.data.recordMajNotice).toMatchObject({
      mandataireOrgId: MJPM_ORG,
      startsOn: TODAY,
      endsOn: addMonths(TODAY, 24),
      reportId,
    });
    expect((await as(mjpm, PERSON, { id: personId })).data.beneficiary).toEqual({
      id: personId,
      lastName: 'Lifecycle',
    });

    // The MASP ends on the referral to the MAJ; the renewal terms not begun are dropped from the 48-month count.
    expect((await refused(worker, END, { input: { measureId, endedOn: TODAY, reason: 'MAINLEVEE' } })).code).toBe(
      'END_REASON_INVALID',
    );
    const end = await as(worker, END, {
      input: { measureId, endedOn: TODAY, reason: 'REFERRAL_TO_MAJ', notifiedOn: TODAY },
    });
    expect(end.data.endMeasure).toMatchObject({
      status: 'ENDED',
      endedOn: TODAY,
      endReason: 'REFERRAL_TO_MAJ',
      endContestationDeadline: addMonths(TODAY, 2),
      terms: [{ seq: 1 }],
    });
    expect(end.data.endMeasure.cumulativeMonths).toBeLessThanOrEqual(2);
    expect((await refused(worker, END, { input: { measureId, endedOn: TODAY, reason: 'AUTONOMY' } })).code).toBe(
      'MEASURE_NOT_ACTIVE',
    );

    const endMaj = await as(worker, `mutation($input: EndMajNoticeInput!) { endMajNotice(input: $input) { endsOn } }`, {
      input: { majNoticeId: recorded.data.recordMajNotice.id, endsOn: TODAY },
    });
    expect(endMaj.data.endMajNotice.endsOn).toBe(TODAY);
    expect((await as(mjpm, PERSON, { id: personId })).errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('department › direct payment to the landlord (L271-5), through the gateway', () => {
  const REQUEST = `mutation($input: RequestDirectPaymentInput!) { requestDirectPayment(input: $input) { id status leaseId declaredArrearsMonths rentAndChargesCents landlordOrgId } }`;
  const JUDGE = `mutation($input: RecordDirectPaymentJudgmentInput!) { recordDirectPaymentJudgment(input: $input) { id level status startsOn endsOn cumulativeMonths directPaymentJudgments { monthlyAmountCents } } }`;
  const RENEW_DP = `mutation($input: RenewDirectPaymentInput!) { renewDirectPayment(input: $input) { id endsOn cumulativeMonths } }`;
  const RECORD_LEASE = `mutation($input: RecordLeaseInput!) { recordLease(input: $input) { id } }`;
  const DECLARE = `mutation($input: DeclareRentArrearsInput!) { declareRentArrears(input: $input) { id } }`;
  const B1 = DEMO_ORGS.bailleurs[0];
  const landlord = {
    sub: 'gestion-lifecycle',
    org_kind: OrgKind.BAILLEUR,
    org_id: B1,
    roles: [Role.GESTIONNAIRE_LOCATIF],
  };
  let personId: string;

  it("runs from the request to the mainlevée on the landlord's records, refusing each missing precondition", async () => {
    personId = await referPerson('Versement');
    const request = {
      beneficiaryId: personId,
      requestedOn: TODAY,
      identityAndAddress: 'VERSEMENT Test, 1 rue du Test, 45000 Orléans',
      payingBodies: ['CAF du Loiret'],
      landlordName: 'Bailleur 1',
      grounds: 'Refus de la MASP, impayés.',
      signedBy: 'Le Président du Conseil départemental',
    };
    const requests = () =>
      sql(`SELECT id FROM department.direct_payment_request WHERE beneficiary_id = $1`, [personId]);
    expect((await refused(worker, REQUEST, { input: request })).code).toBe('DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH');
    // A refusal recorded without a proposal is no ground (CASF L271-5 rests on the refusal of what was proposed).
    await as(
      worker,
      `mutation($input: RecordContractRefusalInput!) { recordContractRefusal(input: $input) { id kind } }`,
      { input: { beneficiaryId: personId, kind: 'REFUSAL', recordedOn: TODAY } },
    );
    expect((await refused(worker, REQUEST, { input: request })).code).toBe('DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH');
    const proposalId = (
      await as(worker, `mutation($input: ProposeContractInput!) { proposeContract(input: $input) { id } }`, {
        input: {
          beneficiaryId: personId,
          level: 'MASP_1',
          startsOn: TODAY,
          months: 6,
          objectives: 'o',
          engagements: 'e',
          proposedOn: TODAY,
        },
      })
    ).data.proposeContract.id;
    await as(
      worker,
      `mutation($input: RefuseContractProposalInput!) { refuseContractProposal(input: $input) { id } }`,
      { input: { proposalId, refusedOn: TODAY } },
    );
    // No lease recorded by a landlord for this person: refused, whatever id is typed.
    expect((await refused(worker, REQUEST, { input: request })).code).toBe('DIRECT_PAYMENT_NO_LEASE');
    const foreign = hub.plan.leases[0].id; // another person's lease
    expect((await refused(worker, REQUEST, { input: { ...request, leaseId: foreign } })).code).toBe(
      'DIRECT_PAYMENT_NO_LEASE',
    );

    // The landlord records the lease; the département learns it.
    const lease = await as(landlord, RECORD_LEASE, {
      input: {
        beneficiaryId: personId,
        reference: 'BAIL-LIFECYCLE-1',
        address: '1 rue du Test, 45000 Orléans',
        tenantName: 'VERSEMENT Test',
        rentCents: 46000,
        chargesCents: 9000,
        startsOn: addMonths(TODAY, -30),
      },
    });
    expect(lease.errors).toBeUndefined();
    const leaseId = lease.data.recordLease.id as string;
    await hub.drainEvents();
    // No arrears on the landlord's records yet: refused (no number can be typed).
    expect(await refused(worker, REQUEST, { input: { ...request, leaseId } })).toEqual({
      code: 'DIRECT_PAYMENT_ARREARS_TOO_LOW',
      message:
        "CASF L271-5 : il faut au moins 2 mois consécutifs de loyer impayé selon les relevés du bailleur (relevés : 0). / CASF L271-5: at least 2 consecutive months of unpaid rent are required from the landlord's records (recorded: 0).",
    });
    expect(await requests()).toEqual([]);
    const m1 = shiftMonth(monthOf(TODAY), -2);
    const m2 = shiftMonth(monthOf(TODAY), -1);
    expect(
      (await as(landlord, DECLARE, { input: { leaseId, months: [m1], amountDueCents: 55000 } })).errors,
    ).toBeUndefined();
    await hub.drainEvents();
    expect((await refused(worker, REQUEST, { input: { ...request, leaseId } })).code).toBe(
      'DIRECT_PAYMENT_ARREARS_TOO_LOW',
    );
    const declared = await as(landlord, DECLARE, { input: { leaseId, months: [m2], amountDueCents: 55000 } });
    await hub.drainEvents();
    // The référent learns the arrears.
    expect(
      await sql(`SELECT audience_sub, kind, data FROM department.notification WHERE beneficiary_id = $1`, [personId]),
    ).toEqual([
      {
        audience_sub: worker.sub,
        kind: 'arrears.reached',
        data: { leaseId, unpaidMonths: [m1, m2], declarationId: declared.data.declareRentArrears.id },
      },
    ]);

    const incomplete = await refused(worker, REQUEST, { input: { ...request, leaseId, signedBy: null, grounds: ' ' } });
    expect(incomplete.code).toBe('DIRECT_PAYMENT_REQUEST_INCOMPLETE');
    expect(incomplete.message).toContain('(missing: grounds, signedBy)');
    expect(await requests()).toEqual([]);
    const filed = await as(worker, REQUEST, { input: { ...request, leaseId } });
    expect(filed.data.requestDirectPayment).toMatchObject({
      status: 'FILED',
      leaseId,
      landlordOrgId: B1,
      declaredArrearsMonths: 2,
      rentAndChargesCents: 55000,
    });
    // One at a time: a second request while this one awaits the judge is refused.
    expect(await refused(worker, REQUEST, { input: { ...request, leaseId } })).toMatchObject({
      code: 'DIRECT_PAYMENT_ALREADY_RUNNING',
    });

    const judgment = {
      requestId: filed.data.requestDirectPayment.id,
      court: "Tribunal judiciaire d'Orléans",
      judgmentOn: TODAY,
      reference: 'RG VD/TEST-1',
      monthlyAmountCents: 55000,
      monthlyResourcesCents: 95000,
      startsOn: addDays(TODAY, -1),
      months: 24,
      payingBodyOrgId: DEMO_ORGS.organismePayeur,
    };
    expect(
      (
        await refused(worker, JUDGE, {
          input: { ...judgment, monthlyAmountCents: 55001, monthlyResourcesCents: 200000 },
        })
      ).code,
    ).toBe('DIRECT_PAYMENT_AMOUNT_ABOVE_RENT');
    expect((await refused(worker, JUDGE, { input: { ...judgment, months: 25 } })).code).toBe(
      'DIRECT_PAYMENT_TERM_OUT_OF_RANGE',
    );
    expect(await sql(`SELECT id FROM department.payment_order WHERE beneficiary_id = $1`, [personId])).toEqual([]);
    const m = await as(worker, JUDGE, { input: judgment });
    expect(m.data.recordDirectPaymentJudgment).toMatchObject({
      level: 'MASP_3',
      status: 'ACTIVE',
      startsOn: addDays(TODAY, -1),
      endsOn: addMonths(addDays(TODAY, -1), 24),
      cumulativeMonths: 24,
      directPaymentJudgments: [{ monthlyAmountCents: 55000 }],
    });
    expect((await refused(worker, JUDGE, { input: judgment })).code).toBe('REQUEST_ALREADY_JUDGED');
    // The judgment's order reaches the landlord: on the lease, with the judgment's end.
    await hub.drainEvents();
    const firstEnd = addDays(addMonths(addDays(TODAY, -1), 24), -1);
    // What the landlord holds (its own subgraph's rows; its users read them as `Lease.directPaymentOrders`).
    const orders = () =>
      sql<{ id: string; monthlyAmountCents: number; startsOn: string; endsOn: string }>(
        `SELECT id, monthly_amount_cents AS "monthlyAmountCents", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
                to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
           FROM bailleur.direct_payment_order WHERE lease_id = $1 ORDER BY starts_on DESC`,
        [leaseId],
      );
    expect(await orders()).toEqual([
      { id: expect.any(String), monthlyAmountCents: 55000, startsOn: addDays(TODAY, -1), endsOn: firstEnd },
    ]);
    expect((await refused(worker, REQUEST, { input: { ...request, leaseId } })).code).toBe(
      'DIRECT_PAYMENT_ALREADY_RUNNING',
    );

    const measureId = m.data.recordDirectPaymentJudgment.id;
    const renewal = {
      measureId,
      court: "Tribunal judiciaire d'Orléans",
      judgmentOn: TODAY, // a judgment is recorded once given, never dated ahead
      reference: 'RG VD/TEST-2',
      monthlyAmountCents: 50000,
      monthlyResourcesCents: 95000,
      rentAndChargesCents: 56000,
      months: 24,
    };
    expect((await as(worker, RENEW_DP, { input: renewal })).data.renewDirectPayment).toMatchObject({
      cumulativeMonths: 48,
      endsOn: addMonths(addMonths(addDays(TODAY, -1), 24), 24),
    });
    await hub.drainEvents();
    expect((await orders()).map((o) => [o.startsOn, o.endsOn])).toEqual([
      [addMonths(addDays(TODAY, -1), 24), addDays(addMonths(addMonths(addDays(TODAY, -1), 24), 24), -1)],
      [addDays(TODAY, -1), firstEnd],
    ]);
    expect(
      (
        await refused(worker, RENEW_DP, {
          input: { ...renewal, reference: 'RG VD/TEST-3', months: 1 },
        })
      ).code,
    ).toBe('TOTAL_DURATION_EXCEEDED');

    const END_DP = `mutation($input: EndDirectPaymentInput!) { endDirectPayment(input: $input) { status endReason endedOn } }`;
    expect((await refused(worker, END_DP, { input: { measureId, endedOn: TODAY, reason: 'AUTONOMY' } })).code).toBe(
      'END_REASON_INVALID',
    );
    expect(
      (await as(worker, END_DP, { input: { measureId, endedOn: TODAY, reason: 'MAINLEVEE' } })).data.endDirectPayment,
    ).toEqual({ status: 'ENDED', endReason: 'MAINLEVEE', endedOn: TODAY });
    // The ended judgment ends its orders: the landlord's stops yesterday, the renewal's (not begun) goes; the référent
    // is told.
    await hub.drainEvents();
    expect(await orders()).toEqual([
      { id: expect.any(String), monthlyAmountCents: 55000, startsOn: addDays(TODAY, -1), endsOn: addDays(TODAY, -1) },
    ]);
    expect(
      await sql(
        `SELECT status, end_reason, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.payment_order WHERE beneficiary_id = $1 ORDER BY starts_on`,
        [personId],
      ),
    ).toEqual([
      { status: 'ENDED', end_reason: 'MAINLEVEE', ends_on: addDays(TODAY, -1) },
      { status: 'ENDED', end_reason: 'MAINLEVEE', ends_on: addDays(addMonths(addDays(TODAY, -1), 24), -1) },
    ]);
    expect(
      (
        await sql<{ kind: string }>(
          `SELECT kind FROM department.notification WHERE beneficiary_id = $1 AND audience_sub = $2 ORDER BY id`,
          [personId, worker.sub],
        )
      ).map((n) => n.kind),
    ).toEqual(['arrears.reached', 'payment-order.ended', 'payment-order.ended']);
  });
});

describe('department › caseload alerts and the L271-7 export', () => {
  it('lists, in one query, the contract ending within 30 days without evaluation and the 48-month cap within 3 months', async () => {
    const ending = await referPerson('Echeance');
    await eligible(ending, addMonths(TODAY, -6));
    const soon = await as(worker, SIGN, contract(ending, addDays(addMonths(TODAY, -6), 10), 6));
    const capped = await referPerson('Plafond');
    await eligible(capped, addMonths(TODAY, -47));
    const first = await as(worker, SIGN, contract(capped, addMonths(TODAY, -46), 24));
    // its renewal, entered in time 22 months ago (a renewal is entered before the term, CASF L271-2): history as data
    const measureOfCapped = first.data.signContract.id as string;
    await sql(
      `INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months, decided_on)
       VALUES ($1, $2, 2, $3, $4, 24, $5)`,
      [measureOfCapped, capped, addMonths(TODAY, -22), addMonths(TODAY, 2), addDays(addMonths(TODAY, -22), -1)],
    );
    await sql(`UPDATE department.measure SET ends_on = $2 WHERE id = $1`, [measureOfCapped, addMonths(TODAY, 2)]);

    const body = await as(
      worker,
      `{ caseloadAlerts(first: 100) { id kind date kinds cumulativeMonths endsOn beneficiary { lastName } measure { id status } } }`,
    );
    expect(body.errors).toBeUndefined();
    // one alert per kind and row: the person's alerts, by kind
    const of = (name: string) =>
      Object.fromEntries(
        body.data.caseloadAlerts.filter((a: any) => a.beneficiary.lastName === name).map((a: any) => [a.kind, a]),
      );
    const echeance = of('Echeance');
    const endsOn = soon.data.signContract.endsOn;
    expect(Object.keys(echeance).sort()).toEqual([
      // the letter notifying the contract, entered today, went out today: its contestation deadline runs
      'CONTESTATION_DEADLINE_RUNNING',
      // its eligibility check of 6 months ago no longer holds for the renewal (ELIGIBILITY_VALIDITY_MONTHS, 6)
      'ELIGIBILITY_EXPIRED',
      'ENDING_WITHIN_30_DAYS',
      'RENEWAL_WITHOUT_EVALUATION',
    ]);
    expect(echeance.ENDING_WITHIN_30_DAYS).toMatchObject({
      date: endsOn,
      kinds: ['ENDING_WITHIN_30_DAYS'],
      endsOn,
      cumulativeMonths: 6,
      measure: { id: soon.data.signContract.id, status: 'ACTIVE' },
    });
    expect(echeance.ELIGIBILITY_EXPIRED).toMatchObject({ date: TODAY, cumulativeMonths: null });
    expect(of('Plafond')).toEqual({
      CONTESTATION_DEADLINE_RUNNING: expect.objectContaining({
        measure: { id: first.data.signContract.id, status: 'ACTIVE' },
      }),
      TOTAL_CAP_WITHIN_3_MONTHS: expect.objectContaining({
        measure: { id: first.data.signContract.id, status: 'ACTIVE' },
        cumulativeMonths: 48,
        endsOn: addMonths(TODAY, 2),
        date: addMonths(TODAY, 2),
      }),
    });
    const page = await as(worker, `query($after: ID) { caseloadAlerts(first: 1, after: $after) { id } }`, {
      after: body.data.caseloadAlerts[0].id,
    });
    expect(page.data.caseloadAlerts).toEqual(body.data.caseloadAlerts.slice(1, 2).map((a: any) => ({ id: a.id })));
  });

  const STATISTICS = `query($year: Int!) { l2717Statistics(year: $year) { year smallCellThreshold cells { indicator dimension count suppressed } } }`;
  type Cell = { indicator: string; dimension: string; count: number | null; suppressed: boolean };
  /** Every cell shows 0 or at least 5 persons, or is suppressed (no count). */
  const expectSmallCellsSuppressed = (cells: Cell[]) => {
    for (const c of cells) {
      if (c.suppressed) expect(c.count).toBeNull();
      else expect(c.count === 0 || (c.count ?? 0) >= 5).toBe(true);
    }
  };
  /** The other files of the run write this year's measures, none of 2010: that year's cells are this test's own. */
  const OWN_YEAR = 2010;
  const L2717_WORKER = { ...worker, sub: 'ts-l2717-1' };

  /** A MASP 1 of six months signed on 2010-02-01 (a person of its own, eligible then). */
  async function contractOf2010(n: number): Promise<string> {
    const referred = await as(L2717_WORKER, REFER, {
      input: {
        lastName: `Statistique${n}`,
        firstName: 'Test',
        birthDate: '1970-03-03',
        address: '3 rue du Test, 45000 Orléans',
        territory: 'TEST-L2717',
        referredOn: '2009-12-01',
        householdType: 'SINGLE',
        sex: 'M',
      },
    });
    expect(referred.errors).toBeUndefined();
    const id = referred.data.referBeneficiary.id as string;
    const benefit = await as(L2717_WORKER, BENEFIT, {
      input: { beneficiaryId: id, kind: 'RSA', monthlyAmountCents: 45000, payingBody: 'CAF', startsOn: '2009-01-01' },
    });
    expect(benefit.errors).toBeUndefined();
    const checked = await as(L2717_WORKER, CHECK, {
      input: {
        beneficiaryId: id,
        checkedOn: '2010-01-15',
        threatToHealthOrSafety: 'Impayés de loyer.',
        capacityToConsent: true,
      },
    });
    expect(checked.data.checkEligibility).toMatchObject({ eligible: true });
    const signed = await as(L2717_WORKER, SIGN, contract(id, '2010-02-01', 6));
    expect(signed.errors).toBeUndefined();
    return signed.data.signContract.id as string;
  }

  it('gives PILOTAGE aggregates without names or ids, small cells suppressed; refuses a social worker', async () => {
    const year = Number(TODAY.slice(0, 4));
    const body = await as(pilotage, STATISTICS, { year });
    expect(body.errors).toBeUndefined();
    const { cells, smallCellThreshold } = body.data.l2717Statistics;
    expect(smallCellThreshold).toBe(5);
    expect(cells.length).toBeGreaterThan(5);
    expectSmallCellsSuppressed(cells);
    expect(JSON.stringify(cells)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);

    // A year of this test's own: five contracts begun, one ended for autonomy — 5 is shown, 1 is not.
    const measures = [];
    for (let n = 1; n <= 5; n++) measures.push(await contractOf2010(n));
    const ended = await as(L2717_WORKER, END, {
      input: { measureId: measures[0], endedOn: '2010-05-03', reason: 'AUTONOMY' },
    });
    expect(ended.errors).toBeUndefined();
    const own = await as(pilotage, STATISTICS, { year: OWN_YEAR });
    expect(own.errors).toBeUndefined();
    const ownCells: Cell[] = own.data.l2717Statistics.cells;
    expect(ownCells).toContainEqual({
      indicator: 'NEW_MEASURES_BY_LEVEL',
      dimension: 'MASP_1',
      count: 5,
      suppressed: false,
    });
    expect(ownCells).toContainEqual({
      indicator: 'ENDED_BY_REASON',
      dimension: 'AUTONOMY',
      count: null,
      suppressed: true,
    });
    expectSmallCellsSuppressed(ownCells);
    expect(JSON.stringify(ownCells)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|Statistique/);
    // the export is refused to the role (l2717Statistics is non-null: data is null) and its fields to the domain
    const denied = await as(worker, `{ l2717Statistics(year: 2025) { year } }`);
    expect(denied.data).toBeNull();
    expect(denied.errors.map((e: any) => [e.path, e.extensions.code, e.extensions.domain])).toEqual([
      [['l2717Statistics'], 'FORBIDDEN', undefined],
      [['l2717Statistics', 'year'], 'FORBIDDEN', 'STATISTICS'],
    ]);
  });
});

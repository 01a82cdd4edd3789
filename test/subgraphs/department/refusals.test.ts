import { Client } from 'pg';
import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS, demoConventionRef } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { startTestHub, TestHub } from '../../helpers/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const worker = {
  sub: 'ts-refusals-1',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const otherWorker = {
  sub: 'ts-refusals-2',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const encadrant = {
  sub: 'encadrant-refusals',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.ENCADRANT],
};
const MJPM_ORG = 'c0000000-0000-4000-8000-0000000000f3';
const mjpm = { sub: 'mjpm-refusals', org_kind: OrgKind.MANDATAIRE, org_id: MJPM_ORG, roles: [Role.MJPM] };
const delegue = {
  sub: 'delegue-a-8',
  org_kind: OrgKind.ASSOCIATION,
  org_id: DEMO_ORGS.associationA,
  roles: [Role.DELEGUE],
};

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { body } = await hub.query(await hub.token(claims), query, variables);
  return body;
}
async function refused(claims: Record<string, unknown>, query: string, variables: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toHaveLength(1);
  return {
    code: body.errors[0].extensions.code as string,
    message: body.errors[0].message as string,
    extensions: body.errors[0].extensions,
  };
}

const REFER = `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`;
const CHECK = `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible refusals } }`;
const SIGN = `mutation($input: SignContractInput!) { signContract(input: $input) { id } }`;
const REPORT = `mutation($input: OpenL2716ReportInput!) { openL2716Report(input: $input) { id } }`;

async function person(birthDate = '1980-01-01'): Promise<string> {
  const body = await as(worker, REFER, {
    input: {
      lastName: 'Refus',
      firstName: 'Test',
      birthDate,
      address: 'x',
      territory: 'TEST-REFUSALS',
      referredOn: TODAY,
    },
  });
  const id = body.data.referBeneficiary.id;
  await as(worker, `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`, {
    input: { beneficiaryId: id, kind: 'AAH', monthlyAmountCents: 103300, payingBody: 'CAF', startsOn: '2020-01-01' },
  });
  return id;
}
const threat = "Impayés, coupure d'énergie annoncée.";
const contract = (beneficiaryId: string, startsOn: string, months: number, level = 'MASP_1') => ({
  input: {
    beneficiaryId,
    level,
    startsOn,
    months,
    objectives: 'o',
    engagements: 'e',
    consent: true,
    signedOn: startsOn,
    managedBenefits: level === 'MASP_2' ? ['AAH'] : [],
  },
});

describe('department › refusals through the gateway', () => {
  it('refuses case work to a role without it, and a person out of reach with the same words as an unknown id', async () => {
    const id = await person();
    const r = await refused(delegue, SIGN, contract(id, TODAY, 6));
    expect(r).toMatchObject({ code: 'FORBIDDEN', extensions: { requiredRoles: ['TRAVAILLEUR_SOCIAL', 'ENCADRANT'] } });
    expect(r.message).toContain('Action "signContract" is reserved to the roles TRAVAILLEUR_SOCIAL, ENCADRANT.');
    const other = await refused(otherWorker, SIGN, contract(id, TODAY, 6));
    const unknown = await refused(otherWorker, SIGN, contract('00000000-0000-4000-8000-000000000000', TODAY, 6));
    expect(other).toEqual(unknown);
    expect(other.message).toBe(
      'Beneficiary introuvable ou hors de votre périmètre. / Beneficiary not found or not within your reach.',
    );
  });

  it('refuses a minor, and a person under curatelle unless a documented override (L271-1)', async () => {
    const minor = await person(addDays(addMonths(TODAY, -12 * 18), 1));
    expect(
      (
        await as(worker, CHECK, {
          input: { beneficiaryId: minor, checkedOn: TODAY, threatToHealthOrSafety: threat, capacityToConsent: true },
        })
      ).data.checkEligibility,
    ).toEqual({ eligible: false, refusals: ['NOT_ADULT'] });
    expect(await refused(worker, SIGN, contract(minor, TODAY, 6))).toMatchObject({
      code: 'NOT_ELIGIBLE',
      message: 'CASF L271-1 : la personne doit être majeure. / CASF L271-1: the person must be an adult.',
    });

    const protectedPerson = await person();
    await as(
      worker,
      `mutation($input: RecordProtectionMeasureInput!) { recordProtectionMeasure(input: $input) { id kind } }`,
      { input: { beneficiaryId: protectedPerson, kind: 'CURATELLE', startsOn: '2024-01-01' } },
    );
    expect(
      (
        await as(worker, CHECK, {
          input: {
            beneficiaryId: protectedPerson,
            checkedOn: TODAY,
            threatToHealthOrSafety: threat,
            capacityToConsent: true,
          },
        })
      ).data.checkEligibility,
    ).toEqual({ eligible: false, refusals: ['UNDER_PROTECTION_MEASURE'] });
    expect(
      (
        await as(worker, CHECK, {
          input: {
            beneficiaryId: protectedPerson,
            checkedOn: TODAY,
            threatToHealthOrSafety: threat,
            capacityToConsent: true,
            protectionOverride: 'Curatelle simple ; accord écrit du curateur.',
          },
        })
      ).data.checkEligibility,
    ).toEqual({ eligible: true, refusals: [] });
  });

  it("applies the département's own term bounds from their date, and says so", async () => {
    const id = await person();
    await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: threat, capacityToConsent: true },
    });
    const set = await as(
      encadrant,
      `mutation($input: SetDepartmentParameterInput!) { setDepartmentParameter(input: $input) { key validFrom value } }`,
      {
        input: {
          key: 'CONTRACT_MAX_MONTHS',
          validFrom: '2090-01-01',
          value: 6,
          source: 'Délibération test (pratique locale 3 à 6 mois)',
        },
      },
    );
    expect(set.data.setDepartmentParameter).toEqual({
      key: 'CONTRACT_MAX_MONTHS',
      validFrom: '2090-01-01',
      value: '6',
    });
    expect(
      (
        await refused(
          worker,
          `mutation($input: SetDepartmentParameterInput!) { setDepartmentParameter(input: $input) { key } }`,
          { input: { key: 'CONTRACT_MAX_MONTHS', validFrom: '2090-01-01', value: 6, source: 's' } },
        )
      ).code,
    ).toBe('FORBIDDEN');
    // signed today for a start after the new version (a decision is never dated in the future)
    const future = (startsOn: string) => ({ input: { ...contract(id, startsOn, 12).input, signedOn: TODAY } });
    const r = await refused(worker, SIGN, future('2090-02-01'));
    expect(r.code).toBe('CONTRACT_TERM_OUT_OF_RANGE');
    expect(r.extensions.rule).toBe('pratique départementale'); // the département's bounds, not the statute's
    expect(r.message).toContain(
      "Paramètre départemental CONTRACT_MIN_MONTHS/CONTRACT_MAX_MONTHS (CASF L271-2): this département sets a contract's term between 6 and 6 months (requested: 12; the statute says 6 to 24).",
    );
    // before the new version: the statute's bounds
    expect((await as(worker, SIGN, future('2089-12-01'))).errors).toBeUndefined();
  });

  it('delegates only a MASP 2 in force, and not twice; ends a delegation once', async () => {
    const id = await person();
    await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: threat, capacityToConsent: true },
    });
    const m1 = (await as(worker, SIGN, contract(id, addDays(TODAY, -10), 12))).data.signContract.id;
    const DELEGATE = `mutation($input: DelegateMeasureInput!) { delegateMeasure(input: $input) { id } }`;
    const input = {
      measureId: m1,
      associationOrgId: DEMO_ORGS.associationB,
      conventionRef: demoConventionRef(DEMO_ORGS.associationB),
      startsOn: TODAY,
    };
    expect(await refused(worker, DELEGATE, { input })).toMatchObject({
      code: 'DELEGATION_NOT_ALLOWED',
      message:
        'pratique départementale : seule une MASP 2 en cours peut être déléguée. / pratique départementale: only a MASP 2 in force can be delegated.',
    });
    expect((await refused(worker, DELEGATE, { input })).extensions).toMatchObject({
      code: 'DELEGATION_NOT_ALLOWED',
      rule: 'pratique départementale',
    });
    await as(worker, `mutation($input: SignAvenantInput!) { signAvenant(input: $input) { id } }`, {
      input: {
        measureId: m1,
        signedOn: TODAY,
        toLevel: 'MASP_2',
        managedBenefits: ['AAH'],
        benefitsAuthorisation: { signedOn: TODAY, benefits: ['AAH'] },
      },
    });
    const d = (await as(worker, DELEGATE, { input })).data.delegateMeasure.id;
    const END = `mutation($input: EndDelegationInput!) { endDelegation(input: $input) { endsOn } }`;
    expect((await as(worker, END, { input: { delegationId: d, endsOn: TODAY } })).data.endDelegation.endsOn).toBe(
      TODAY,
    );
    expect((await refused(worker, END, { input: { delegationId: d, endsOn: TODAY } })).code).toBe(
      'DELEGATION_ALREADY_ENDED',
    );
  });

  it('keeps the L271-6 steps in order, and refuses a MAJ under a protection measure (C. civ. 495-1)', async () => {
    const id = await person();
    const report = {
      input: { beneficiaryId: id, openedOn: TODAY, socialEvaluation: 's', financialEvaluation: 'f', actionsBilan: 'b' },
    };
    expect(await refused(worker, REPORT, report)).toMatchObject({
      code: 'L271_6_WITHOUT_MASP_FAILURE',
      message: expect.stringContaining('CASF L271-6: the report to the procureur follows a MASP that failed'),
    });
    await as(worker, `mutation($input: RecordContractRefusalInput!) { recordContractRefusal(input: $input) { id } }`, {
      input: { beneficiaryId: id, kind: 'REFUSAL', recordedOn: TODAY },
    });
    const reportId = (await as(worker, REPORT, report)).data.openL2716Report.id;
    expect((await refused(worker, REPORT, report)).code).toBe('L271_6_REPORT_ALREADY_OPEN');
    const DECIDE = `mutation($input: RecordProcureurDecisionInput!) { recordProcureurDecision(input: $input) { status } }`;
    expect(
      await refused(worker, DECIDE, { input: { reportId, outcome: 'REFERRED_TO_JUDGE', decidedOn: TODAY } }),
    ).toMatchObject({
      code: 'L271_6_REPORT_STATE',
      message:
        'CASF L271-6 : le rapport est en préparation, cette étape demande un rapport transmis au procureur. / CASF L271-6: the report is DRAFT; this step needs SENT.',
    });
    await as(worker, `mutation($input: SendL2716ReportInput!) { sendL2716Report(input: $input) { status } }`, {
      input: { reportId, sentOn: TODAY },
    });
    await as(worker, DECIDE, { input: { reportId, outcome: 'REFERRED_TO_JUDGE', decidedOn: TODAY } });
    const NOTICE = `mutation($input: RecordMajNoticeInput!) { recordMajNotice(input: $input) { id } }`;
    const notice = {
      input: {
        beneficiaryId: id,
        mandataireOrgId: MJPM_ORG,
        judgmentOn: TODAY,
        court: 'TJ',
        reference: 'RG',
        startsOn: addDays(TODAY, -1),
        endsOn: addMonths(TODAY, 12),
      },
    };
    expect((await as(worker, NOTICE, notice)).errors).toBeUndefined();
    // one MAJ at a time: the département's practice, not C. civ. 495-8 (the duration)
    expect((await refused(worker, NOTICE, notice)).extensions).toMatchObject({
      code: 'MAJ_NOTICE_ALREADY_ACTIVE',
      rule: 'pratique départementale',
    });
    expect(await refused(worker, SIGN, contract(id, TODAY, 6))).toMatchObject({
      code: 'MEASURE_DURING_MAJ',
      message:
        "CASF L271-1 : une MAJ est en cours : une MASP peut lui succéder une fois terminée, pas s'y ajouter. / " +
        'CASF L271-1: a MAJ is in force: a MASP may follow it once it ended, not run beside it.',
    });
    expect((await as(mjpm, `query($id: ID!) { beneficiary(id: $id) { id } }`, { id })).data.beneficiary).toEqual({
      id,
    });
    // Opening a sauvegarde de justice ends the MAJ, and the MJPM's reach with it.
    await as(
      worker,
      `mutation($input: RecordProtectionMeasureInput!) { recordProtectionMeasure(input: $input) { id } }`,
      { input: { beneficiaryId: id, kind: 'SAUVEGARDE_JUSTICE', startsOn: TODAY } },
    );
    expect((await as(mjpm, `query($id: ID!) { beneficiary(id: $id) { id } }`, { id })).errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    expect(await refused(worker, NOTICE, { input: { ...notice.input, startsOn: TODAY } })).toMatchObject({
      code: 'MAJ_INCOMPATIBLE_PROTECTION',
      message:
        'C. civ. 495-1 : une MAJ est incompatible avec une mesure de protection en cours (sauvegarde de justice). / ' +
        'C. civ. 495-1: a MAJ is incompatible with a protection measure in force (SAUVEGARDE_JUSTICE).',
    });
  });

  it('records the author of every write in the access log, in the same transaction', async () => {
    const id = await person();
    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT sub, org_id, roles, action, detail, domains FROM department.access_log WHERE beneficiary_id = $1 ORDER BY id`,
        [id],
      );
      expect(rows).toEqual([
        {
          sub: 'ts-refusals-1',
          org_id: DEMO_ORGS.departement,
          roles: 'TRAVAILLEUR_SOCIAL',
          action: 'WRITE',
          detail: 'referBeneficiary',
          domains: ['IDENTITY', 'SOCIAL'],
        },
        {
          sub: 'ts-refusals-1',
          org_id: DEMO_ORGS.departement,
          roles: 'TRAVAILLEUR_SOCIAL',
          action: 'WRITE',
          detail: 'recordBenefitReceived',
          domains: ['BENEFITS'],
        },
      ]);
      // A refused write leaves neither the row nor its record.
      await as(worker, SIGN, contract(id, TODAY, 25));
      const after = await db.query(`SELECT count(*)::int AS n FROM department.access_log WHERE beneficiary_id = $1`, [
        id,
      ]);
      expect(after.rows[0].n).toBe(2);
    } finally {
      await db.end();
    }
  });
});

describe('department › N+1 free on the new relations', () => {
  it('the SQL statements of a caseload with benefits, evaluations, terms and delegations do not grow with its size', async () => {
    const enc = {
      sub: 'enc-n1',
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
    };
    const query = (
      n: number,
    ) => `{ caseload(first: ${n}) { id benefits { kind tier } evaluations { kind diagnosis } handoverSummary protectionMeasures { kind }
      eligibilityChecks { eligible } l2716Reports { status } directPaymentRequests { status } majNotices { mandataireOrgId }
      measures { id level cumulativeMonths terms { seq months } delegations { associationOrgId conventionRef } avenants { toLevel } directPaymentJudgments { reference } } } }`;
    const count = async (n: number) => {
      let statements = 0;
      const listener = (r: { statements: number }) => {
        statements += r.statements;
      };
      hub.subgraphs.department.server.events.on('request', listener);
      const body = await as(enc, query(n));
      hub.subgraphs.department.server.events.off('request', listener);
      expect(body.errors).toBeUndefined();
      expect(body.data.caseload).toHaveLength(n);
      return statements;
    };
    const small = await count(2);
    // the page with its measures, the relations of each level started together as one statement each (kit/db/loaders.ts
    // createTogetherLoader), the jti claim with the access log: a few, the same for 2 and 100 persons
    expect(small).toBeGreaterThanOrEqual(3);
    expect(await count(100)).toBe(small);
  });
});

describe('department › référent, household, benefits ending, dated parameters', () => {
  it('an ENCADRANT hands a file to another référent, who then reaches it; the household is updated', async () => {
    const id = await person();
    expect(
      (await as(otherWorker, `query($id: ID!) { beneficiary(id: $id) { id } }`, { id })).errors[0].extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await refused(worker, `mutation($input: AssignReferentInput!) { assignReferent(input: $input) { id } }`, {
          input: { beneficiaryId: id, referentSub: 'ts-refusals-2' },
        })
      ).code,
    ).toBe('FORBIDDEN');
    const assigned = await as(
      encadrant,
      `mutation($input: AssignReferentInput!) { assignReferent(input: $input) { id territory } }`,
      { input: { beneficiaryId: id, referentSub: 'ts-refusals-2' } },
    );
    expect(assigned.data.assignReferent).toEqual({ id, territory: 'TEST-REFUSALS' });
    const household = await as(
      otherWorker,
      `mutation($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { householdType dependants } }`,
      { input: { beneficiaryId: id, householdType: 'SINGLE_PARENT', dependants: 2 } },
    );
    expect(household).toEqual({ data: { updateHousehold: { householdType: 'SINGLE_PARENT', dependants: 2 } } });
    expect(
      (await as(worker, `query($id: ID!) { beneficiary(id: $id) { id } }`, { id })).errors[0].extensions.code,
    ).toBe('FORBIDDEN');
  });

  it('does not renew a contract once the benefits ended, unless a documented exception (L271-2)', async () => {
    const id = await person();
    await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: threat, capacityToConsent: true },
    });
    const measureId = (await as(worker, SIGN, contract(id, addDays(TODAY, -60), 6))).data.signContract.id;
    const benefits = await as(worker, `query($id: ID!) { beneficiary(id: $id) { benefits { id } } }`, { id });
    await as(worker, `mutation($input: EndBenefitInput!) { endBenefitReceived(input: $input) { endsOn } }`, {
      input: { benefitId: benefits.data.beneficiary.benefits[0].id, endsOn: addDays(TODAY, -5) },
    });
    const evaluationId = (
      await as(worker, `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { id } }`, {
        input: { beneficiaryId: id, kind: 'RESULTATS', evaluatedOn: TODAY },
      })
    ).data.recordEvaluation.id;
    const RENEW = `mutation($input: RenewContractInput!) { renewContract(input: $input) { cumulativeMonths } }`;
    const r = await refused(worker, RENEW, { input: { measureId, months: 6, evaluationId, decidedOn: TODAY } });
    expect(r).toMatchObject({
      code: 'RENEWAL_BENEFITS_ENDED',
      message: expect.stringContaining('CASF L271-1, L271-2: the person no longer receives a D271-2 benefit'),
    });
    const ok = await as(worker, RENEW, {
      input: {
        measureId,
        months: 6,
        evaluationId,
        decidedOn: TODAY,
        exception: "Renouvellement AAH en cours d'instruction à la MDPH.",
      },
    });
    expect(ok).toEqual({ data: { renewContract: { cumulativeMonths: 12 } } });
  });

  it('reads the scale on 1 January of the resources year (R471-5-3), refused before any AAH value', async () => {
    const id = await person();
    await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: threat, capacityToConsent: true },
    });
    const measureId = (await as(worker, SIGN, contract(id, TODAY, 6))).data.signContract.id;
    const SET = `mutation($input: SetContributionInput!) { setContribution(input: $input) { contributionMonthlyCents } }`;
    expect(
      await refused(worker, SET, {
        input: { measureId, annualResourcesCents: 2000000, monthlyCents: 100, decidedOn: '2023-06-01' },
      }),
    ).toMatchObject({ code: 'PARAMETER_MISSING', extensions: { key: 'AAH_ANNUAL_CENTS' } });
    // The scale's parameters are the département's own table: the rule is its practice, not an article.
    expect(
      (
        await refused(worker, SET, {
          input: { measureId, annualResourcesCents: 2000000, monthlyCents: 100, decidedOn: '2023-06-01' },
        })
      ).extensions.rule,
    ).toBe('pratique départementale');
    // Decided in 2025 on 2024 resources: the scale of 1 January 2024 (AAH of April 2023, 11 656,44 € a year; SMIC of
    // January 2024), not the AAH of April 2025. cap(20 000 €) = 10 % × (20 000 − 11 656,44) = 834,35 € a year
    // → 69,52 € a month at most.
    expect(
      (
        await as(worker, SET, {
          input: { measureId, annualResourcesCents: 2000000, monthlyCents: 6952, decidedOn: '2025-06-01' },
        })
      ).data.setContribution.contributionMonthlyCents,
    ).toBe(6952);
    const over = await refused(worker, SET, {
      input: { measureId, annualResourcesCents: 2000000, monthlyCents: 6953, decidedOn: '2025-06-01' },
    });
    expect(over).toMatchObject({ code: 'CONTRIBUTION_ABOVE_CAP', extensions: { capAnnualCents: 83435 } });
    // amounts in French money, not raw cents
    expect(over.message).toContain(
      'la contribution (834,36\u00a0€ par an) dépasse le plafond du barème (834,35\u00a0€ par an)',
    );
  });
});

import { OrgKind, Role } from '../../schema/policy';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../subgraphs/kit/rules/calendar';
import { startTestHub, TestHub } from '../helpers/hub';
import { personReferredToJudge } from '../helpers/maj-referral';

/**
 * Issue 17, the MAJ end to end through the gateway: the département records the notice, the MJPM service records the
 * MAJ from it, a tutelle the MJPM records ends the MAJ, closes the notice and the MJPM's reach at the département, and
 * the person is no longer eligible to a MASP without override. Facts travel by the hub's delivery: `hub.drainEvents`
 * waits for the facts about the test's person, whatever the other test files sharing the run's database deliver.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const MJPM_ORG = 'c0000000-0000-4000-8000-0000000000e2';
const worker = {
  sub: 'ts-e2e-maj',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const mjpm = { sub: 'mjpm-e2e', org_kind: OrgKind.MANDATAIRE, org_id: MJPM_ORG, roles: [Role.MJPM] };
async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { body } = await hub.query(await hub.token(claims), query, variables);
  return body;
}
/** Waits until the facts about this person have reached their partners. */
const drain = (personId: string) => hub.drainEvents({ beneficiaryId: personId });

describe('e2e › MAJ: born from the notice, ended by a tutelle, reach ends on both sides', () => {
  it('runs the whole propagation', async () => {
    const id = await personReferredToJudge(as, worker, {
      lastName: 'Parcours',
      birthDate: '1970-05-05',
      territory: 'TEST-E2E-MAJ',
    });
    const startsOn = addDays(TODAY, -1);
    const endsOn = addMonths(startsOn, 12);
    const judgment = {
      beneficiaryId: id,
      court: 'Tribunal judiciaire de Montargis',
      judgmentDate: startsOn,
      reference: 'RG E2E/1',
      procureurRequestReference: 'PR E2E/1',
      benefitsCovered: ['AAH'],
      startsOn,
      endsOn,
    };
    const RECORD = `mutation($input: RecordJudicialMeasureInput!) { recordJudicialMeasure(input: $input) { id noticeId } }`;
    // before the notice: refused
    expect((await as(mjpm, RECORD, { input: judgment })).errors[0].extensions.code).toBe('MAJ_WITHOUT_NOTICE');

    const notice = (
      await as(worker, `mutation($input: RecordMajNoticeInput!) { recordMajNotice(input: $input) { id } }`, {
        input: {
          beneficiaryId: id,
          mandataireOrgId: MJPM_ORG,
          judgmentOn: startsOn,
          court: 'Tribunal judiciaire de Montargis',
          reference: 'RG E2E/1',
          startsOn,
          endsOn,
        },
      })
    ).data.recordMajNotice;
    await drain(id);
    const maj = (await as(mjpm, RECORD, { input: judgment })).data.recordJudicialMeasure;
    expect(maj.noticeId).toBe(notice.id);
    await drain(id);
    const NOTICES = `query($id: ID!) { beneficiary(id: $id) { majNotices { id majId endsOn closedOn closeReason } } }`;
    expect((await as(worker, NOTICES, { id })).data.beneficiary.majNotices).toEqual([
      { id: notice.id, majId: maj.id, endsOn, closedOn: null, closeReason: null },
    ]);
    const PERSON = `query($id: ID!) { beneficiary(id: $id) { id lastName } }`;
    expect((await as(mjpm, PERSON, { id })).data.beneficiary.lastName).toBe('Parcours');

    const protect = await as(
      mjpm,
      `mutation($input: RecordMajProtectionMeasureInput!) { recordMajProtectionMeasure(input: $input) { id endedJudicialMeasureId } }`,
      { input: { beneficiaryId: id, kind: 'TUTELLE', openedOn: TODAY } },
    );
    expect(protect.data.recordMajProtectionMeasure.endedJudicialMeasureId).toBe(maj.id);
    await drain(id);
    expect((await as(worker, NOTICES, { id })).data.beneficiary.majNotices).toEqual([
      { id: notice.id, majId: maj.id, endsOn: TODAY, closedOn: TODAY, closeReason: 'MAJ_ENDED' },
    ]);
    expect((await as(mjpm, PERSON, { id })).errors[0].extensions.code).toBe('FORBIDDEN');
    const check = await as(
      worker,
      `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible refusals } }`,
      { input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: 'Impayés', capacityToConsent: true } },
    );
    expect(check.data.checkEligibility).toEqual({ eligible: false, refusals: ['UNDER_PROTECTION_MEASURE'] });
  });
});

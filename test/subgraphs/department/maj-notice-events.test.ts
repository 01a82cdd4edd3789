import { randomUUID } from 'node:crypto';
import { OrgKind, Role } from '../../../schema/policy';
import {
  closeMajNoticesPastTerm,
  handleMajEnded,
  handleMajRecorded,
  handleProtectionRecorded,
  relayPendingLeases,
} from '../../../subgraphs/department/events/maj.handlers';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { startTestHub, TestHub } from '../../helpers/hub';
import { holdDeliveriesInEachTest } from '../../helpers/outbox';
import { apply, enqueued, eventOf, holdDeliveries } from '../mandataire/facts';
import { personReferredToJudge } from '../../helpers/maj-referral';

/**
 * The département's side of issue 17 for the MAJ: the notice is the MAJ's source and the MJPM's reach, every end of
 * the MAJ (told by the MJPM, a protection measure recorded on either side, the term) closes it and is told to the MJPM
 * service; the leases travel to the MJPM through the département. Producers are checked on the jobs they enqueue
 * (graphile-worker's tables, in the write's transaction); consumers by calling their handler in a transaction.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await holdDeliveries(hub);
});
afterAll(async () => {
  await hub?.stop();
});
// The other files' hubs deliver from the same database: the jobs read here wait while each test runs.
holdDeliveriesInEachTest('department', 'mandataire');

const TODAY = todayIso();
const worker = {
  sub: 'ts-maj-events-1',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.TRAVAILLEUR_SOCIAL],
};
const MJPM_ORG = 'c0000000-0000-4000-8000-0000000000f7';
const mjpm = { sub: 'mjpm-maj-events', org_kind: OrgKind.MANDATAIRE, org_id: MJPM_ORG, roles: [Role.MJPM] };

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const { body } = await hub.query(await hub.token(claims), query, variables);
  return body;
}
const ds = () => hub.subgraphs.department.dataSource;
const jobsFor = async (beneficiaryId: string, types: Parameters<typeof enqueued>[2]) =>
  (await enqueued(ds(), 'department', types)).filter(
    (j) => (j.event.data as { beneficiaryId: string }).beneficiaryId === beneficiaryId,
  );

const NOTICE = `mutation($input: RecordMajNoticeInput!) { recordMajNotice(input: $input) { id endsOn majId closedOn closeReason } }`;
const PERSON = `query($id: ID!) { beneficiary(id: $id) { id lastName } }`;
const CHECK = `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible refusals } }`;

/** A person of the worker's, referred to the judge after a refused MASP (C. civ. 495-2): a notice may follow. */
const referredPerson = () =>
  personReferredToJudge(as, worker, { lastName: 'Avis', birthDate: '1975-03-03', territory: 'TEST-MAJ' });

const noticeInput = (beneficiaryId: string, over: Record<string, unknown> = {}) => ({
  beneficiaryId,
  mandataireOrgId: MJPM_ORG,
  judgmentOn: addDays(TODAY, -3),
  court: "Tribunal judiciaire d'Orléans",
  reference: 'RG 26/0042',
  startsOn: addDays(TODAY, -3),
  endsOn: addMonths(addDays(TODAY, -3), 12),
  ...over,
});

/** A lease of the person as the bailleur's `lease.recorded` leaves it here (department.lease_fact). */
async function leaseFact(beneficiaryId: string, landlord = DEMO_ORGS.bailleurs[1]) {
  const leaseId = randomUUID();
  await ds().query(
    `INSERT INTO department.lease_fact (lease_id, beneficiary_id, landlord_org_id, reference, rent_cents, charges_cents, starts_on)
     VALUES ($1, $2, $3, 'BAIL-T', 45000, 9000, '2022-01-01')`,
    [leaseId, beneficiaryId, landlord],
  );
  return leaseId;
}

async function personWithNotice() {
  const id = await referredPerson();
  const leaseId = await leaseFact(id);
  const { data, errors } = await as(worker, NOTICE, { input: noticeInput(id) });
  expect(errors).toBeUndefined();
  return { id, leaseId, noticeId: data.recordMajNotice.id as string };
}

describe('department › the MAJ notice is born at the département and travels to the MJPM service', () => {
  it('records the notice with its term, tells the MJPM service, and relays the person’s leases (only to it)', async () => {
    const id = await referredPerson();
    const leaseId = await leaseFact(id);
    // refused (no term): nothing written, nothing sent
    const refused = await as(worker, NOTICE, { input: noticeInput(id, { endsOn: null }) });
    expect(refused.errors[0].extensions).toMatchObject({ code: 'MAJ_TERM_OUT_OF_RANGE', rule: 'C. civ. 495-8' });
    expect(await jobsFor(id, ['maj-notice.recorded', 'lease.known'])).toEqual([]);

    const { data } = await as(worker, NOTICE, { input: noticeInput(id) });
    expect(data.recordMajNotice).toMatchObject({
      endsOn: addMonths(addDays(TODAY, -3), 12),
      majId: null,
      closedOn: null,
    });
    const jobs = await jobsFor(id, ['maj-notice.recorded', 'lease.known']);
    expect(jobs.map((j) => [j.to, j.event.type])).toEqual([
      ['mandataire', 'maj-notice.recorded'],
      ['mandataire', 'lease.known'],
    ]);
    expect(jobs[0].event.data).toEqual({
      noticeId: data.recordMajNotice.id,
      beneficiaryId: id,
      mandataireOrgId: MJPM_ORG,
      startsOn: addDays(TODAY, -3),
      endsOn: addMonths(addDays(TODAY, -3), 12),
      judgmentOn: addDays(TODAY, -3),
      court: "Tribunal judiciaire d'Orléans",
      reference: 'RG 26/0042',
    });
    expect(jobs[1].event.data).toEqual({
      leaseId,
      beneficiaryId: id,
      landlordOrgId: DEMO_ORGS.bailleurs[1],
      mandataireOrgId: MJPM_ORG,
      startsOn: '2022-01-01',
      endsOn: null,
    });
    // a lease change is relayed once (the scheduled relay, or the lease handlers through relayLeases)
    await ds().query(`UPDATE department.lease_fact SET ends_on = $2 WHERE lease_id = $1`, [
      leaseId,
      addDays(TODAY, 30),
    ]);
    await ds().transaction((tx) => relayPendingLeases(tx));
    await ds().transaction((tx) => relayPendingLeases(tx));
    const known = await jobsFor(id, ['lease.known']);
    expect(known.map((j) => (j.event.data as { endsOn: string | null }).endsOn)).toEqual([null, addDays(TODAY, 30)]);
    // the MJPM reaches the person while the notice is in force
    expect((await as(mjpm, PERSON, { id })).data.beneficiary).toEqual({ id, lastName: 'Avis' });
    // no MASP beside a MAJ (CASF L271-1)
    const check = await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: 'Impayés', capacityToConsent: true },
    });
    expect(check.data.checkEligibility).toEqual({ eligible: false, refusals: ['MAJ_IN_FORCE'] });
  });

  it('maj.recorded names the MAJ and moves the term (renewal, ≤ 48 months in all); applied twice = once', async () => {
    const { id, noticeId } = await personWithNotice();
    const majId = randomUUID();
    const startsOn = addDays(TODAY, -3);
    const recorded = eventOf(
      'maj.recorded',
      { majId, noticeId, beneficiaryId: id, startsOn, endsOn: addMonths(startsOn, 12) },
      'mandataire',
    );
    await apply(ds(), handleMajRecorded, recorded);
    await apply(ds(), handleMajRecorded, recorded);
    const renewed = eventOf(
      'maj.recorded',
      { majId, noticeId, beneficiaryId: id, startsOn, endsOn: addMonths(startsOn, 30) },
      'mandataire',
    );
    await apply(ds(), handleMajRecorded, renewed);
    const [row] = await ds().query(
      `SELECT maj_id, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.maj_notice WHERE id = $1`,
      [noticeId],
    );
    expect(row).toEqual({ maj_id: majId, ends_on: addMonths(startsOn, 30) });
    const tooLong = eventOf(
      'maj.recorded',
      { majId, noticeId, beneficiaryId: id, startsOn, endsOn: addDays(addMonths(startsOn, 48), 1) },
      'mandataire',
    );
    await expect(apply(ds(), handleMajRecorded, tooLong)).rejects.toMatchObject({
      extensions: { code: 'MAJ_TERM_OUT_OF_RANGE', rule: 'C. civ. 495-8' },
    });
  });

  it('maj.ended closes the notice, ends the MJPM’s reach, tells the référent and the MJPM service; applied twice = once', async () => {
    const { id, noticeId } = await personWithNotice();
    const majId = randomUUID();
    const startsOn = addDays(TODAY, -3);
    await apply(
      ds(),
      handleMajRecorded,
      eventOf(
        'maj.recorded',
        { majId, noticeId, beneficiaryId: id, startsOn, endsOn: addMonths(startsOn, 12) },
        'mandataire',
      ),
    );
    const ended = eventOf('maj.ended', { majId, beneficiaryId: id, endsOn: TODAY, reason: 'MAINLEVEE' }, 'mandataire');
    await apply(ds(), handleMajEnded, ended);
    await apply(ds(), handleMajEnded, ended);
    const notice = (
      await as(worker, `query($id: ID!) { beneficiary(id: $id) { majNotices { id endsOn closedOn closeReason } } }`, {
        id,
      })
    ).data.beneficiary.majNotices;
    expect(notice).toEqual([{ id: noticeId, endsOn: TODAY, closedOn: TODAY, closeReason: 'MAJ_ENDED' }]);
    expect((await as(mjpm, PERSON, { id })).errors[0].extensions.code).toBe('FORBIDDEN');
    const told = await ds().query(
      `SELECT audience_org_id, audience_sub, kind FROM department.notification WHERE beneficiary_id = $1`,
      [id],
    );
    expect(told).toEqual([{ audience_org_id: DEMO_ORGS.departement, audience_sub: worker.sub, kind: 'maj.ended' }]);
    const closed = await jobsFor(id, ['maj-notice.closed']);
    expect(closed.map((j) => j.event.data)).toEqual([
      { noticeId, beneficiaryId: id, mandataireOrgId: MJPM_ORG, endsOn: TODAY, reason: 'MAJ_ENDED' },
    ]);
    // a MASP may follow a MAJ that ended (CASF L271-1)
    const check = await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: 'Impayés', capacityToConsent: true },
    });
    expect(check.data.checkEligibility).toEqual({ eligible: true, refusals: [] });
  });

  it('a curatelle recorded by the MJPM service is kept here, closes the notice and bars a MASP; applied twice = once', async () => {
    const { id, noticeId } = await personWithNotice();
    const protectionId = randomUUID();
    const event = eventOf(
      'protection.recorded',
      { protectionId, beneficiaryId: id, kind: 'CURATELLE', startsOn: TODAY, endsOn: null },
      'mandataire',
    );
    await apply(ds(), handleProtectionRecorded, event);
    await apply(ds(), handleProtectionRecorded, event);
    const person = (
      await as(
        worker,
        `query($id: ID!) { beneficiary(id: $id) { protectionMeasures { id kind } majNotices { closedOn closeReason } } }`,
        { id },
      )
    ).data.beneficiary;
    expect(person).toEqual({
      protectionMeasures: [{ id: protectionId, kind: 'CURATELLE' }],
      majNotices: [{ closedOn: TODAY, closeReason: 'PROTECTION_MEASURE_OPENED' }],
    });
    const rows = await ds().query(`SELECT source FROM department.protection_measure WHERE beneficiary_id = $1`, [id]);
    expect(rows).toEqual([{ source: 'mandataire' }]);
    expect((await as(mjpm, PERSON, { id })).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await jobsFor(id, ['maj-notice.closed'])).map((j) => j.event.data)).toEqual([
      { noticeId, beneficiaryId: id, mandataireOrgId: MJPM_ORG, endsOn: TODAY, reason: 'PROTECTION_MEASURE_OPENED' },
    ]);
    const check = await as(worker, CHECK, {
      input: { beneficiaryId: id, checkedOn: TODAY, threatToHealthOrSafety: 'Impayés', capacityToConsent: true },
    });
    expect(check.data.checkEligibility).toEqual({ eligible: false, refusals: ['UNDER_PROTECTION_MEASURE'] });
    // a person the département does not know: nothing to apply, nothing refused
    await apply(
      ds(),
      handleProtectionRecorded,
      eventOf(
        'protection.recorded',
        { protectionId: randomUUID(), beneficiaryId: randomUUID(), kind: 'TUTELLE', startsOn: TODAY, endsOn: null },
        'mandataire',
      ),
    );
  });

  it('a tutelle recorded here closes the notice and tells the MJPM service both facts, in the same transaction', async () => {
    const { id, noticeId } = await personWithNotice();
    const PROTECT = `mutation($input: RecordProtectionMeasureInput!) { recordProtectionMeasure(input: $input) { id } }`;
    const bad = await as(worker, PROTECT, {
      input: { beneficiaryId: id, kind: 'TUTELLE', startsOn: TODAY, endsOn: TODAY },
    });
    expect(bad.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await jobsFor(id, ['protection.recorded', 'maj-notice.closed'])).toEqual([]);
    const saved = (await as(worker, PROTECT, { input: { beneficiaryId: id, kind: 'TUTELLE', startsOn: TODAY } })).data
      .recordProtectionMeasure;
    const jobs = await jobsFor(id, ['protection.recorded', 'maj-notice.closed']);
    expect(jobs.map((j) => [j.to, j.event.type, j.event.data])).toEqual([
      [
        'mandataire',
        'maj-notice.closed',
        { noticeId, beneficiaryId: id, mandataireOrgId: MJPM_ORG, endsOn: TODAY, reason: 'PROTECTION_MEASURE_OPENED' },
      ],
      [
        'mandataire',
        'protection.recorded',
        { protectionId: saved.id, beneficiaryId: id, kind: 'TUTELLE', startsOn: TODAY, endsOn: null },
      ],
    ]);
    expect((await as(mjpm, PERSON, { id })).errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('the scheduled job closes the notices past their term (TERM) once; the reach had already stopped by date', async () => {
    const { id, noticeId } = await personWithNotice();
    await ds().query(`UPDATE department.maj_notice SET starts_on = $2, ends_on = $3 WHERE id = $1`, [
      noticeId,
      addMonths(TODAY, -12),
      TODAY,
    ]);
    expect((await as(mjpm, PERSON, { id })).errors[0].extensions.code).toBe('FORBIDDEN');
    await ds().transaction((tx) => closeMajNoticesPastTerm(tx, TODAY));
    await ds().transaction((tx) => closeMajNoticesPastTerm(tx, TODAY));
    const [row] = await ds().query(
      `SELECT to_char(closed_on, 'YYYY-MM-DD') AS closed_on, close_reason FROM department.maj_notice WHERE id = $1`,
      [noticeId],
    );
    expect(row).toEqual({ closed_on: TODAY, close_reason: 'TERM' });
    expect((await jobsFor(id, ['maj-notice.closed'])).map((j) => (j.event.data as { reason: string }).reason)).toEqual([
      'TERM',
    ]);
  });

  it('endMajNotice closes the notice and tells the MJPM service', async () => {
    const { id, noticeId } = await personWithNotice();
    const END = `mutation($input: EndMajNoticeInput!) { endMajNotice(input: $input) { endsOn closedOn closeReason } }`;
    const ended = await as(worker, END, { input: { majNoticeId: noticeId, endsOn: TODAY } });
    expect(ended.data.endMajNotice).toEqual({ endsOn: TODAY, closedOn: TODAY, closeReason: 'ENDED_BY_DEPARTMENT' });
    expect((await jobsFor(id, ['maj-notice.closed'])).map((j) => (j.event.data as { reason: string }).reason)).toEqual([
      'ENDED_BY_DEPARTMENT',
    ]);
  });
});

import { randomUUID } from 'node:crypto';
import { OrgKind, Role } from '../../../schema/policy';
import {
  endMajsPastTerm,
  handleLeaseKnown,
  handleMajNoticeClosed,
  handleMajNoticeRecorded,
  handleProtectionRecorded,
} from '../../../subgraphs/mandataire/events/maj.handlers';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { startTestHub, TestHub } from '../../helpers/hub';
import { holdDeliveriesInEachTest } from '../../helpers/outbox';
import { apply, enqueued, eventOf, holdDeliveries } from './facts';

/**
 * Issue 17 at the mandataire: a MAJ exists only from the département's notice for that service, for a person the
 * département knows, under no protection measure recorded on either side, with the judgment's term (C. civ. 495-2,
 * 495-1, 495-8); a rent payment names a lease of that person (C. civ. 495-7); every end (protection on either side,
 * notice closed, term) ends the MAJ, is told to the département, and ends the MJPM's reach by date.
 */
const SERVICE = 'c0000000-0000-4000-8000-000000000003';
const OTHER_SERVICE = 'c0000000-0000-4000-8000-000000000004';
let hub: TestHub;
let mjpm: string;
beforeAll(async () => {
  hub = await startTestHub();
  await holdDeliveries(hub);
  mjpm = await hub.token({ sub: 'mjpm-3', org_kind: OrgKind.MANDATAIRE, org_id: SERVICE, roles: [Role.MJPM] });
});
afterAll(async () => {
  await hub?.stop();
});
// The other files' hubs deliver from the same database: the jobs read here wait while each test runs.
holdDeliveriesInEachTest('mandataire', 'department');

const today = todayIso();
const startsOn = addDays(today, -5);
const endsOn = addMonths(startsOn, 18);
const ds = () => hub.subgraphs.mandataire.dataSource;
const RECORD = `mutation Record($input: RecordJudicialMeasureInput!) { recordJudicialMeasure(input: $input) { id noticeId status startsOn endsOn } }`;
const ONE = `query($id: ID!) { judicialMeasure(id: $id) { id status endedOn endReason } }`;
const POST = `mutation Post($input: RecordMajAccountOperationInput!) { recordMajAccountOperation(input: $input) { id balanceAfterCents leaseId } }`;
const PROTECT = `mutation Protect($input: RecordMajProtectionMeasureInput!) { recordMajProtectionMeasure(input: $input) { id endedJudicialMeasureId } }`;

const judgment = (beneficiaryId: string, over: Record<string, unknown> = {}) => ({
  beneficiaryId,
  court: 'Tribunal judiciaire de Montargis',
  judgmentDate: startsOn,
  reference: 'RG 26/00777',
  procureurRequestReference: 'PR 2026/011',
  benefitsCovered: ['AAH', 'APL'],
  startsOn,
  endsOn,
  ...over,
});

async function notice(beneficiaryId: string, over: Record<string, unknown> = {}) {
  const noticeId = randomUUID();
  await apply(
    ds(),
    handleMajNoticeRecorded,
    eventOf('maj-notice.recorded', {
      noticeId,
      beneficiaryId,
      mandataireOrgId: SERVICE,
      startsOn,
      endsOn,
      judgmentOn: startsOn,
      court: 'Tribunal judiciaire de Montargis',
      reference: 'RG 26/00777',
      ...over,
    }),
  );
  return noticeId;
}

const jobsFor = async (beneficiaryId: string, types: Parameters<typeof enqueued>[2]) =>
  (await enqueued(ds(), 'mandataire', types)).filter(
    (j) => (j.event.data as { beneficiaryId: string }).beneficiaryId === beneficiaryId,
  );
const majRows = (beneficiaryId: string) =>
  ds().query(`SELECT id FROM mandataire.judicial_measure WHERE beneficiary_id = $1`, [beneficiaryId]);

async function recordMaj(beneficiaryId: string) {
  const noticeId = await notice(beneficiaryId);
  const { body } = await hub.query(mjpm, RECORD, { input: judgment(beneficiaryId) });
  expect(body.errors).toBeUndefined();
  return { noticeId, maj: body.data.recordJudicialMeasure as { id: string } };
}

describe('mandataire › a MAJ is born from the département’s notice (C. civ. 495-2, 495-1, 495-8)', () => {
  it('refuses a MAJ with no notice (no referral, a person the département does not know), nothing written or sent', async () => {
    const nobody = randomUUID();
    const { body } = await hub.query(mjpm, RECORD, { input: judgment(nobody) });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({
      code: 'MAJ_WITHOUT_NOTICE',
      rule: 'C. civ. 495-2, CASF L271-6',
      field: 'majNoticeId',
    });
    expect(body.errors[0].message).toMatch(/^C\. civ\. 495-2, CASF L271-6 : .* \/ C\. civ\. 495-2, CASF L271-6: /);
    expect(await majRows(nobody)).toEqual([]);
    expect(await jobsFor(nobody, ['maj.recorded'])).toEqual([]);
  });

  it("refuses a MAJ from another service's notice, a closed notice, or a notice id of another person", async () => {
    const a = randomUUID();
    await notice(a, { mandataireOrgId: OTHER_SERVICE });
    expect((await hub.query(mjpm, RECORD, { input: judgment(a) })).body.errors[0].extensions.code).toBe(
      'MAJ_WITHOUT_NOTICE',
    );
    const b = randomUUID();
    const closed = await notice(b);
    await apply(
      ds(),
      handleMajNoticeClosed,
      eventOf('maj-notice.closed', {
        noticeId: closed,
        beneficiaryId: b,
        mandataireOrgId: SERVICE,
        endsOn: today,
        reason: 'ENDED_BY_DEPARTMENT',
      }),
    );
    expect((await hub.query(mjpm, RECORD, { input: judgment(b) })).body.errors[0].extensions.code).toBe(
      'MAJ_WITHOUT_NOTICE',
    );
    const c = randomUUID();
    const cNotice = await notice(c);
    const other = randomUUID();
    expect(
      (await hub.query(mjpm, RECORD, { input: judgment(other, { majNoticeId: cNotice }) })).body.errors[0].extensions
        .code,
    ).toBe('MAJ_WITHOUT_NOTICE');
    expect([...(await majRows(a)), ...(await majRows(b)), ...(await majRows(other))]).toEqual([]);
  });

  it('refuses a term other than the judgment’s, then records the MAJ from its notice and tells the département', async () => {
    const p = randomUUID();
    const noticeId = await notice(p);
    const other = await hub.query(mjpm, RECORD, { input: judgment(p, { endsOn: addMonths(startsOn, 24) }) });
    expect(other.body.errors[0].extensions).toMatchObject({
      code: 'MAJ_TERM_NOT_JUDGMENT',
      rule: 'C. civ. 495-8',
      field: 'endsOn',
      endsOn,
    });
    expect(await jobsFor(p, ['maj.recorded'])).toEqual([]);
    const { body } = await hub.query(mjpm, RECORD, { input: judgment(p) });
    expect(body).toEqual({
      data: { recordJudicialMeasure: { id: expect.any(String), noticeId, status: 'ACTIVE', startsOn, endsOn } },
    });
    const jobs = await jobsFor(p, ['maj.recorded']);
    expect(jobs).toEqual([
      {
        to: 'department',
        event: expect.objectContaining({
          type: 'maj.recorded',
          producer: 'mandataire',
          data: { majId: body.data.recordJudicialMeasure.id, noticeId, beneficiaryId: p, startsOn, endsOn },
        }),
      },
    ]);
  });

  it('refuses a MAJ for a person under a curatelle the département recorded (relayed here)', async () => {
    const p = randomUUID();
    await notice(p);
    await apply(
      ds(),
      handleProtectionRecorded,
      eventOf('protection.recorded', {
        protectionId: randomUUID(),
        beneficiaryId: p,
        kind: 'CURATELLE',
        startsOn: addMonths(today, -6),
        endsOn: null,
      }),
    );
    const { body } = await hub.query(mjpm, RECORD, { input: judgment(p) });
    expect(body.errors[0].extensions).toMatchObject({
      code: 'MAJ_INCOMPATIBLE_PROTECTION',
      rule: 'C. civ. 495-1',
      protectionKinds: ['CURATELLE'],
    });
    expect(await majRows(p)).toEqual([]);
  });
});

describe('mandataire › the notices the département sent the service', () => {
  it('lists its open notices (with the judgment, JUDICIAL), not another service’s nor a closed one', async () => {
    const p = randomUUID();
    const mine = await notice(p);
    const theirs = await notice(randomUUID(), { mandataireOrgId: OTHER_SERVICE });
    const closedFor = randomUUID();
    const closed = await notice(closedFor);
    await apply(
      ds(),
      handleMajNoticeClosed,
      eventOf('maj-notice.closed', {
        noticeId: closed,
        beneficiaryId: closedFor,
        mandataireOrgId: SERVICE,
        endsOn: today,
        reason: 'ENDED_BY_DEPARTMENT',
      }),
    );
    const LIST = `query($open: Boolean) { myMajNotices(first: 100, open: $open) { id startsOn endsOn court closedOn closeReason beneficiary { id } } }`;
    const listed = await hub.query(mjpm, LIST);
    expect(listed.body.errors).toBeUndefined();
    const open = listed.body.data.myMajNotices;
    const ids = open.map((n: { id: string }) => n.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(theirs);
    expect(ids).not.toContain(closed);
    expect(open.find((n: { id: string }) => n.id === mine)).toEqual({
      id: mine,
      startsOn,
      endsOn,
      court: 'Tribunal judiciaire de Montargis',
      closedOn: null,
      closeReason: null,
      beneficiary: { id: p },
    });
    const all = (await hub.query(mjpm, LIST, { open: false })).body.data.myMajNotices;
    expect(all.find((n: { id: string }) => n.id === closed)).toMatchObject({
      closedOn: today,
      closeReason: 'ENDED_BY_DEPARTMENT',
    });
    const encadrant = await hub.token({
      sub: 'enc-notices',
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
    });
    expect((await hub.query(encadrant, LIST)).body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('mandataire › rent is paid on a lease of the person (C. civ. 495-7)', () => {
  it("refuses another landlord's lease of another person and a random id; pays the person's own lease", async () => {
    const p = randomUUID();
    const { maj } = await recordMaj(p);
    const lease = (beneficiaryId: string, landlordOrgId: string) => {
      const leaseId = randomUUID();
      return apply(
        ds(),
        handleLeaseKnown,
        eventOf('lease.known', {
          leaseId,
          beneficiaryId,
          landlordOrgId,
          mandataireOrgId: SERVICE,
          startsOn: '2023-01-01',
          endsOn: null,
        }),
      ).then(() => leaseId);
    };
    const own = await lease(p, DEMO_ORGS.bailleurs[0]);
    const someoneElses = await lease(randomUUID(), DEMO_ORGS.bailleurs[2]);
    const post = (input: Record<string, unknown>) =>
      hub.query(mjpm, POST, { input: { judicialMeasureId: maj.id, operationDate: today, ...input } });
    expect((await post({ kind: 'OTHER_RECEIPT', amountCents: 100_000 })).body.errors).toBeUndefined();
    for (const leaseId of [someoneElses, randomUUID()]) {
      const { body } = await post({ kind: 'RENT_TO_LANDLORD', leaseId, amountCents: 50_000 });
      expect(body.data).toBeNull();
      expect(body.errors[0].extensions).toMatchObject({
        code: 'LEASE_NOT_OF_PERSON',
        rule: 'C. civ. 495-7',
        field: 'leaseId',
      });
    }
    const paid = await post({ kind: 'RENT_TO_LANDLORD', leaseId: own, amountCents: 50_000 });
    expect(paid.body.data.recordMajAccountOperation).toMatchObject({ balanceAfterCents: 50_000, leaseId: own });
    const ops = await ds().query(
      `SELECT lease_id FROM mandataire.maj_account_operation WHERE judicial_measure_id = $1`,
      [maj.id],
    );
    // nothing written on a refusal
    expect(ops.map((o: { lease_id: string | null }) => o.lease_id)).toEqual([null, own]);
  });
});

describe('mandataire › every end reaches the département, and the reach ends with it', () => {
  it('a tutelle recorded by the département ends the MAJ, tells the département, and ends the reach; applied twice = once', async () => {
    const p = randomUUID();
    const { maj } = await recordMaj(p);
    const protectionId = randomUUID();
    const event = eventOf('protection.recorded', {
      protectionId,
      beneficiaryId: p,
      kind: 'TUTELLE',
      startsOn: today,
      endsOn: null,
    });
    await apply(ds(), handleProtectionRecorded, event);
    await apply(ds(), handleProtectionRecorded, event);
    expect((await hub.query(mjpm, ONE, { id: maj.id })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const [row] = await ds().query(
      `SELECT status, to_char(ended_on, 'YYYY-MM-DD') AS ended_on, end_reason FROM mandataire.judicial_measure WHERE id = $1`,
      [maj.id],
    );
    expect(row).toEqual({ status: 'ENDED', ended_on: today, end_reason: 'PROTECTION_MEASURE_OPENED' });
    expect((await jobsFor(p, ['maj.ended'])).map((j) => j.event.data)).toEqual([
      { majId: maj.id, beneficiaryId: p, endsOn: today, reason: 'PROTECTION_MEASURE_OPENED' },
    ]);
    const kept = await ds().query(
      `SELECT id, kind, source, ended_judicial_measure_id FROM mandataire.protection_measure WHERE beneficiary_id = $1`,
      [p],
    );
    expect(kept).toEqual([
      { id: protectionId, kind: 'TUTELLE', source: 'department', ended_judicial_measure_id: maj.id },
    ]);
  });

  it('a tutelle the MJPM records ends its MAJ and travels to the département with the end', async () => {
    const p = randomUUID();
    const { maj } = await recordMaj(p);
    const { body } = await hub.query(mjpm, PROTECT, { input: { beneficiaryId: p, kind: 'TUTELLE', openedOn: today } });
    expect(body.data.recordMajProtectionMeasure.endedJudicialMeasureId).toBe(maj.id);
    const jobs = await jobsFor(p, ['maj.ended', 'protection.recorded']);
    expect(jobs.map((j) => [j.to, j.event.type, j.event.data])).toEqual([
      [
        'department',
        'maj.ended',
        { majId: maj.id, beneficiaryId: p, endsOn: today, reason: 'PROTECTION_MEASURE_OPENED' },
      ],
      [
        'department',
        'protection.recorded',
        {
          protectionId: body.data.recordMajProtectionMeasure.id,
          beneficiaryId: p,
          kind: 'TUTELLE',
          startsOn: today,
          endsOn: null,
        },
      ],
    ]);
  });

  it('a protection measure travels with its end as the day after its last day (the contract’s convention)', async () => {
    const p = randomUUID();
    await recordMaj(p);
    const lastDay = addDays(today, 10);
    const { body } = await hub.query(mjpm, PROTECT, {
      input: { beneficiaryId: p, kind: 'SAUVEGARDE_DE_JUSTICE', openedOn: today, endsOn: lastDay },
    });
    expect(body.errors).toBeUndefined();
    const [sent] = await jobsFor(p, ['protection.recorded']);
    expect(sent.event.data).toMatchObject({ kind: 'SAUVEGARDE_JUSTICE', startsOn: today, endsOn: addDays(lastDay, 1) });
    // and back: the département's end, the day after the last, is kept here as the last day
    const q = randomUUID();
    await apply(
      ds(),
      handleProtectionRecorded,
      eventOf('protection.recorded', {
        protectionId: randomUUID(),
        beneficiaryId: q,
        kind: 'SAUVEGARDE_JUSTICE',
        startsOn: today,
        endsOn: addDays(lastDay, 1),
      }),
    );
    const [kept] = await ds().query(
      `SELECT kind, to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM mandataire.protection_measure WHERE beneficiary_id = $1`,
      [q],
    );
    expect(kept).toEqual({ kind: 'SAUVEGARDE_DE_JUSTICE', ends_on: lastDay });
  });

  it('the département closing the notice ends the MAJ and the reach; applied twice = once', async () => {
    const p = randomUUID();
    const { maj, noticeId } = await recordMaj(p);
    const closed = eventOf('maj-notice.closed', {
      noticeId,
      beneficiaryId: p,
      mandataireOrgId: SERVICE,
      endsOn: today,
      reason: 'ENDED_BY_DEPARTMENT',
    });
    await apply(ds(), handleMajNoticeClosed, closed);
    await apply(ds(), handleMajNoticeClosed, closed);
    expect((await hub.query(mjpm, ONE, { id: maj.id })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await jobsFor(p, ['maj.ended'])).map((j) => j.event.data)).toEqual([
      { majId: maj.id, beneficiaryId: p, endsOn: today, reason: 'MAINLEVEE' },
    ]);
    const told = await ds().query(`SELECT kind FROM mandataire.notification WHERE beneficiary_id = $1 ORDER BY id`, [
      p,
    ]);
    expect(told).toEqual([{ kind: 'maj-notice.recorded' }, { kind: 'maj-notice.closed' }]);
  });

  it('the reach stops at the term before any job; the job then ends the MAJ once and tells the département', async () => {
    const p = randomUUID();
    const { maj } = await recordMaj(p);
    expect((await hub.query(mjpm, ONE, { id: maj.id })).body.data.judicialMeasure.status).toBe('ACTIVE');
    // the term has come (dates moved back, as if time had passed): no job has run yet
    const start = addMonths(today, -18);
    await ds().query(
      `UPDATE mandataire.judicial_measure SET starts_on = $2, judgment_date = $2, initial_ends_on = $3, ends_on = $3 WHERE id = $1`,
      [maj.id, start, today],
    );
    expect((await hub.query(mjpm, ONE, { id: maj.id })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    await ds().transaction((tx) => endMajsPastTerm(tx, today));
    await ds().transaction((tx) => endMajsPastTerm(tx, today));
    const [row] = await ds().query(
      `SELECT status, to_char(ended_on, 'YYYY-MM-DD') AS ended_on, end_reason FROM mandataire.judicial_measure WHERE id = $1`,
      [maj.id],
    );
    expect(row).toEqual({ status: 'ENDED', ended_on: today, end_reason: 'TERM' });
    expect((await jobsFor(p, ['maj.ended'])).map((j) => j.event.data)).toEqual([
      { majId: maj.id, beneficiaryId: p, endsOn: today, reason: 'TERM' },
    ]);
  });

  it('a renewal tells the département the new term', async () => {
    const p = randomUUID();
    const { maj, noticeId } = await recordMaj(p);
    const RENEW = `mutation Renew($input: RenewJudicialMeasureInput!) { renewJudicialMeasure(input: $input) { endsOn } }`;
    const newEndsOn = addMonths(endsOn, 12);
    const { body } = await hub.query(mjpm, RENEW, {
      input: { judicialMeasureId: maj.id, decidedOn: today, newEndsOn, reason: 'Dettes locatives non apurées.' },
    });
    expect(body.errors).toBeUndefined();
    expect((await jobsFor(p, ['maj.recorded'])).map((j) => (j.event.data as { endsOn: string }).endsOn)).toEqual([
      endsOn,
      newEndsOn,
    ]);
    expect((await jobsFor(p, ['maj.recorded']))[1].event.data).toMatchObject({ noticeId, majId: maj.id });
  });
});

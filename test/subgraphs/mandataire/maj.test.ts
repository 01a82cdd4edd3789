import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import { SAMPLE_QUERIES } from '../../../gateway/sample-queries';
import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { startTestHub, TestHub } from '../../helpers/hub';
import { handleLeaseKnown, handleMajNoticeRecorded } from '../../../subgraphs/mandataire/events/maj.handlers';
import { apply, eventOf } from './facts';

/**
 * The mandataire subgraph through the gateway. Writes go through a second MJPM service (SERVICE_2) and concern
 * persons no other test file counts (fresh ids, or seeded persons outside the MDD-ORLEANS territory without a MAJ),
 * so that the seeded demo the journeys test reads stays as it is.
 */
const SERVICE_2 = 'c0000000-0000-4000-8000-000000000002';
let hub: TestHub;
let mjpm: string; // the demo service
let mjpm2: string; // the second service
let encadrant: string; // département, whole territory
let delegue: string;

beforeAll(async () => {
  hub = await startTestHub();
  mjpm = await hub.token(DEMO_CALLERS['MJPM (service mandataire)']);
  mjpm2 = await hub.token({ sub: 'mjpm-2', org_kind: OrgKind.MANDATAIRE, org_id: SERVICE_2, roles: [Role.MJPM] });
  encadrant = await hub.token({
    sub: 'enc-all',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.ENCADRANT],
  });
  delegue = await hub.token(DEMO_CALLERS['DELEGUE (association A)']);
});
afterAll(async () => {
  await hub?.stop();
});

const today = todayIso();
const startsOn = addDays(today, -10);

const MAJ_FIELDS = `id noticeId status startsOn initialEndsOn endsOn endedOn endReason mandataireOrgId court reference procureurRequestReference reportReference benefitsCovered extensionOrdered`;
const RECORD = `mutation Record($input: RecordJudicialMeasureInput!) { recordJudicialMeasure(input: $input) { ${MAJ_FIELDS} } }`;
const RENEW = `mutation Renew($input: RenewJudicialMeasureInput!) { renewJudicialMeasure(input: $input) { id endsOn renewals { previousEndsOn newEndsOn reason } } }`;
const END = `mutation End($input: EndJudicialMeasureInput!) { endJudicialMeasure(input: $input) { id status endedOn endReason } }`;
const PROTECT = `mutation Protect($input: RecordMajProtectionMeasureInput!) { recordMajProtectionMeasure(input: $input) { id kind openedOn endedJudicialMeasureId } }`;
const POST = `mutation Post($input: RecordMajAccountOperationInput!) { recordMajAccountOperation(input: $input) { id judicialMeasureId direction kind amountCents balanceAfterCents operationDate benefitKind leaseId recordedBySub } }`;
const ACCOUNT = `query Account($id: ID!, $year: Int!) { managementAccount(judicialMeasureId: $id, year: $year) {
  judicialMeasureId year openingBalanceCents totalReceiptsCents totalPaymentsCents closingBalanceCents
  receipts { kind count totalCents } payments { kind count totalCents } } }`;

function judgment(overrides: Record<string, unknown> = {}) {
  return {
    beneficiaryId: randomUUID(),
    court: 'Tribunal judiciaire de Montargis',
    judgmentDate: startsOn,
    reference: 'RG 25/01234',
    procureurRequestReference: 'PR 2025/077',
    reportReference: 'L271-6 2025-042',
    benefitsCovered: ['RSA', 'APL'],
    extensionOrdered: false,
    startsOn,
    endsOn: addMonths(startsOn, 24),
    ...overrides,
  };
}

/**
 * The département's notice of a judgment for a service (as `maj-notice.recorded` brings it: the MAJ is recorded only
 * from one, C. civ. 495-2), with the judgment's dates.
 */
async function giveNotice(j: { beneficiaryId: string; startsOn: string; endsOn: string }, orgId = SERVICE_2) {
  const noticeId = randomUUID();
  await apply(
    hub.subgraphs.mandataire.dataSource,
    handleMajNoticeRecorded,
    eventOf('maj-notice.recorded', {
      noticeId,
      beneficiaryId: j.beneficiaryId,
      mandataireOrgId: orgId,
      startsOn: j.startsOn,
      endsOn: j.endsOn,
      judgmentOn: j.startsOn,
      court: 'Tribunal judiciaire de Montargis',
      reference: 'RG 25/01234',
    }),
  );
  return noticeId;
}

/** A lease of the person, as the département relays it to the MJPM (`lease.known`). */
async function giveLease(beneficiaryId: string, orgId = SERVICE_2) {
  const leaseId = randomUUID();
  await apply(
    hub.subgraphs.mandataire.dataSource,
    handleLeaseKnown,
    eventOf('lease.known', {
      leaseId,
      beneficiaryId,
      landlordOrgId: DEMO_ORGS.bailleurs[0],
      mandataireOrgId: orgId,
      startsOn: addMonths(startsOn, -12),
      endsOn: null,
    }),
  );
  return leaseId;
}

async function record(token: string, overrides: Record<string, unknown> = {}) {
  const input = judgment(overrides);
  await giveNotice(input);
  const { body } = await hub.query(token, RECORD, { input });
  expect(body.errors).toBeUndefined();
  return body.data.recordJudicialMeasure;
}

/**
 * The n-th (from the end) seeded person outside MDD-ORLEANS with no MAJ: département staff reach only the département's
 * persons. Counted from the end, apart from the persons the protection-measure tests take from the start.
 */
const runningMasp = (personId: string) =>
  hub.plan.delegations.some((d) => hub.plan.measures.some((m) => m.id === d.measureId && m.beneficiaryId === personId));
const departementPerson = (n: number) =>
  hub.plan.persons
    .filter((p) => p.territory !== 'MDD-ORLEANS' && !hub.plan.judicialMeasures.some((j) => j.beneficiaryId === p.id))
    // and no delegated MASP: a MAJ ends it (C. civ. 495-1), and the délégataire's files other test files count
    .filter((p) => !runningMasp(p.id))
    .at(-n)!.id;

const post = (token: string, input: Record<string, unknown>) =>
  hub.query(token, POST, { input: { operationDate: today, ...input } });
const codeOf = (body: { errors?: { extensions: { code: string } }[] }) => body.errors?.[0]?.extensions.code;

describe('mandataire › journey 4 (seeded demo)', () => {
  it('the MJPM sees its MAJ: judgment, benefits covered, account with rent paid to the lease, the person and the lease', async () => {
    const { body } = await hub.query(mjpm, SAMPLE_QUERIES.mandataireJourney.query);
    expect(body.errors).toBeUndefined();
    const files = body.data.myJudicialMeasures;
    expect(files.length).toBe(Math.min(5, hub.plan.judicialMeasures.length));
    for (const f of files) {
      const planned = hub.plan.judicialMeasures.find((j) => j.id === f.id)!;
      expect(f).toMatchObject({
        status: 'ACTIVE',
        startsOn: planned.startsOn,
        endsOn: planned.endsOn,
        court: planned.court,
        reference: planned.reference,
      });
      expect(f.procureurRequestReference).toMatch(/^PR \d{4}\/\d{3}$/);
      expect(f.benefitsCovered.length).toBeGreaterThan(0);
      expect(f.extensionOrdered).toBe(f.benefitsCovered.includes('AF'));
      expect(typeof f.beneficiary.lastName).toBe('string');
      const lease = hub.plan.leases.find((l) => l.beneficiaryId === planned.beneficiaryId)!;
      expect(f.beneficiary.leases.map((l: { id: string }) => l.id)).toContain(lease.id);
      if (f.accountOperations.length) {
        expect(f.account.balanceCents).toBe(f.accountOperations[0].balanceAfterCents);
        expect(f.accountOperations.every((o: { balanceAfterCents: number }) => o.balanceAfterCents >= 0)).toBe(true);
      }
    }
    // Rent paid to the landlord names the lease, which the bailleur subgraph resolves for the MJPM (it pays that rent).
    const rents = files
      .flatMap(
        (f: { accountOperations: { kind: string; lease: { id: string; reference: string } | null }[] }) =>
          f.accountOperations,
      )
      .filter((o: { kind: string }) => o.kind === 'RENT_TO_LANDLORD');
    expect(rents.length).toBeGreaterThan(0);
    for (const r of rents) expect(r.lease.reference).toBe(hub.plan.leases.find((l) => l.id === r.lease.id)!.reference);
  });

  it('pages the operations newest first with a cursor, with no overlap', async () => {
    const q = `query($after: ID) { myJudicialMeasures(first: 1) { accountOperations(first: 3, after: $after) { id balanceAfterCents } } }`;
    const first = (await hub.query(mjpm, q)).body.data.myJudicialMeasures[0].accountOperations;
    expect(first).toHaveLength(3);
    const next = (await hub.query(mjpm, q, { after: first[2].id })).body.data.myJudicialMeasures[0].accountOperations;
    expect(next.length).toBeGreaterThan(0);
    expect(next.map((o: { id: string }) => o.id)).not.toEqual(expect.arrayContaining([first[0].id]));
    const all = (await hub.query(mjpm, `{ myJudicialMeasures(first: 1) { accountOperations(first: 6) { id } } }`)).body
      .data.myJudicialMeasures[0].accountOperations;
    expect([...first, ...next].map((o: { id: string }) => o.id)).toEqual(
      all.slice(0, first.length + next.length).map((o: { id: string }) => o.id),
    );
  });

  it('the compte de gestion of a seeded MAJ adds up, and one year closes where the next opens', async () => {
    const j = hub.plan.judicialMeasures[0];
    const year = Number(today.slice(0, 4));
    const current = (await hub.query(mjpm, ACCOUNT, { id: j.id, year })).body;
    expect(current.errors).toBeUndefined();
    const a = current.data.managementAccount;
    const sum = (lines: { totalCents: number }[]) => lines.reduce((s, l) => s + l.totalCents, 0);
    expect(a.totalReceiptsCents).toBe(sum(a.receipts));
    expect(a.totalPaymentsCents).toBe(sum(a.payments));
    expect(a.closingBalanceCents).toBe(a.openingBalanceCents + a.totalReceiptsCents - a.totalPaymentsCents);
    const previous = (await hub.query(mjpm, ACCOUNT, { id: j.id, year: year - 1 })).body.data.managementAccount;
    expect(previous.closingBalanceCents).toBe(a.openingBalanceCents);
    const balance = (
      await hub.query(mjpm, `{ myJudicialMeasures(first: 100) { id account { balanceCents } } }`)
    ).body.data.myJudicialMeasures.find((m: { id: string }) => m.id === j.id);
    expect(a.closingBalanceCents).toBe(balance.account.balanceCents);
  });

  it('a DELEGUE holds neither JUDICIAL nor BUDGET and reaches no MAJ', async () => {
    const { body } = await hub.query(delegue, ACCOUNT, { id: hub.plan.judicialMeasures[0].id, year: 2025 });
    expect(body.data.managementAccount).toBeNull();
    expect(codeOf(body)).toBe('FORBIDDEN');
  });
});

describe('mandataire › recording a judgment (C. civ. 495-8, 495-4)', () => {
  it("records a 24-month MAJ for the caller's service, with its particulars, and refuses one day more", async () => {
    const m = await record(mjpm2);
    expect(m).toMatchObject({
      status: 'ACTIVE',
      startsOn,
      initialEndsOn: addMonths(startsOn, 24),
      endsOn: addMonths(startsOn, 24),
      endedOn: null,
      endReason: null,
      mandataireOrgId: SERVICE_2,
      procureurRequestReference: 'PR 2025/077',
      reportReference: 'L271-6 2025-042',
      benefitsCovered: ['APL', 'RSA'],
      extensionOrdered: false,
    });
    const { body } = await hub.query(mjpm2, RECORD, {
      input: judgment({ endsOn: addDays(addMonths(startsOn, 24), 1) }),
    });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({ code: 'MAJ_TERM_OUT_OF_RANGE', field: 'endsOn' });
    expect(body.errors[0].message).toMatch(/^C\. civ\. 495-8 : .* \/ C\. civ\. 495-8: /);
    expect(body.errors[0].extensions.rule).toBe('C. civ. 495-8');
    const m25 = await hub.query(mjpm2, RECORD, { input: judgment({ endsOn: addMonths(startsOn, 25) }) });
    expect(codeOf(m25.body)).toBe('MAJ_TERM_OUT_OF_RANGE');
  });

  it('refuses extension benefits unless the judgment orders them', async () => {
    const refused = await hub.query(mjpm2, RECORD, { input: judgment({ benefitsCovered: ['AAH', 'AF'] }) });
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'BENEFIT_EXTENSION_NOT_ORDERED',
      benefits: ['AF'],
    });
    const ordered = await record(mjpm2, { benefitsCovered: ['AF', 'AAH'], extensionOrdered: true });
    expect(ordered).toMatchObject({ benefitsCovered: ['AAH', 'AF'], extensionOrdered: true });
  });

  it('keeps one running MAJ per person', async () => {
    const beneficiaryId = randomUUID();
    const first = await record(mjpm2, { beneficiaryId });
    // the notice it was recorded from bears one MAJ
    const again = await hub.query(mjpm2, RECORD, { input: judgment({ beneficiaryId, majNoticeId: first.noticeId }) });
    expect(codeOf(again.body)).toBe('MAJ_ALREADY_ACTIVE');
    // a second notice (the département refuses one while the first runs) does not make a second MAJ either
    await giveNotice(judgment({ beneficiaryId }));
    const { body } = await hub.query(mjpm2, RECORD, { input: judgment({ beneficiaryId }) });
    expect(body.errors[0].extensions.code).toBe('MAJ_ALREADY_ACTIVE');
    // no article makes it: practice, not C. civ. 495-8 (the duration)
    expect(body.errors[0].message).toMatch(/^pratique départementale : une MAJ est déjà en cours/);
    expect(body.errors[0].extensions.rule).toBe('pratique départementale');
  });

  it('only an MJPM records a judgment', async () => {
    const { body } = await hub.query(encadrant, RECORD, { input: judgment() });
    expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['MJPM'] });
  });
});

describe('mandataire › renewals (C. civ. 495-8)', () => {
  it('renews by reasoned decision up to 48 months in all, and refuses beyond', async () => {
    const m = await record(mjpm2, { endsOn: addMonths(startsOn, 12) });
    const renew = (newEndsOn: string, reason = 'Dettes locatives non apurées, autonomie à consolider.') =>
      hub.query(mjpm2, RENEW, { input: { judicialMeasureId: m.id, decidedOn: today, newEndsOn, reason } });
    expect(codeOf((await renew(addMonths(startsOn, 36), '  ')).body)).toBe('MAJ_RENEWAL_REASON_REQUIRED');
    // 24 months + 1 day from the current term
    expect(codeOf((await renew(addDays(addMonths(startsOn, 36), 1))).body)).toBe('MAJ_TERM_OUT_OF_RANGE');
    const ok = await renew(addMonths(startsOn, 36));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.renewJudicialMeasure).toMatchObject({
      endsOn: addMonths(startsOn, 36),
      renewals: [
        {
          previousEndsOn: addMonths(startsOn, 12),
          newEndsOn: addMonths(startsOn, 36),
          reason: 'Dettes locatives non apurées, autonomie à consolider.',
        },
      ],
    });
    const over = await renew(addMonths(startsOn, 49));
    expect(over.body.errors[0].extensions).toMatchObject({ code: 'MAJ_TOTAL_EXCEEDED', maxMonths: 48 });
    expect(over.body.errors[0].message).toMatch(/48 mois.*48 months/);
    const last = await renew(addMonths(startsOn, 48));
    expect(last.body.data.renewJudicialMeasure.endsOn).toBe(addMonths(startsOn, 48));
    expect(last.body.data.renewJudicialMeasure.renewals).toHaveLength(2);
  });
});

describe('mandataire › ending and incompatible protection measures (C. civ. 495-1)', () => {
  // Seeded persons outside MDD-ORLEANS with no MAJ: the département reads them, no other test counts them.
  const persons = () =>
    hub.plan.persons.filter(
      (p) =>
        p.territory !== 'MDD-ORLEANS' &&
        !hub.plan.judicialMeasures.some((j) => j.beneficiaryId === p.id) &&
        !runningMasp(p.id),
    );

  it('opening a curatelle ends the running MAJ; the département sees the end and its reason; a new MAJ is refused', async () => {
    const person = persons()[0];
    const m = await record(mjpm2, { beneficiaryId: person.id });
    const protect = await hub.query(mjpm2, PROTECT, {
      input: { beneficiaryId: person.id, kind: 'CURATELLE', openedOn: today, court: 'TJ Montargis' },
    });
    expect(protect.body.errors).toBeUndefined();
    expect(protect.body.data.recordMajProtectionMeasure).toMatchObject({
      kind: 'CURATELLE',
      openedOn: today,
      endedJudicialMeasureId: m.id,
    });

    const seen = await hub.query(
      encadrant,
      `query($id: ID!) { beneficiary(id: $id) { id judicialMeasures { id status endedOn endReason } majProtectionMeasures { kind openedOn endedJudicialMeasureId } } }`,
      { id: person.id },
    );
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data.beneficiary.judicialMeasures).toEqual([
      { id: m.id, status: 'ENDED', endedOn: today, endReason: 'PROTECTION_MEASURE_OPENED' },
    ]);
    expect(seen.body.data.beneficiary.majProtectionMeasures).toEqual([
      { kind: 'CURATELLE', openedOn: today, endedJudicialMeasureId: m.id },
    ]);

    const input = judgment({
      beneficiaryId: person.id,
      judgmentDate: today,
      startsOn: today,
      endsOn: addMonths(today, 12),
    });
    await giveNotice(input);
    const again = await hub.query(mjpm2, RECORD, { input });
    expect(again.body.errors[0].extensions).toMatchObject({
      code: 'MAJ_INCOMPATIBLE_PROTECTION',
      protectionKinds: ['CURATELLE'],
    });
    expect(again.body.errors[0].message).toMatch(/C\. civ\. 495-1/);
    // The ended MAJ is out of the MJPM's reach (schema/policy.md › Row rules: while active).
    expect(codeOf((await hub.query(mjpm2, ACCOUNT, { id: m.id, year: 2025 })).body)).toBe('FORBIDDEN');
  });

  it('a sauvegarde de justice that ended before the MAJ starts does not refuse it', async () => {
    const person = persons()[1];
    const m = await record(mjpm2, { beneficiaryId: person.id });
    const past = await hub.query(mjpm2, PROTECT, {
      input: {
        beneficiaryId: person.id,
        kind: 'SAUVEGARDE_DE_JUSTICE',
        openedOn: addMonths(startsOn, -14),
        endsOn: addMonths(startsOn, -2),
      },
    });
    expect(past.body.data.recordMajProtectionMeasure.endedJudicialMeasureId).toBeNull();
    const stillActive = (
      await hub.query(mjpm2, `query($id: ID!) { judicialMeasure(id: $id) { status } }`, { id: m.id })
    ).body.data.judicialMeasure;
    expect(stillActive.status).toBe('ACTIVE');
  });

  it('ends a MAJ with its reason (mainlevée); the end is public to the département, its reason JUDICIAL', async () => {
    const person = persons()[2];
    const m = await record(mjpm2, { beneficiaryId: person.id });
    const refused = await hub.query(mjpm2, END, {
      input: { judicialMeasureId: m.id, endedOn: today, reason: 'PROTECTION_MEASURE_OPENED' },
    });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const ended = await hub.query(mjpm2, END, {
      input: { judicialMeasureId: m.id, endedOn: today, reason: 'MAINLEVEE' },
    });
    expect(ended.body.data.endJudicialMeasure).toEqual({
      id: m.id,
      status: 'ENDED',
      endedOn: today,
      endReason: 'MAINLEVEE',
    });
    const again = await hub.query(mjpm2, END, { input: { judicialMeasureId: m.id, endedOn: today, reason: 'TERM' } });
    expect(codeOf(again.body)).toBe('FORBIDDEN'); // no longer within the MJPM's reach
    const seen = await hub.query(
      encadrant,
      `query($id: ID!) { beneficiary(id: $id) { judicialMeasures { endedOn endReason } } }`,
      { id: person.id },
    );
    expect(seen.body.data.beneficiary.judicialMeasures).toEqual([{ endedOn: today, endReason: 'MAINLEVEE' }]);
  });
});

describe("mandataire › the person's account", () => {
  it('keeps a running balance in cents, refuses an overdraft and uncovered benefits, and records the author', async () => {
    const m = await record(mjpm2, { benefitsCovered: ['AAH', 'APL'] });
    const { beneficiaryId } = (
      await hub.subgraphs.mandataire.dataSource.query(
        `SELECT beneficiary_id AS "beneficiaryId" FROM mandataire.judicial_measure WHERE id = $1`,
        [m.id],
      )
    )[0];
    const leaseId = await giveLease(beneficiaryId);
    const aah = await post(mjpm2, {
      judicialMeasureId: m.id,
      kind: 'BENEFIT',
      benefitKind: 'AAH',
      amountCents: 103_300,
    });
    expect(aah.body.data.recordMajAccountOperation).toMatchObject({
      direction: 'RECEIPT',
      kind: 'BENEFIT',
      amountCents: 103_300,
      balanceAfterCents: 103_300,
      benefitKind: 'AAH',
      recordedBySub: 'mjpm-2',
    });
    const rent = await post(mjpm2, {
      judicialMeasureId: m.id,
      kind: 'RENT_TO_LANDLORD',
      leaseId,
      amountCents: 52_000,
      label: 'Loyer',
    });
    expect(rent.body.data.recordMajAccountOperation).toMatchObject({
      direction: 'PAYMENT',
      balanceAfterCents: 51_300,
      leaseId,
    });

    const overdraft = await post(mjpm2, { judicialMeasureId: m.id, kind: 'LIVING_ALLOWANCE', amountCents: 51_301 });
    expect(overdraft.body.errors[0].extensions).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      balanceCents: 51_300,
      amountCents: 51_301,
    });
    expect(overdraft.body.errors[0].message).toMatch(/C\. civ\. 495-7/);
    expect(overdraft.body.errors[0].extensions.rule).toBe('C. civ. 495-7');
    expect(
      codeOf(
        (await post(mjpm2, { judicialMeasureId: m.id, kind: 'BENEFIT', benefitKind: 'RSA', amountCents: 100 })).body,
      ),
    ).toBe('BENEFIT_NOT_COVERED');
    expect(
      (await post(mjpm2, { judicialMeasureId: m.id, kind: 'RENT_TO_LANDLORD', amountCents: 100 })).body.errors[0]
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leaseId' });
    expect(
      (
        await post(mjpm2, {
          judicialMeasureId: m.id,
          kind: 'ENERGY',
          amountCents: 100,
          operationDate: addDays(today, 1),
        })
      ).body.errors[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'operationDate' });
    expect(
      (await post(mjpm2, { judicialMeasureId: m.id, kind: 'ENERGY', amountCents: 0 })).body.errors[0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amountCents' });
    const zero = await post(mjpm2, { judicialMeasureId: m.id, kind: 'LIVING_ALLOWANCE', amountCents: 51_300 });
    expect(zero.body.data.recordMajAccountOperation.balanceAfterCents).toBe(0);

    const db = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await db.connect();
    try {
      const log = await db.query(
        `SELECT sub, org_id, action, detail, domains FROM mandataire.access_log WHERE beneficiary_id = (SELECT beneficiary_id FROM mandataire.judicial_measure WHERE id = $1) AND action = 'WRITE' ORDER BY id`,
        [m.id],
      );
      expect(log.rows.map((r) => r.detail)).toEqual([
        'recordJudicialMeasure',
        'recordMajAccountOperation',
        'recordMajAccountOperation',
        'recordMajAccountOperation',
      ]);
      expect(log.rows[1]).toMatchObject({ sub: 'mjpm-2', org_id: SERVICE_2, action: 'WRITE', domains: ['BUDGET'] });
      // The ledger is append-only, and its balances are checked by the database too.
      await expect(
        db.query(`UPDATE mandataire.maj_account_operation SET amount_cents = 1 WHERE judicial_measure_id = $1`, [m.id]),
      ).rejects.toThrow(/append-only/);
      await expect(
        db.query(`UPDATE mandataire.maj_account SET balance_cents = -1 WHERE judicial_measure_id = $1`, [m.id]),
      ).rejects.toThrow(/check/);
    } finally {
      await db.end();
    }
  });

  it('concurrent postings leave the right balance and an unbroken chain of balances', async () => {
    const m = await record(mjpm2, { benefitsCovered: ['RSA'] });
    const receipts = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        post(mjpm2, { judicialMeasureId: m.id, kind: 'OTHER_RECEIPT', amountCents: 1_000 + 4 * i }),
      ),
    );
    expect(receipts.every((r) => r.body.errors === undefined)).toBe(true);
    const total = Array.from({ length: 12 }, (_, i) => 1_000 + 4 * i).reduce((s, x) => s + x, 0);
    // Four payments of a quarter fit, the others must be refused, whatever the interleaving.
    const quarter = total / 4;
    expect(Number.isInteger(quarter)).toBe(true);
    const payments = await Promise.all(
      Array.from({ length: 7 }, () =>
        post(mjpm2, { judicialMeasureId: m.id, kind: 'DEBT_REPAYMENT', amountCents: quarter }),
      ),
    );
    expect(payments.map((p) => codeOf(p.body) ?? 'OK').sort()).toEqual([
      'INSUFFICIENT_BALANCE',
      'INSUFFICIENT_BALANCE',
      'INSUFFICIENT_BALANCE',
      'OK',
      'OK',
      'OK',
      'OK',
    ]);

    const { body } = await hub.query(
      mjpm2,
      `query($id: ID!, $year: Int!) { judicialMeasure(id: $id) { id account { balanceCents } accountOperations(first: 50) { direction amountCents balanceAfterCents } }
      managementAccount(judicialMeasureId: $id, year: $year) { closingBalanceCents totalReceiptsCents totalPaymentsCents } }`,
      { id: m.id, year: Number(today.slice(0, 4)) },
    );
    expect(body.errors).toBeUndefined();
    const mine = body.data.judicialMeasure;
    expect(mine.account.balanceCents).toBe(0);
    const ops = [...mine.accountOperations].reverse(); // oldest first
    expect(ops).toHaveLength(16);
    let running = 0;
    for (const o of ops) {
      running += o.direction === 'RECEIPT' ? o.amountCents : -o.amountCents;
      expect(o.balanceAfterCents).toBe(running);
    }
    expect(body.data.managementAccount).toEqual({
      closingBalanceCents: 0,
      totalReceiptsCents: total,
      totalPaymentsCents: total,
    });
  });

  it('the compte de gestion totals receipts and payments by kind', async () => {
    // A person of the département (who is not, an ENCADRANT does not reach: the registry of habilitations says so).
    const m = await record(mjpm2, { benefitsCovered: ['AAH', 'APL'], beneficiaryId: departementPerson(1) });
    const [lease1, lease2] = [await giveLease(departementPerson(1)), await giveLease(departementPerson(1))];
    for (const input of [
      { kind: 'BENEFIT', benefitKind: 'AAH', amountCents: 103_300 },
      { kind: 'BENEFIT', benefitKind: 'APL', amountCents: 28_000 },
      { kind: 'RENT_TO_LANDLORD', leaseId: lease1, amountCents: 52_000 },
      { kind: 'EARNED_INCOME', amountCents: 15_000 },
      { kind: 'LIVING_ALLOWANCE', amountCents: 30_000 },
      { kind: 'RENT_TO_LANDLORD', leaseId: lease2, amountCents: 52_000 },
    ])
      expect((await post(mjpm2, { judicialMeasureId: m.id, ...input })).body.errors).toBeUndefined();
    const year = Number(today.slice(0, 4));
    const { body } = await hub.query(mjpm2, ACCOUNT, { id: m.id, year });
    expect(body).toEqual({
      data: {
        managementAccount: {
          judicialMeasureId: m.id,
          year,
          openingBalanceCents: 0,
          totalReceiptsCents: 146_300,
          totalPaymentsCents: 134_000,
          closingBalanceCents: 12_300,
          receipts: [
            { kind: 'BENEFIT', count: 2, totalCents: 131_300 },
            { kind: 'EARNED_INCOME', count: 1, totalCents: 15_000 },
          ],
          payments: [
            { kind: 'RENT_TO_LANDLORD', count: 2, totalCents: 104_000 },
            { kind: 'LIVING_ALLOWANCE', count: 1, totalCents: 30_000 },
          ],
        },
      },
    });
    const before = await hub.query(mjpm2, ACCOUNT, { id: m.id, year: year - 1 });
    expect(before.body.data.managementAccount).toMatchObject({
      openingBalanceCents: 0,
      closingBalanceCents: 0,
      receipts: [],
      payments: [],
    });
    expect((await hub.query(mjpm2, ACCOUNT, { id: m.id, year: 1999 })).body.errors[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'year',
    });
    // Département staff read it too.
    expect(
      (await hub.query(encadrant, ACCOUNT, { id: m.id, year })).body.data.managementAccount.closingBalanceCents,
    ).toBe(12_300);
  });
});

describe('mandataire › reports', () => {
  const REPORT = `mutation Report($input: RecordMajReportInput!) { recordMajReport(input: $input) { id judicialMeasureId kind writtenOn content recordedBySub } }`;

  it('the MJPM records its report on a running MAJ; département staff read it', async () => {
    const m = await record(mjpm2, { beneficiaryId: departementPerson(2) });
    const content = 'Budget stabilisé ; loyers payés chaque mois ; autonomie partielle sur les courses.';
    const { body } = await hub.query(mjpm2, REPORT, {
      input: { judicialMeasureId: m.id, kind: 'ANNUAL', writtenOn: today, content },
    });
    expect(body).toEqual({
      data: {
        recordMajReport: {
          id: expect.any(String),
          judicialMeasureId: m.id,
          kind: 'ANNUAL',
          writtenOn: today,
          content,
          recordedBySub: 'mjpm-2',
        },
      },
    });
    const future = await hub.query(mjpm2, REPORT, {
      input: { judicialMeasureId: m.id, kind: 'FINAL', writtenOn: addDays(today, 1), content },
    });
    expect(future.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'writtenOn' });
    const empty = await hub.query(mjpm2, REPORT, {
      input: { judicialMeasureId: m.id, kind: 'FINAL', writtenOn: today, content: '  ' },
    });
    expect(empty.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
    const other = await hub.query(mjpm, REPORT, {
      input: { judicialMeasureId: m.id, kind: 'ANNUAL', writtenOn: today, content },
    });
    expect(codeOf(other.body)).toBe('FORBIDDEN');
    const read = await hub.query(
      encadrant,
      `query($id: ID!) { judicialMeasure(id: $id) { reports { kind content } } }`,
      { id: m.id },
    );
    expect(read.body).toEqual({ data: { judicialMeasure: { reports: [{ kind: 'ANNUAL', content }] } } });
  });
});

describe('mandataire › N+1 free', () => {
  it('the statements of journey 4 do not grow with the number of MAJ returned', async () => {
    const count = async (n: number) => {
      let statements = 0;
      const listen = (r: { statements: number }) => {
        statements += r.statements;
      };
      hub.subgraphs.mandataire.server.events.on('request', listen);
      const { body } = await hub.query(
        mjpm,
        SAMPLE_QUERIES.mandataireJourney.query.replace('first: 5)', `first: ${n})`),
      );
      hub.subgraphs.mandataire.server.events.off('request', listen);
      expect(body.errors).toBeUndefined();
      expect(body.data.myJudicialMeasures).toHaveLength(n);
      return statements;
    };
    expect(hub.plan.judicialMeasures.length).toBeGreaterThanOrEqual(4);
    expect(await count(4)).toBe(await count(1));
  });
});

describe('mandataire › another MJPM service reaches nothing', () => {
  it("neither the demo service nor the second sees the other's MAJ, accounts or persons, by query or mutation", async () => {
    const theirs = await record(mjpm2);
    const demo = hub.plan.judicialMeasures[0];
    const unknown = randomUUID();

    const list2 = (await hub.query(mjpm2, `{ myJudicialMeasures(first: 100) { id mandataireOrgId } }`)).body.data
      .myJudicialMeasures;
    expect(list2.every((x: { mandataireOrgId: string }) => x.mandataireOrgId === SERVICE_2)).toBe(true);
    expect(list2.map((x: { id: string }) => x.id)).not.toContain(demo.id);
    const list1 = (await hub.query(mjpm, `{ myJudicialMeasures(first: 100) { id } }`)).body.data.myJudicialMeasures;
    expect(list1.map((x: { id: string }) => x.id)).not.toContain(theirs.id);

    const ONE = `query($id: ID!) { judicialMeasure(id: $id) { id court } }`;
    const attempts: [string, string, Record<string, unknown>, Record<string, unknown>][] = [
      [mjpm, ONE, { id: theirs.id }, { id: unknown }],
      [mjpm2, ONE, { id: demo.id }, { id: unknown }],
      [mjpm, ACCOUNT, { id: theirs.id, year: 2025 }, { id: unknown, year: 2025 }],
      [mjpm2, ACCOUNT, { id: demo.id, year: 2025 }, { id: unknown, year: 2025 }],
      [
        mjpm,
        POST,
        { input: { judicialMeasureId: theirs.id, kind: 'OTHER_RECEIPT', amountCents: 100, operationDate: today } },
        { input: { judicialMeasureId: unknown, kind: 'OTHER_RECEIPT', amountCents: 100, operationDate: today } },
      ],
      [
        mjpm2,
        POST,
        { input: { judicialMeasureId: demo.id, kind: 'OTHER_RECEIPT', amountCents: 100, operationDate: today } },
        { input: { judicialMeasureId: unknown, kind: 'OTHER_RECEIPT', amountCents: 100, operationDate: today } },
      ],
      [
        mjpm,
        RENEW,
        {
          input: {
            judicialMeasureId: theirs.id,
            decidedOn: today,
            newEndsOn: addMonths(startsOn, 30),
            reason: 'Motifs détaillés du renouvellement.',
          },
        },
        {
          input: {
            judicialMeasureId: unknown,
            decidedOn: today,
            newEndsOn: addMonths(startsOn, 30),
            reason: 'Motifs détaillés du renouvellement.',
          },
        },
      ],
      [
        mjpm,
        END,
        { input: { judicialMeasureId: theirs.id, endedOn: today, reason: 'DEATH' } },
        { input: { judicialMeasureId: unknown, endedOn: today, reason: 'DEATH' } },
      ],
      [
        mjpm2,
        END,
        { input: { judicialMeasureId: demo.id, endedOn: today, reason: 'DEATH' } },
        { input: { judicialMeasureId: unknown, endedOn: today, reason: 'DEATH' } },
      ],
      [
        mjpm2,
        PROTECT,
        { input: { beneficiaryId: demo.beneficiaryId, kind: 'TUTELLE', openedOn: today } },
        { input: { beneficiaryId: unknown, kind: 'TUTELLE', openedOn: today } },
      ],
    ];
    for (const [token, query, target, nonexistent] of attempts) {
      const a = (await hub.query(token, query, target)).body;
      const b = (await hub.query(token, query, nonexistent)).body;
      expect(a.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(a.errors[0].message).toBe(b.errors[0].message); // no hint that the row exists
    }
    // Nothing was written: the demo MAJ is still running, its balance unchanged by the attempts.
    const demoNow = (await hub.query(mjpm, `query($id: ID!) { judicialMeasure(id: $id) { status } }`, { id: demo.id }))
      .body.data.judicialMeasure;
    expect(demoNow.status).toBe('ACTIVE');
    const theirsNow = (
      await hub.query(mjpm2, `query($id: ID!) { judicialMeasure(id: $id) { endsOn accountOperations { id } } }`, {
        id: theirs.id,
      })
    ).body.data.judicialMeasure;
    expect(theirsNow).toMatchObject({ endsOn: theirs.endsOn, accountOperations: [] });
  });
});

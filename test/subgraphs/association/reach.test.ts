import { randomUUID } from 'node:crypto';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import {
  caller,
  DELEGUE_A,
  DELEGUE_B,
  DELEGUE_T,
  ENCADRANT,
  endDelegation,
  grantDelegation,
  OTHER_TEST_ASSOCIATION,
  OPEN,
  openFile,
  operation,
  PLAN,
  POST,
  TEST_ASSOCIATION,
  thisMonth,
  today,
} from './helpers';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const BILAN = `mutation($input: RecordDelegationBilanInput!) { recordDelegationBilan(input: $input) { id kind writtenOn summary } }`;
const CLOSE = `mutation($input: CloseDelegatedFileInput!) { closeDelegatedFile(input: $input) { id status endedOn } }`;
const FILE = `query($id: ID!) { delegatedFile(id: $id) { id status account { balanceCents } bilans { kind summary } } }`;

describe("association › reach: association B reaches none of A's files", () => {
  const aFiles = () => hub.plan.delegations.filter((d) => d.associationOrgId === DEMO_ORGS.associationA);

  it('lists only its own files', async () => {
    const { body } = await hub.query(
      await hub.token(caller(DELEGUE_B)),
      `{ myDelegatedFiles(first: 100) { id associationOrgId budgetPlan { resteAVivreCents } } }`,
    );
    expect(body.errors).toBeUndefined();
    const a = new Set(aFiles().map((d) => d.id));
    expect(body.data.myDelegatedFiles.length).toBe(
      hub.plan.delegations.filter((d) => d.associationOrgId === DEMO_ORGS.associationB).length,
    );
    for (const f of body.data.myDelegatedFiles) {
      expect(f.associationOrgId).toBe(DEMO_ORGS.associationB);
      expect(a.has(f.id)).toBe(false);
    }
  });

  it("gets the same FORBIDDEN for A's file as for a file that does not exist", async () => {
    const t = await hub.token(caller(DELEGUE_B));
    const { body } = await hub.query(t, FILE, { id: aFiles()[0].id });
    expect(body.data.delegatedFile).toBeNull();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    const none = await hub.query(t, FILE, { id: randomUUID() });
    expect(none.body.errors[0].message).toBe(body.errors[0].message);
  });

  it("cannot write anything on A's file: every mutation answers FORBIDDEN, as for a file that does not exist, and A's ledger is unchanged", async () => {
    const aFile = aFiles()[0];
    const read = async () =>
      (
        await hub.query(
          await hub.token(caller(DELEGUE_A)),
          `query($id: ID!) { delegatedFile(id: $id) { account { balanceCents lastSeq } budgetPlan { id resteAVivreCents } benefits { kind monthlyAmountCents } bilans { id } } }`,
          { id: aFile.id },
        )
      ).body.data.delegatedFile;
    const before = await read();
    expect(before.account.lastSeq).toBeGreaterThanOrEqual(0);
    const t = await hub.token(caller(DELEGUE_B));
    const attempts = [
      await hub.query(t, POST, operation(aFile.id, 'TRANSFER_TO_PERSON', 100)),
      await hub.query(t, POST, operation(aFile.id, 'RECEIPT', 100, 'RSA')),
      await hub.query(t, PLAN, {
        input: { fileId: aFile.id, month: thisMonth(), lines: [{ kind: 'RESOURCE', label: 'RSA', amountCents: 100 }] },
      }),
      await hub.query(
        t,
        `mutation($input: RecordDelegatedBenefitInput!) { recordDelegatedBenefit(input: $input) { id } }`,
        { input: { fileId: aFile.id, kind: 'RSA', monthlyAmountCents: 100, payingBody: 'CAF' } },
      ),
      await hub.query(t, BILAN, { input: { fileId: aFile.id, kind: 'PROGRESS', writtenOn: today(), summary: 'x' } }),
    ];
    const nonexistent = await hub.query(t, POST, operation(randomUUID(), 'RECEIPT', 100, 'RSA'));
    for (const r of attempts) {
      expect(r.body.data).toBeNull();
      expect(r.body.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(r.body.errors[0].message).toBe(nonexistent.body.errors[0].message);
    }
    expect(await read()).toEqual(before);
  });

  it('reaches no file of another association, even one with money on it', async () => {
    const file = await openFile(hub, { rentAndChargesCents: 0 });
    await hub.query(await hub.token(caller(DELEGUE_T)), POST, operation(file.id, 'RECEIPT', 5000, 'RSA'));
    const t = await hub.token(caller(DELEGUE_B));
    expect((await hub.query(t, FILE, { id: file.id })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(
      (await hub.query(t, POST, operation(file.id, 'TRANSFER_TO_PERSON', 100))).body.errors[0].extensions.code,
    ).toBe('FORBIDDEN');
    const own = await hub.query(await hub.token(caller(DELEGUE_T)), FILE, { id: file.id });
    expect(own.body.data.delegatedFile).toMatchObject({
      status: 'ACTIVE',
      account: { balanceCents: 5000 },
      bilans: [],
    });
  });

  it('cannot open or close a file (département staff only)', async () => {
    const t = await hub.token(caller(DELEGUE_B));
    const open = await hub.query(t, OPEN, {
      input: {
        measureId: randomUUID(),
        beneficiaryId: randomUUID(),
        associationOrgId: DEMO_ORGS.associationB,
        workerSub: 'x',
        startedOn: today(),
        managedBenefits: ['RSA'],
        handoverSummary: 'x',
      },
    });
    expect(open.body.errors[0].extensions).toMatchObject({
      code: 'FORBIDDEN',
      requiredRoles: ['TRAVAILLEUR_SOCIAL', 'ENCADRANT'],
    });
    const close = await hub.query(t, CLOSE, { input: { fileId: aFiles()[0].id, endedOn: today() } });
    expect(close.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('association › lifecycle: ACTIVE → CLOSING (read-only) → final bilan → CLOSED', () => {
  it('opens, refuses a second open file for the measure, closes, keeps the file read-only until the final bilan, then removes the reach', async () => {
    const staff = await hub.token(caller(ENCADRANT));
    const delegue = await hub.token(caller(DELEGUE_T));
    const file = await openFile(hub, { rentAndChargesCents: 0 });
    const again = await hub.query(staff, OPEN, {
      input: {
        measureId: file.measureId,
        beneficiaryId: file.beneficiaryId,
        associationOrgId: TEST_ASSOCIATION,
        workerSub: 'x',
        startedOn: today(),
        handoverSummary: 'x',
      },
    });
    expect(again.body.errors[0].extensions.code).toBe('DELEGATED_FILE_EXISTS');
    expect(again.body.errors[0].extensions.rule).toBe('CASF L271-3');

    const progress = await hub.query(delegue, BILAN, {
      input: { fileId: file.id, kind: 'PROGRESS', writtenOn: today(), summary: 'Loyer payé, budget tenu.' },
    });
    expect(progress.body.data.recordDelegationBilan).toMatchObject({
      kind: 'PROGRESS',
      summary: 'Loyer payé, budget tenu.',
    });
    const earlyFinal = await hub.query(delegue, BILAN, {
      input: { fileId: file.id, kind: 'FINAL', writtenOn: today(), summary: 'x' },
    });
    expect(earlyFinal.body.errors[0].extensions).toMatchObject({ code: 'DELEGATED_FILE_NOT_ACTIVE', status: 'ACTIVE' });

    const closed = await hub.query(staff, CLOSE, { input: { fileId: file.id, endedOn: today() } });
    expect(closed.body.data.closeDelegatedFile).toEqual({ id: file.id, status: 'CLOSING', endedOn: today() });

    // CLOSING: still readable by the délégataire, but read-only.
    expect((await hub.query(delegue, FILE, { id: file.id })).body.data.delegatedFile.status).toBe('CLOSING');
    const write = await hub.query(delegue, POST, operation(file.id, 'RECEIPT', 100, 'RSA'));
    expect(write.body.errors[0].extensions).toMatchObject({ code: 'DELEGATED_FILE_NOT_ACTIVE', status: 'CLOSING' });
    expect(write.body.errors[0].message).toMatch(/CASF L271-3/);
    expect(write.body.errors[0].extensions.rule).toBe('CASF L271-3');

    const final = await hub.query(delegue, BILAN, {
      input: {
        fileId: file.id,
        kind: 'FINAL',
        writtenOn: today(),
        summary: 'Autonomie retrouvée ; fin de la délégation.',
      },
    });
    expect(final.body.data.recordDelegationBilan.kind).toBe('FINAL');

    // CLOSED: the délégataire reaches it no more; the département reads the final bilan handed back.
    expect((await hub.query(delegue, FILE, { id: file.id })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    const back = await hub.query(staff, FILE, { id: file.id });
    expect(back.body.data.delegatedFile.status).toBe('CLOSED');
    expect(back.body.data.delegatedFile.bilans.map((b: any) => b.kind)).toEqual(
      expect.arrayContaining(['FINAL', 'PROGRESS']),
    );

    // Once closed, the measure may be delegated again (the département ends the delegation, delegates anew).
    await endDelegation(hub, { ...file, endsOn: today() });
    await grantDelegation(hub, {
      measureId: file.measureId,
      beneficiaryId: file.beneficiaryId,
      associationOrgId: OTHER_TEST_ASSOCIATION,
      managedBenefits: ['RSA'],
      startsOn: today(),
    });
    const reopened = await hub.query(staff, OPEN, {
      input: {
        measureId: file.measureId,
        beneficiaryId: file.beneficiaryId,
        associationOrgId: OTHER_TEST_ASSOCIATION,
        workerSub: 'delegue-t2-1',
        startedOn: today(),
        managedBenefits: ['RSA'],
        handoverSummary: 'Reprise.',
      },
    });
    expect(reopened.body.data.openDelegatedFile).toMatchObject({
      status: 'ACTIVE',
      associationOrgId: OTHER_TEST_ASSOCIATION,
    });
  });
});

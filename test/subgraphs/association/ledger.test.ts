import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../../helpers/hub';
import {
  caller,
  DELEGUE_T,
  ENCADRANT,
  loggedPerson,
  TEST_ASSOCIATION,
  openFile,
  operation,
  PLAN,
  POST,
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

const delegueA = () => hub.token(caller(DELEGUE_T));
const ledgerOf = async (fileId: string) => {
  const { body } = await hub.query(
    await delegueA(),
    `query($id: ID!) { delegatedFile(id: $id) { account { balanceCents lastSeq overdraftLimitCents } operations(last: 100) { seq kind amountCents balanceAfterCents } } }`,
    { id: fileId },
  );
  expect(body.errors).toBeUndefined();
  return body.data.delegatedFile;
};

describe('association › managed benefits (CASF L271-2)', () => {
  it('records a benefit the file manages, and refuses one it does not with BENEFIT_NOT_MANAGED', async () => {
    const file = await openFile(hub, { managedBenefits: ['RSA'] });
    const record = `mutation($input: RecordDelegatedBenefitInput!) { recordDelegatedBenefit(input: $input) { id kind monthlyAmountCents payingBody } }`;
    const ok = await hub.query(await delegueA(), record, {
      input: { fileId: file.id, kind: 'RSA', monthlyAmountCents: 64600, payingBody: 'CAF du Loiret' },
    });
    expect(ok.body).toEqual({
      data: {
        recordDelegatedBenefit: {
          id: expect.any(String),
          kind: 'RSA',
          monthlyAmountCents: 64600,
          payingBody: 'CAF du Loiret',
        },
      },
    });
    const refused = await hub.query(await delegueA(), record, {
      input: { fileId: file.id, kind: 'AAH', monthlyAmountCents: 103300, payingBody: 'CAF du Loiret' },
    });
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors[0].extensions.code).toBe('BENEFIT_NOT_MANAGED');
    expect(refused.body.errors[0].message).toMatch(/CASF L271-2/);
    expect(refused.body.errors[0].extensions.rule).toBe('CASF L271-2');
    const receipt = await hub.query(await delegueA(), POST, operation(file.id, 'RECEIPT', 1000, 'AAH'));
    expect(receipt.body.errors[0].extensions.code).toBe('BENEFIT_NOT_MANAGED');
    const { body } = await hub.query(
      await delegueA(),
      `query($id: ID!) { delegatedFile(id: $id) { managedBenefits benefits { kind monthlyAmountCents } } }`,
      { id: file.id },
    );
    expect(body.data.delegatedFile).toEqual({
      managedBenefits: ['RSA'],
      benefits: [{ kind: 'RSA', monthlyAmountCents: 64600 }],
    });
  });
});

describe('association › budget plan: rent and charges first (CASF L271-2)', () => {
  const resources = [
    { kind: 'RESOURCE', label: 'RSA', amountCents: 64600, benefitKind: 'RSA' },
    { kind: 'RESOURCE', label: 'APL', amountCents: 25000, benefitKind: 'APL' },
    { kind: 'RESOURCE', label: 'APA', amountCents: 20000, benefitKind: 'APA' },
  ];
  let fileId: string;
  beforeAll(async () => {
    fileId = (await openFile(hub, { rentAndChargesCents: 50000 })).id;
  });

  it('accepts a plan paying rent first, earmarks on purpose, and computes the reste à vivre', async () => {
    const { body } = await hub.query(await delegueA(), PLAN, {
      input: {
        fileId,
        month: thisMonth(),
        lines: [
          ...resources,
          { kind: 'RENT_AND_CHARGES', label: 'Loyer', amountCents: 50000 },
          { kind: 'CARE', label: 'Aide à domicile', amountCents: 20000 },
          { kind: 'OTHER_CHARGE', label: 'Énergie', amountCents: 9000 },
        ],
      },
    });
    expect(body.errors).toBeUndefined();
    expect(body.data.setDelegatedBudgetPlan).toMatchObject({
      month: thisMonth(),
      rentAndChargesCents: 50000,
      careCents: 20000,
      otherChargesCents: 9000,
      resteAVivreCents: 30600,
    });
    expect(body.data.setDelegatedBudgetPlan.lines).toHaveLength(6);
  });

  it('refuses a plan paying energy before rent and charges are covered (RENT_NOT_COVERED_FIRST)', async () => {
    const { body } = await hub.query(await delegueA(), PLAN, {
      input: {
        fileId,
        month: thisMonth(),
        lines: [
          ...resources,
          { kind: 'RENT_AND_CHARGES', label: 'Loyer', amountCents: 49999 },
          { kind: 'CARE', label: 'Aide', amountCents: 20000 },
          { kind: 'OTHER_CHARGE', label: 'Énergie', amountCents: 9000 },
        ],
      },
    });
    expect(body.data).toBeNull();
    expect(body.errors[0].extensions).toMatchObject({
      code: 'RENT_NOT_COVERED_FIRST',
      rentDueCents: 50000,
      plannedCents: 49999,
    });
    expect(body.errors[0].message).toMatch(/CASF L271-2/);
  });

  it('refuses a plan spending the APA elsewhere than on care (EARMARKED_BENEFIT_MISUSED)', async () => {
    const { body } = await hub.query(await delegueA(), PLAN, {
      input: {
        fileId,
        month: thisMonth(),
        lines: [
          ...resources,
          { kind: 'RENT_AND_CHARGES', label: 'Loyer', amountCents: 50000 },
          { kind: 'CARE', label: 'Aide', amountCents: 10000 },
        ],
      },
    });
    expect(body.errors[0].extensions).toMatchObject({
      code: 'EARMARKED_BENEFIT_MISUSED',
      rule: 'CASF L232-3, L245-3',
      purpose: 'CARE',
      earmarkedCents: 20000,
      spentOnPurposeCents: 10000,
    });
    // The accepted plan is untouched.
    const read = await hub.query(
      await delegueA(),
      `query($id: ID!) { delegatedFile(id: $id) { budgetPlan { careCents resteAVivreCents } } }`,
      { id: fileId },
    );
    expect(read.body.data.delegatedFile.budgetPlan).toEqual({ careCents: 20000, resteAVivreCents: 30600 });
  });
});

describe('association › ledger of the managed account', () => {
  it('refuses a transfer before the month’s rent is paid, then accepts it once rent is paid', async () => {
    const { id } = await openFile(hub, { rentAndChargesCents: 50000 });
    const t = await delegueA();
    expect((await hub.query(t, POST, operation(id, 'RECEIPT', 90000, 'RSA'))).body.errors).toBeUndefined();
    const early = await hub.query(t, POST, operation(id, 'TRANSFER_TO_PERSON', 10000));
    expect(early.body.errors[0].extensions).toMatchObject({
      code: 'RENT_NOT_COVERED_FIRST',
      rentDueCents: 50000,
      rentPaidCents: 0,
    });
    expect(
      (await hub.query(t, POST, operation(id, 'RENT_PAYMENT', 50000))).body.data.postDelegatedOperation,
    ).toMatchObject({ seq: 2, balanceAfterCents: 40000 });
    const late = await hub.query(t, POST, operation(id, 'TRANSFER_TO_PERSON', 10000));
    expect(late.body.data.postDelegatedOperation).toEqual({
      id: expect.any(String),
      seq: 3,
      kind: 'TRANSFER_TO_PERSON',
      amountCents: 10000,
      balanceAfterCents: 30000,
      authorSub: 'delegue-t-1',
      authorOrgId: TEST_ASSOCIATION,
      overdraftId: null,
    });
  });

  it('refuses spending an unspent housing aid on something else (EARMARKED_BENEFIT_MISUSED)', async () => {
    const { id } = await openFile(hub, { rentAndChargesCents: 0 });
    const t = await delegueA();
    await hub.query(t, POST, operation(id, 'RECEIPT', 30000, 'APL'));
    await hub.query(t, POST, operation(id, 'RECEIPT', 50000, 'RSA'));
    const misuse = await hub.query(t, POST, operation(id, 'OTHER_PAYMENT', 50001));
    expect(misuse.body.errors[0].extensions).toMatchObject({ code: 'EARMARKED_BENEFIT_MISUSED', purpose: 'HOUSING' });
    expect((await hub.query(t, POST, operation(id, 'OTHER_PAYMENT', 50000))).body.errors).toBeUndefined();
  });

  it('refuses a payment below zero without an overdraft authorisation, and allows it down to the authorised limit', async () => {
    const { id } = await openFile(hub, { rentAndChargesCents: 0 });
    const t = await delegueA();
    await hub.query(t, POST, operation(id, 'RECEIPT', 10000, 'RSA'));
    const refused = await hub.query(t, POST, operation(id, 'OTHER_PAYMENT', 10001));
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors[0].extensions).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      balanceCents: 10000,
      overdraftLimitCents: 0,
      amountCents: 10001,
    });
    expect(refused.body.errors[0].extensions.rule).toBe('pratique départementale');

    // A DELEGUE may not authorise its own overdraft; the département may.
    const self = await hub.query(
      t,
      `mutation($input: AuthoriseDelegatedOverdraftInput!) { authoriseDelegatedOverdraft(input: $input) { id } }`,
      { input: { fileId: id, limitCents: 5000, reason: 'facture urgente' } },
    );
    expect(self.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const auth = await hub.query(
      await hub.token(caller(ENCADRANT)),
      `mutation($input: AuthoriseDelegatedOverdraftInput!) { authoriseDelegatedOverdraft(input: $input) { id limitCents validFrom authorisedBySub } }`,
      {
        input: {
          fileId: id,
          limitCents: 5000,
          reason: 'Facture d’énergie urgente, régularisée au prochain versement.',
        },
      },
    );
    expect(auth.body.data.authoriseDelegatedOverdraft).toMatchObject({
      limitCents: 5000,
      validFrom: today(),
      authorisedBySub: 'encadrant-mdd-orleans',
    });

    const within = await hub.query(t, POST, operation(id, 'OTHER_PAYMENT', 15000));
    expect(within.body.data.postDelegatedOperation).toMatchObject({
      balanceAfterCents: -5000,
      overdraftId: auth.body.data.authoriseDelegatedOverdraft.id,
    });
    const beyond = await hub.query(t, POST, operation(id, 'OTHER_PAYMENT', 1));
    expect(beyond.body.errors[0].extensions).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      balanceCents: -5000,
      overdraftLimitCents: 5000,
    });
    expect((await ledgerOf(id)).account).toEqual({ balanceCents: -5000, lastSeq: 2, overdraftLimitCents: 5000 });
  });

  it('stays exact under concurrent postings: final balance = sum of operations, balance_after chained without gaps', async () => {
    const { id } = await openFile(hub, { rentAndChargesCents: 0 });
    const t = await delegueA();
    const receipts = Array.from({ length: 12 }, (_, i) => 1000 * (i + 1)); // 78 000 in all
    const payments = Array.from({ length: 8 }, (_, i) => 700 + i); // 5 628 in all
    const results = await Promise.all([
      ...receipts.map((a) => hub.query(t, POST, operation(id, 'RECEIPT', a, 'RSA'))),
      ...payments.map((a) => hub.query(t, POST, operation(id, 'OTHER_PAYMENT', a))),
    ]);
    const accepted = results.filter((r) => !r.body.errors).map((r) => r.body.data.postDelegatedOperation);
    const refused = results.filter((r) => r.body.errors);
    // A payment may arrive before enough receipts: it is refused as INSUFFICIENT_BALANCE, never half-applied.
    for (const r of refused) expect(r.body.errors[0].extensions.code).toBe('INSUFFICIENT_BALANCE');
    expect(accepted.length + refused.length).toBe(20);
    expect(accepted.filter((o: any) => o.kind === 'RECEIPT')).toHaveLength(12);

    const { account, operations } = await ledgerOf(id);
    const ops = [...operations].reverse();
    expect(ops.map((o: any) => o.seq)).toEqual(Array.from({ length: accepted.length }, (_, i) => i + 1));
    let running = 0;
    for (const o of ops) {
      running += o.kind === 'RECEIPT' ? o.amountCents : -o.amountCents;
      expect(o.balanceAfterCents).toBe(running);
      expect(o.balanceAfterCents).toBeGreaterThanOrEqual(0);
    }
    const expected = accepted.reduce(
      (s: number, o: any) => s + (o.kind === 'RECEIPT' ? o.amountCents : -o.amountCents),
      0,
    );
    expect(account).toEqual({ balanceCents: expected, lastSeq: accepted.length, overdraftLimitCents: 0 });
    expect(running).toBe(expected);
  });

  it('pages the ledger newest first with a seq cursor', async () => {
    const { id } = await openFile(hub, { rentAndChargesCents: 0 });
    const t = await delegueA();
    for (const a of [100, 200, 300, 400, 500]) await hub.query(t, POST, operation(id, 'RECEIPT', a, 'RSA'));
    const page = async (beforeSeq?: number) =>
      (
        await hub.query(
          t,
          `query($id: ID!, $b: Int) { delegatedFile(id: $id) { operations(last: 2, beforeSeq: $b) { seq amountCents } } }`,
          { id, b: beforeSeq },
        )
      ).body.data.delegatedFile.operations;
    expect(await page()).toEqual([
      { seq: 5, amountCents: 500 },
      { seq: 4, amountCents: 400 },
    ]);
    expect(await page(4)).toEqual([
      { seq: 3, amountCents: 300 },
      { seq: 2, amountCents: 200 },
    ]);
    expect(await page(2)).toEqual([{ seq: 1, amountCents: 100 }]);
  });

  it('records every write with its author in the access log (kit recordWrite)', async () => {
    const { id, beneficiaryId } = await openFile(hub, { rentAndChargesCents: 0, beneficiaryId: loggedPerson(hub) });
    await hub.query(await delegueA(), POST, operation(id, 'RECEIPT', 100, 'RSA'));
    const ds = hub.subgraphs.association.dataSource;
    const rows = await ds.query(
      `SELECT sub, org_id, action, detail FROM association.access_log WHERE beneficiary_id = $1 AND action = 'WRITE' ORDER BY id`,
      [beneficiaryId],
    );
    expect(rows).toEqual([
      { sub: 'encadrant-mdd-orleans', org_id: DEMO_ORGS.departement, action: 'WRITE', detail: 'openDelegatedFile' },
      { sub: 'delegue-t-1', org_id: TEST_ASSOCIATION, action: 'WRITE', detail: 'postDelegatedOperation' },
    ]);
  });

  it('lets nobody change a balance or an operation outside the ledger', async () => {
    const { id } = await openFile(hub, { rentAndChargesCents: 0 });
    await hub.query(await delegueA(), POST, operation(id, 'RECEIPT', 100, 'RSA'));
    const ds = hub.subgraphs.association.dataSource;
    await expect(
      ds.query(`UPDATE association.delegated_account SET balance_cents = 999999 WHERE file_id = $1`, [id]),
    ).rejects.toThrow(/only through its ledger/);
    await expect(
      ds.query(`UPDATE association.delegated_operation SET amount_cents = 1 WHERE file_id = $1`, [id]),
    ).rejects.toThrow(/append-only/);
    await expect(
      ds.query(
        `INSERT INTO association.delegated_operation (file_id, beneficiary_id, kind, amount_cents, operated_on, label, author_sub, author_org_id)
      SELECT file_id, beneficiary_id, 'OTHER_PAYMENT', 101, current_date, 'x', 's', $2 FROM association.delegated_account WHERE file_id = $1`,
        [id, TEST_ASSOCIATION],
      ),
    ).rejects.toThrow(/no_negative_balance_without_overdraft/);
  });

  it('refuses ledger writes to a role other than DELEGUE', async () => {
    const { id } = await openFile(hub, {});
    const landlord = await hub.token({
      sub: 'g',
      org_kind: OrgKind.BAILLEUR,
      org_id: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
    });
    const { body } = await hub.query(landlord, POST, operation(id, 'RECEIPT', 100, 'RSA'));
    expect(body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', requiredRoles: ['DELEGUE'] });
  });
});

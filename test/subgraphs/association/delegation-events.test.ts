import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addDays, addMonths } from '../../../subgraphs/kit/rules/calendar';
import {
  handleContractBenefitsChanged,
  handleDelegationGranted,
} from '../../../subgraphs/association/events/delegation.handlers';
import { closeFilesAfterWindow } from '../../../subgraphs/association/resolvers/file-lifecycle';
import { startTestHub, TestHub } from '../../helpers/hub';
import {
  caller,
  DELEGUE_T,
  ENCADRANT,
  endDelegation,
  grantDelegation,
  OPEN,
  openFile,
  operation,
  OTHER_TEST_ASSOCIATION,
  POST,
  TEST_ASSOCIATION,
  today,
} from './helpers';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const FILE = `query($id: ID!) { delegatedFile(id: $id) { id status managedBenefits delegationEndsOn reachEndsOn } }`;
const BILAN = `mutation($input: RecordDelegationBilanInput!) { recordDelegationBilan(input: $input) { kind } }`;
const BENEFIT = `mutation($input: RecordDelegatedBenefitInput!) { recordDelegatedBenefit(input: $input) { kind } }`;
const db = (sql: string, params: unknown[] = []) => hub.subgraphs.association.dataSource.query(sql, params);
const inTx = <T>(fn: (tx: EntityManager) => Promise<T>) => hub.subgraphs.association.dataSource.transaction(fn);
/** The notifications about measure `measureId` (persons are drawn at random: one may have several files). */
const notifications = (measureId: string) =>
  db(`SELECT kind, audience_org_id, data FROM association.notification WHERE data->>'measureId' = $1 ORDER BY id`, [
    measureId,
  ]);
/** A person of the demo the ENCADRANT reaches, whom no other test reads through the association. */
const personOf = () => {
  const pool = hub.plan.persons.filter(
    (p) => p.territory === 'MDD-ORLEANS' && !hub.plan.leases.some((l) => l.beneficiaryId === p.id),
  );
  return pool[1 + Math.floor(Math.random() * (pool.length - 1))].id;
};
const otherThan = (id: string) => {
  for (;;) {
    const other = personOf();
    if (other !== id) return other;
  }
};
async function openAs(input: Record<string, unknown>) {
  return (await hub.query(await hub.token(caller(ENCADRANT)), OPEN, { input })).body;
}
const openInput = (m: { measureId: string; beneficiaryId: string; associationOrgId: string }) => ({
  ...m,
  workerSub: 'delegue-t-1',
  startedOn: today(),
  handoverSummary: 'Synthèse transmise.',
  rentAndChargesCents: 0,
});

describe('association › a delegated file is born from a delegation in force (CASF L271-3)', () => {
  it('refuses a file with no delegation, for another association, or for another person; nothing written', async () => {
    const measureId = randomUUID();
    const beneficiaryId = personOf();
    const none = await openAs(openInput({ measureId, beneficiaryId, associationOrgId: TEST_ASSOCIATION }));
    expect(none.errors[0].extensions).toMatchObject({ code: 'NO_DELEGATION_IN_FORCE', rule: 'CASF L271-3' });
    expect(none.data).toBeNull();
    await grantDelegation(hub, {
      measureId,
      beneficiaryId,
      associationOrgId: TEST_ASSOCIATION,
      managedBenefits: ['AAH'],
    });
    const other = await openAs(openInput({ measureId, beneficiaryId, associationOrgId: OTHER_TEST_ASSOCIATION }));
    expect(other.errors[0].extensions.code).toBe('NO_DELEGATION_IN_FORCE');
    const wrongPerson = await openAs(
      openInput({ measureId, beneficiaryId: otherThan(beneficiaryId), associationOrgId: TEST_ASSOCIATION }),
    );
    expect(wrongPerson.errors[0].extensions.code).toMatch(/NO_DELEGATION_IN_FORCE|FORBIDDEN/);
    expect(await db(`SELECT 1 FROM association.delegated_file WHERE measure_id = $1`, [measureId])).toEqual([]);
  });

  it("takes the contract's managed benefits, refuses a list that differs, and refuses RSA for an AAH-only contract", async () => {
    const measureId = randomUUID();
    const beneficiaryId = personOf();
    await grantDelegation(hub, {
      measureId,
      beneficiaryId,
      associationOrgId: TEST_ASSOCIATION,
      managedBenefits: ['AAH'],
    });
    const differs = await openAs({
      ...openInput({ measureId, beneficiaryId, associationOrgId: TEST_ASSOCIATION }),
      managedBenefits: ['RSA', 'AAH'],
    });
    expect(differs.errors[0].extensions).toMatchObject({
      code: 'MANAGED_BENEFITS_NOT_CONTRACT',
      rule: 'CASF L271-2',
      managedBenefits: ['AAH'],
    });
    expect(await db(`SELECT 1 FROM association.delegated_file WHERE measure_id = $1`, [measureId])).toEqual([]);
    const opened = await openAs(openInput({ measureId, beneficiaryId, associationOrgId: TEST_ASSOCIATION }));
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openDelegatedFile).toMatchObject({ status: 'ACTIVE', managedBenefits: ['AAH'] });
    const delegue = await hub.token(caller(DELEGUE_T));
    const rsa = await hub.query(delegue, BENEFIT, {
      input: { fileId: opened.data.openDelegatedFile.id, kind: 'RSA', monthlyAmountCents: 60000, payingBody: 'CAF' },
    });
    expect(rsa.body.errors[0].extensions).toMatchObject({ code: 'BENEFIT_NOT_MANAGED', rule: 'CASF L271-2' });
    const aah = await hub.query(delegue, BENEFIT, {
      input: { fileId: opened.data.openDelegatedFile.id, kind: 'AAH', monthlyAmountCents: 100000, payingBody: 'CAF' },
    });
    expect(aah.body.data.recordDelegatedBenefit).toEqual({ kind: 'AAH' });
  });
});

describe('association › the département’s events, applied once', () => {
  it('records a delegation once and tells the association once, however often it is delivered', async () => {
    const measureId = randomUUID();
    const beneficiaryId = personOf();
    const event = {
      id: randomUUID(),
      type: 'delegation.granted' as const,
      producer: 'department' as const,
      occurredAt: new Date().toISOString(),
      data: {
        delegationId: randomUUID(),
        measureId,
        beneficiaryId,
        associationOrgId: TEST_ASSOCIATION,
        startsOn: today(),
        endsOn: addMonths(today(), 6),
        managedBenefits: ['AAH'],
        reachEndsOn: addMonths(today(), 8),
      },
    };
    await inTx((tx) => handleDelegationGranted(tx, event));
    await inTx((tx) => handleDelegationGranted(tx, event));
    await inTx((tx) => handleDelegationGranted(tx, { ...event, id: randomUUID() })); // published again: same delegation
    expect(
      await db(`SELECT count(*)::int AS n FROM association.delegation WHERE measure_id = $1`, [measureId]),
    ).toEqual([{ n: 1 }]);
    expect(await notifications(measureId)).toEqual([
      {
        kind: 'DELEGATION_GRANTED',
        audience_org_id: TEST_ASSOCIATION,
        data: { delegationId: event.data.delegationId, measureId, startsOn: today(), endsOn: addMonths(today(), 6) },
      },
    ]);
    // a renewal moves the end: the open file follows
    const file = await openAs(openInput({ measureId, beneficiaryId, associationOrgId: TEST_ASSOCIATION }));
    const renewed = { ...event.data, endsOn: addMonths(today(), 18), reachEndsOn: addMonths(today(), 20) };
    await inTx((tx) => handleDelegationGranted(tx, { ...event, id: randomUUID(), data: renewed }));
    const t = await hub.token(caller(DELEGUE_T));
    expect((await hub.query(t, FILE, { id: file.data.openDelegatedFile.id })).body.data.delegatedFile).toMatchObject({
      delegationEndsOn: addMonths(today(), 18),
      reachEndsOn: addMonths(today(), 20),
    });
  });

  it("follows an avenant's benefits (the latest wins, a late redelivery changes nothing)", async () => {
    const file = await openFile(hub, { managedBenefits: ['AAH'] });
    const changed = (managedBenefits: string[], effectiveOn: string) =>
      inTx((tx) =>
        handleContractBenefitsChanged(tx, {
          id: randomUUID(),
          type: 'contract.benefits-changed',
          producer: 'department',
          occurredAt: new Date().toISOString(),
          data: { measureId: file.measureId, beneficiaryId: file.beneficiaryId, managedBenefits, effectiveOn },
        }),
      );
    await changed(['AAH', 'APL'], today());
    await changed(['AAH'], addDays(today(), -3)); // an older avenant delivered late
    const t = await hub.token(caller(DELEGUE_T));
    expect((await hub.query(t, FILE, { id: file.id })).body.data.delegatedFile.managedBenefits).toEqual(['AAH', 'APL']);
    const apl = await hub.query(t, BENEFIT, {
      input: { fileId: file.id, kind: 'APL', monthlyAmountCents: 20000, payingBody: 'CAF' },
    });
    expect(apl.body.data.recordDelegatedBenefit).toEqual({ kind: 'APL' });
  });
});

describe('association › every end reaches the association (CASF L271-2, L271-3)', () => {
  it('delegation ended: the file is CLOSING, read-only but for the final bilan, then out of reach after the window', async () => {
    const file = await openFile(hub, { managedBenefits: ['RSA'] });
    const t = await hub.token(caller(DELEGUE_T));
    await endDelegation(hub, { ...file, endsOn: today(), reachEndsOn: addMonths(today(), 2) });
    await endDelegation(hub, { ...file, endsOn: today(), reachEndsOn: addMonths(today(), 2) }); // redelivered
    expect((await hub.query(t, FILE, { id: file.id })).body.data.delegatedFile).toEqual({
      id: file.id,
      status: 'CLOSING',
      managedBenefits: ['RSA'],
      delegationEndsOn: today(),
      reachEndsOn: addMonths(today(), 2),
    });
    expect((await notifications(file.measureId)).map((n: { kind: string }) => n.kind)).toEqual([
      'DELEGATION_GRANTED',
      'FILE_CLOSING',
    ]);
    const write = await hub.query(t, POST, operation(file.id, 'RECEIPT', 100, 'RSA'));
    expect(write.body.errors[0].extensions).toMatchObject({ code: 'DELEGATED_FILE_NOT_ACTIVE', status: 'CLOSING' });
    expect(await db(`SELECT 1 FROM association.delegated_operation WHERE file_id = $1`, [file.id])).toEqual([]);

    // the window has passed (the département's end moves the reach to today): out of reach at once, before any job
    await endDelegation(hub, { ...file, endsOn: today(), reachEndsOn: today() });
    const gone = await hub.query(t, FILE, { id: file.id });
    expect(gone.body.errors[0].extensions.code).toBe('FORBIDDEN');
    // a grant delivered late does not revive an ended delegation
    await grantDelegation(hub, {
      ...file,
      associationOrgId: TEST_ASSOCIATION,
      managedBenefits: ['RSA'],
      endsOn: addMonths(today(), 24),
    });
    expect((await hub.query(t, FILE, { id: file.id })).body.errors[0].extensions.code).toBe('FORBIDDEN');
    await inTx((tx) => closeFilesAfterWindow(tx, today()));
    await inTx((tx) => closeFilesAfterWindow(tx, today()));
    expect(await db(`SELECT status FROM association.delegated_file WHERE id = $1`, [file.id])).toEqual([
      { status: 'CLOSED' },
    ]);
  });

  it('a delegation that ended by its date makes the file read-only before any job runs; the final bilan closes it', async () => {
    const measureId = randomUUID();
    const beneficiaryId = personOf();
    const delegationId = await grantDelegation(hub, {
      measureId,
      beneficiaryId,
      associationOrgId: TEST_ASSOCIATION,
      managedBenefits: ['RSA'],
      startsOn: addDays(today(), -30),
      endsOn: addDays(today(), 1),
    });
    const opened = await openAs(openInput({ measureId, beneficiaryId, associationOrgId: TEST_ASSOCIATION }));
    const fileId = opened.data.openDelegatedFile.id;
    // the term comes (the contract's end, today): the row as the département's end would leave it
    await db(`UPDATE association.delegated_file SET delegation_ends_on = $2 WHERE id = $1`, [fileId, today()]);
    await db(`UPDATE association.delegation SET ends_on = $2 WHERE id = $1`, [delegationId, today()]);
    const t = await hub.token(caller(DELEGUE_T));
    const progress = await hub.query(t, BILAN, {
      input: { fileId, kind: 'PROGRESS', writtenOn: today(), summary: 'Point mensuel.' },
    });
    expect(progress.body.errors[0].extensions).toMatchObject({ code: 'DELEGATED_FILE_NOT_ACTIVE', status: 'CLOSING' });
    const final = await hub.query(t, BILAN, {
      input: { fileId, kind: 'FINAL', writtenOn: today(), summary: 'Bilan de fin de délégation.' },
    });
    expect(final.body.data.recordDelegationBilan).toEqual({ kind: 'FINAL' });
    expect(await db(`SELECT status FROM association.delegated_file WHERE id = $1`, [fileId])).toEqual([
      { status: 'CLOSED' },
    ]);
  });

  it('the scheduled job moves ACTIVE files past their delegation to CLOSING, and tells the association once', async () => {
    const file = await openFile(hub, { managedBenefits: ['RSA'] });
    await db(`UPDATE association.delegated_file SET delegation_ends_on = $2 WHERE id = $1`, [file.id, today()]);
    await inTx((tx) => closeFilesAfterWindow(tx, today()));
    await inTx((tx) => closeFilesAfterWindow(tx, today()));
    expect(await db(`SELECT status FROM association.delegated_file WHERE id = $1`, [file.id])).toEqual([
      { status: 'CLOSING' },
    ]);
    const closing = (await notifications(file.measureId)).filter(
      (n: { kind: string; data: { fileId?: string } }) => n.kind === 'FILE_CLOSING' && n.data.fileId === file.id,
    );
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({
      audience_org_id: TEST_ASSOCIATION,
      data: { fileId: file.id, delegationEndedOn: today() },
    });
  });
});

describe('association › the demo obeys the same rules (issue 17 §6)', () => {
  it("every demo file manages exactly its contract's benefits, and comes from a delegation", async () => {
    const files: { id: string; measure_id: string; managed_benefits: string[]; delegation_id: string | null }[] =
      await db(
        `SELECT id, measure_id, managed_benefits, delegation_id FROM association.delegated_file WHERE id = ANY($1)`,
        [hub.plan.delegations.map((d) => d.id)],
      );
    expect(files).toHaveLength(hub.plan.delegations.length);
    const contracts: { id: string; managed_benefits: string[] }[] = await hub.subgraphs.department.dataSource.query(
      `SELECT id, managed_benefits FROM department.measure WHERE id = ANY($1)`,
      [files.map((f) => f.measure_id)],
    );
    const byMeasure = new Map(contracts.map((c) => [c.id, [...c.managed_benefits].sort()]));
    const differ = files.filter(
      (f) => JSON.stringify([...f.managed_benefits].sort()) !== JSON.stringify(byMeasure.get(f.measure_id)),
    );
    expect(differ).toEqual([]);
    expect(files.filter((f) => f.delegation_id == null)).toEqual([]);
  });
});

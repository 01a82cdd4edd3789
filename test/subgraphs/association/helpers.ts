import { randomUUID } from 'node:crypto';
import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import type { TestHub } from '../../helpers/hub';
import type { CallerClaims } from '../../../schema/caller';
import { OrgKind, Role } from '../../../schema/policy';
import { addMonths } from '../../../subgraphs/kit/rules/calendar';
import {
  handleDelegationEnded,
  handleDelegationGranted,
} from '../../../subgraphs/association/events/delegation.handlers';

/**
 * Test files share one database: files these tests open belong to test associations, never to the demo's A or B,
 * whose lists other test files read (a file opened here names a measure the département does not know).
 */
export const TEST_ASSOCIATION = 'a0000000-0000-4000-8000-0000000000c1';
export const OTHER_TEST_ASSOCIATION = 'a0000000-0000-4000-8000-0000000000c2';
const TEST_CALLERS: Record<string, CallerClaims> = {
  'DELEGUE (test association)': {
    sub: 'delegue-t-1',
    org_kind: OrgKind.ASSOCIATION,
    org_id: TEST_ASSOCIATION,
    roles: [Role.DELEGUE],
  },
};
export const caller = (label: string) => DEMO_CALLERS[label] ?? TEST_CALLERS[label];
export const DELEGUE_T = 'DELEGUE (test association)';
export const ENCADRANT = 'ENCADRANT (département, territoire MDD-ORLEANS)';
export const DELEGUE_A = 'DELEGUE (association A)';
export const DELEGUE_B = 'DELEGUE (association B)';

export const today = () => new Date().toISOString().slice(0, 10);
export const thisMonth = () => today().slice(0, 7);

export const OPEN = `mutation Open($input: OpenDelegatedFileInput!) { openDelegatedFile(input: $input) { id status associationOrgId workerSub managedBenefits } }`;
export const POST = `mutation Post($input: PostDelegatedOperationInput!) { postDelegatedOperation(input: $input) { id seq kind amountCents balanceAfterCents authorSub authorOrgId overdraftId } }`;
export const PLAN = `mutation Plan($input: SetDelegatedBudgetPlanInput!) { setDelegatedBudgetPlan(input: $input) { id month rentAndChargesCents careCents otherChargesCents resteAVivreCents lines { kind amountCents benefitKind } } }`;

/** MDD-ORLEANS persons with no lease, delegation or MAJ, whom no other test reads through the partners. */
const departementPool = (hub: TestHub) =>
  hub.plan.persons.filter(
    (p) => p.territory === 'MDD-ORLEANS' && !hub.plan.leases.some((l) => l.beneficiaryId === p.id),
  );
/**
 * A person only the access-log test opens files for (the pool's first), so that its log holds only that test's writes.
 */
export const loggedPerson = (hub: TestHub) => departementPool(hub)[0].id;

/**
 * Opens a fresh file as département staff (its own measure id), so that tests never touch seeded rows. The person is
 * one of the département's (the ENCADRANT reaches only those: the registry of habilitations says so), from a pool of
 * persons no other test reads through the partners; `beneficiaryId` picks one.
 */
export async function openFile(
  hub: TestHub,
  opts: { associationOrgId?: string; rentAndChargesCents?: number; managedBenefits?: string[]; beneficiaryId?: string },
): Promise<{ id: string; measureId: string; beneficiaryId: string; delegationId: string }> {
  const measureId = randomUUID();
  const pool = departementPool(hub).slice(1);
  const beneficiaryId = opts.beneficiaryId ?? pool[Math.floor(Math.random() * pool.length)].id;
  const delegationId = await grantDelegation(hub, {
    measureId,
    beneficiaryId,
    associationOrgId: opts.associationOrgId ?? TEST_ASSOCIATION,
    managedBenefits: opts.managedBenefits ?? ['RSA', 'APL', 'APA'],
  });
  const { body } = await hub.query(await hub.token(caller(ENCADRANT)), OPEN, {
    input: {
      measureId,
      beneficiaryId,
      associationOrgId: opts.associationOrgId ?? TEST_ASSOCIATION,
      workerSub: 'delegue-test',
      startedOn: `${thisMonth()}-01`,
      managedBenefits: opts.managedBenefits ?? ['RSA', 'APL', 'APA'],
      handoverSummary: 'Synthèse transmise.',
      rentAndChargesCents: opts.rentAndChargesCents ?? 50000,
    },
  });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return { id: body.data.openDelegatedFile.id, measureId, beneficiaryId, delegationId };
}

/**
 * The département's delegation of `measureId`, as the association receives it: its `delegation.granted` event applied
 * by the association's own handler (as the event delivery does), in a transaction on the test database.
 */
export async function grantDelegation(
  hub: TestHub,
  d: {
    measureId: string;
    beneficiaryId: string;
    associationOrgId: string;
    managedBenefits: string[];
    startsOn?: string;
    endsOn?: string;
    delegationId?: string;
  },
): Promise<string> {
  const delegationId = d.delegationId ?? randomUUID();
  const startsOn = d.startsOn ?? `${thisMonth()}-01`;
  const endsOn = d.endsOn ?? addMonths(startsOn, 12);
  await hub.subgraphs.association.dataSource.transaction((tx) =>
    handleDelegationGranted(tx, {
      id: randomUUID(),
      type: 'delegation.granted',
      producer: 'department',
      occurredAt: new Date().toISOString(),
      data: {
        delegationId,
        measureId: d.measureId,
        beneficiaryId: d.beneficiaryId,
        associationOrgId: d.associationOrgId,
        startsOn,
        endsOn,
        managedBenefits: d.managedBenefits,
        reachEndsOn: addMonths(endsOn, 2),
      },
    }),
  );
  return delegationId;
}

/** The département ends delegation `delegationId` on `endsOn` (reach until `reachEndsOn`): its event, applied. */
export async function endDelegation(
  hub: TestHub,
  d: { delegationId: string; measureId: string; beneficiaryId: string; endsOn: string; reachEndsOn?: string },
): Promise<void> {
  await hub.subgraphs.association.dataSource.transaction((tx) =>
    handleDelegationEnded(tx, {
      id: randomUUID(),
      type: 'delegation.ended',
      producer: 'department',
      occurredAt: new Date().toISOString(),
      data: {
        delegationId: d.delegationId,
        measureId: d.measureId,
        beneficiaryId: d.beneficiaryId,
        endsOn: d.endsOn,
        reason: 'TEST',
        reachEndsOn: d.reachEndsOn ?? addMonths(d.endsOn, 2),
      },
    }),
  );
}

export function operation(fileId: string, kind: string, amountCents: number, benefitKind?: string) {
  return {
    input: {
      fileId,
      kind,
      amountCents,
      operatedOn: today(),
      label: `${kind} test`,
      ...(benefitKind ? { benefitKind } : {}),
    },
  };
}

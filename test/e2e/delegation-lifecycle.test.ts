import { OrgKind, Role } from '../../schema/policy';
import { endContractsAtTerm } from '../../subgraphs/department/resolvers/delegation-lifecycle';
import { addDays, addMonths, todayIso } from '../../subgraphs/kit/rules/calendar';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { delegueOf, registerOwnDelegataire } from '../helpers/delegataire';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 17 §1/§3 end to end: a fact written at the département reaches the association through the event delivery
 * (the hub's runners; `hub.drainEvents` waits for the facts about the test's person, whatever the other test files
 * sharing the run's database deliver meanwhile).
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await registerOwnDelegataire(hub, ASSOCIATION);
});
afterAll(async () => {
  await hub?.stop();
});
/** Waits until the facts about this person have reached their partners. */
const drain = (personId: string) => hub.drainEvents({ beneficiaryId: personId });

const TODAY = todayIso();
const dept = { org_kind: OrgKind.DEPARTEMENT, org_id: DEMO_ORGS.departement };
const worker = { ...dept, sub: 'ts-e2e-deleg', roles: [Role.TRAVAILLEUR_SOCIAL] };
/**
 * This file's own délégataire: the files it opens then ends (CLOSING, their measure out of reach) must not appear in
 * association A's list, which the journeys read.
 */
const ASSOCIATION = {
  id: 'a0000000-0000-4000-8000-0000000000e6',
  name: 'Association du cycle (test)',
  convention: 'CONV-E2E-DELEGATION',
};
const delegue = delegueOf(ASSOCIATION.id, 'delegue-e6-1');

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  return (await hub.query(await hub.token(claims), query, variables)).body;
}
async function ok(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toBeUndefined();
  return body.data;
}

/** A person the worker refers, eligible, with a MASP 2 managing the AAH, delegated to this file's association. */
async function delegatedMasp2(startsOn: string, months: number) {
  const personId = (
    await ok(worker, `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`, {
      input: {
        lastName: 'Bout',
        firstName: 'EnBout',
        birthDate: '1981-02-03',
        address: 'x',
        territory: 'TEST-E2E-DELEG',
        referredOn: addDays(startsOn, -30),
      },
    })
  ).referBeneficiary.id;
  for (const kind of ['AAH', 'APL'])
    await ok(worker, `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`, {
      input: { beneficiaryId: personId, kind, monthlyAmountCents: 50000, payingBody: 'CAF', startsOn: '2020-01-01' },
    });
  await ok(worker, `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible } }`, {
    input: {
      beneficiaryId: personId,
      checkedOn: addDays(startsOn, -10),
      threatToHealthOrSafety: 'Impayés de loyer.',
      capacityToConsent: true,
    },
  });
  const measureId = (
    await ok(worker, `mutation($input: SignContractInput!) { signContract(input: $input) { id } }`, {
      input: {
        beneficiaryId: personId,
        level: 'MASP_2',
        startsOn,
        months,
        objectives: 'o',
        engagements: 'e',
        consent: true,
        signedOn: startsOn,
        managedBenefits: ['AAH'],
      },
    })
  ).signContract.id;
  const delegationId = (
    await ok(worker, `mutation($input: DelegateMeasureInput!) { delegateMeasure(input: $input) { id } }`, {
      input: {
        measureId,
        associationOrgId: ASSOCIATION.id,
        conventionRef: ASSOCIATION.convention,
        startsOn: TODAY,
      },
    })
  ).delegateMeasure.id;
  await drain(personId);
  // the référent opens the file of the delegation the association now holds
  const fileId = (
    await ok(
      worker,
      `mutation($input: OpenDelegatedFileInput!) { openDelegatedFile(input: $input) { id managedBenefits } }`,
      {
        input: {
          measureId,
          beneficiaryId: personId,
          associationOrgId: ASSOCIATION.id,
          workerSub: delegue.sub,
          startedOn: TODAY,
          handoverSummary: 'Synthèse.',
        },
      },
    )
  ).openDelegatedFile.id;
  return { personId, measureId, delegationId, fileId };
}

const FILE = `query($id: ID!) { delegatedFile(id: $id) { status managedBenefits delegationEndsOn reachEndsOn } }`;

describe('e2e › a delegation and its ends reach the association (issue 17)', () => {
  it('delegation → file with the contract’s benefits → avenant → end: CLOSING, final bilan', async () => {
    const { personId, measureId, delegationId, fileId } = await delegatedMasp2(TODAY, 12);
    expect((await ok(delegue, FILE, { id: fileId })).delegatedFile).toMatchObject({
      status: 'ACTIVE',
      managedBenefits: ['AAH'],
      delegationEndsOn: addMonths(TODAY, 12),
    });
    await ok(worker, `mutation($input: SignAvenantInput!) { signAvenant(input: $input) { id } }`, {
      input: {
        measureId,
        signedOn: TODAY,
        managedBenefits: ['AAH', 'APL'],
        benefitsAuthorisation: { signedOn: TODAY, benefits: ['AAH', 'APL'] },
      },
    });
    await drain(personId);
    expect((await ok(delegue, FILE, { id: fileId })).delegatedFile.managedBenefits).toEqual(['AAH', 'APL']);

    await ok(worker, `mutation($input: EndDelegationInput!) { endDelegation(input: $input) { id } }`, {
      input: { delegationId, endsOn: TODAY },
    });
    await drain(personId);
    expect((await ok(delegue, FILE, { id: fileId })).delegatedFile).toMatchObject({
      status: 'CLOSING',
      reachEndsOn: addMonths(TODAY, 2),
    });
    const final = await ok(
      delegue,
      `mutation($input: RecordDelegationBilanInput!) { recordDelegationBilan(input: $input) { kind } }`,
      { input: { fileId, kind: 'FINAL', writtenOn: TODAY, summary: 'Bilan de fin.' } },
    );
    expect(final.recordDelegationBilan.kind).toBe('FINAL');
  });

  it('a contract not renewed ends at its term: the job ends the delegation, the file goes CLOSING', async () => {
    const { personId, measureId, fileId } = await delegatedMasp2(addDays(addMonths(TODAY, -6), 1), 6);
    // the term arrives (the same rows, a day later), then the département's job runs
    await hub.subgraphs.department.dataSource.query(`UPDATE department.measure SET ends_on = $2 WHERE id = $1`, [
      measureId,
      TODAY,
    ]);
    await hub.subgraphs.department.dataSource.transaction((tx) => endContractsAtTerm(tx, TODAY));
    await drain(personId);
    expect((await ok(delegue, FILE, { id: fileId })).delegatedFile).toMatchObject({
      status: 'CLOSING',
      delegationEndsOn: TODAY,
    });
  });
});

import { OrgKind, Role } from '../../../schema/policy';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import { DEMO_ORGS, demoConventionRef } from '../../../subgraphs/kit/seed/demo-plan';
import { endContractsAtTerm } from '../../../subgraphs/department/resolvers/delegation-lifecycle';
import { delegueOf, registerOwnDelegataire } from '../../helpers/delegataire';
import { startTestHub, TestHub } from '../../helpers/hub';
import { holdingDeliveries } from '../../helpers/outbox';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
  await registerOwnDelegataire(hub, OWN);
});
afterAll(async () => {
  await hub?.stop();
});

const TODAY = todayIso();
const dept = { org_kind: OrgKind.DEPARTEMENT, org_id: DEMO_ORGS.departement };
const worker = { ...dept, sub: 'ts-deleg-1', roles: [Role.TRAVAILLEUR_SOCIAL] };
const encadrant = { ...dept, sub: 'encadrant-deleg', roles: [Role.ENCADRANT] };
const territorialEncadrant = { ...encadrant, territory: 'MDD-ORLEANS' };
const delegueA = {
  sub: 'delegue-a-7',
  org_kind: OrgKind.ASSOCIATION,
  org_id: DEMO_ORGS.associationA,
  roles: [Role.DELEGUE],
};
const CONV_A = demoConventionRef(DEMO_ORGS.associationA);
/**
 * The délégataire this file delegates to (the register's A and B are only read here): other test files read
 * association A's list and notifications.
 */
const OWN = {
  id: 'a0000000-0000-4000-8000-0000000000e7',
  name: 'Association des délégations (test)',
  convention: 'CONV-DEPT-DELEGATION',
};
const delegue = delegueOf(OWN.id, 'delegue-e7-1');

async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
  return (await hub.query(await hub.token(claims), query, variables)).body;
}
async function refused(claims: Record<string, unknown>, query: string, variables: Record<string, unknown>) {
  const body = await as(claims, query, variables);
  expect(body.errors).toHaveLength(1);
  expect(body.data?.[Object.keys(body.data ?? {})[0]] ?? null).toBeNull();
  return { ...body.errors[0].extensions, message: body.errors[0].message as string };
}
const db = (sql: string, params: unknown[] = []) => hub.subgraphs.department.dataSource.query(sql, params);

/**
 * The delivery jobs the département enqueued (graphile-worker's table) for events of `type` naming `measureId`: read
 * inside `toAssociationHeld`, before any hub's runner delivers them.
 */
async function jobs(type: string, measureId: string): Promise<{ to: string; event: any }[]> {
  const rows = await db(
    `SELECT j.payload FROM department_worker._private_jobs j JOIN department_worker._private_tasks t ON t.id = j.task_id
     WHERE t.identifier = 'deliver_event' AND j.payload->'event'->>'type' = $1 AND j.payload->'event'->'data'->>'measureId' = $2
     ORDER BY j.id`,
    [type, measureId],
  );
  return rows.map((r: { payload: any }) => r.payload);
}

/** Runs `fn` while the département's events to the associations wait in its outbox. */
const toAssociationHeld = <T>(fn: () => Promise<T>) => holdingDeliveries('department', 'association', fn);

const REFER = `mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }`;
const BENEFIT = `mutation($input: RecordBenefitInput!) { recordBenefitReceived(input: $input) { id } }`;
const CHECK = `mutation($input: CheckEligibilityInput!) { checkEligibility(input: $input) { eligible } }`;
const SIGN = `mutation($input: SignContractInput!) { signContract(input: $input) { id endsOn managedBenefits } }`;
const AVENANT = `mutation($input: SignAvenantInput!) { signAvenant(input: $input) { id managedBenefits } }`;
/** CASF L271-2: the person's written authorisation to manage the benefits an avenant names. */
const AUTH = { signedOn: todayIso(), benefits: ['AAH', 'APL'] };
const DELEGATE = `mutation($input: DelegateMeasureInput!) { delegateMeasure(input: $input) { id associationOrgId conventionRef conventionId startsOn endsOn } }`;
const REGISTER = `mutation($input: RegisterDelegataireInput!) { registerDelegataire(input: $input) { id name kind siret } }`;
const CONVENTION = `mutation($input: RecordDelegationConventionInput!) { recordDelegationConvention(input: $input) { id organisationId reference startsOn endsOn } }`;
const PERSON = `query($id: ID!) { beneficiary(id: $id) { id lastName } }`;

/** A person of a test territory, receiving the AAH and the APL, eligible, with a MASP 2 managing the AAH. */
async function masp2(startsOn = TODAY, months = 12): Promise<{ personId: string; measureId: string; endsOn: string }> {
  const personId = (
    await as(worker, REFER, {
      input: {
        lastName: 'Delegation',
        firstName: 'Test',
        birthDate: '1979-05-05',
        address: 'x',
        territory: 'TEST-DELEG',
        referredOn: addDays(startsOn, -30),
      },
    })
  ).data.referBeneficiary.id;
  for (const kind of ['AAH', 'APL'])
    await as(worker, BENEFIT, {
      input: { beneficiaryId: personId, kind, monthlyAmountCents: 50000, payingBody: 'CAF', startsOn: '2020-01-01' },
    });
  await as(worker, CHECK, {
    input: {
      beneficiaryId: personId,
      checkedOn: addDays(startsOn, -10),
      threatToHealthOrSafety: 'Impayés de loyer.',
      capacityToConsent: true,
    },
  });
  const signed = await as(worker, SIGN, {
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
  });
  expect(signed.errors).toBeUndefined();
  return { personId, measureId: signed.data.signContract.id, endsOn: signed.data.signContract.endsOn };
}

describe('department › register of délégataires (CASF L271-3)', () => {
  it('lists the demo associations with their conventions to département staff', async () => {
    const body = await as(worker, `{ delegataires { id name kind conventions { reference startsOn endsOn } } }`);
    const ids = body.data.delegataires.map((o: any) => o.id);
    expect(ids).toEqual(expect.arrayContaining([DEMO_ORGS.associationA, DEMO_ORGS.associationB]));
    const a = body.data.delegataires.find((o: any) => o.id === DEMO_ORGS.associationA);
    expect(a).toMatchObject({ kind: 'ASSOCIATION', conventions: [{ reference: CONV_A, endsOn: null }] });
    expect((await refused(delegueA, `{ delegataires { id } }`, {})).code).toBe('FORBIDDEN');
  });

  it('is written by a département-wide ENCADRANT only, each organisation and reference once', async () => {
    const input = { name: 'CCAS de Test', kind: 'CCAS', siret: '12345678901234' };
    expect((await refused(worker, REGISTER, { input })).code).toBe('FORBIDDEN');
    expect((await refused(territorialEncadrant, REGISTER, { input })).code).toBe('FORBIDDEN');
    const ccas = (await as(encadrant, REGISTER, { input })).data.registerDelegataire;
    expect(ccas).toMatchObject({ name: 'CCAS de Test', kind: 'CCAS', siret: '12345678901234' });
    expect(await refused(encadrant, REGISTER, { input })).toMatchObject({
      code: 'DELEGATAIRE_ALREADY_REGISTERED',
      rule: 'CASF L271-3',
    });
    const conv = { organisationId: ccas.id, reference: 'CONV-CCAS-1', signedOn: '2026-01-01', startsOn: '2026-01-01' };
    expect((await as(encadrant, CONVENTION, { input: conv })).data.recordDelegationConvention).toMatchObject({
      organisationId: ccas.id,
      reference: 'CONV-CCAS-1',
      endsOn: null,
    });
    expect((await refused(encadrant, CONVENTION, { input: conv })).code).toBe('DELEGATAIRE_ALREADY_REGISTERED');
    expect((await refused(encadrant, REGISTER, { input: { name: 'X', kind: 'CCAS', siret: '123' } })).field).toBe(
      'siret',
    );
    const [{ n }] = await db(`SELECT count(*)::int AS n FROM department.delegataire WHERE name = 'CCAS de Test'`);
    expect(n).toBe(1);
  });
});

describe('department › delegation only under the register (CASF L271-3)', () => {
  it('refuses an organisation outside the register, and a convention not in force on the start; nothing written', async () => {
    const { measureId } = await masp2();
    await toAssociationHeld(async () => {
      const base = { measureId, startsOn: TODAY };
      const unknownOrg = 'a0000000-0000-4000-8000-0000000000ee';
      expect(
        await refused(worker, DELEGATE, { input: { ...base, associationOrgId: unknownOrg, conventionRef: 'x' } }),
      ).toMatchObject({
        code: 'DELEGATAIRE_NOT_REGISTERED',
        rule: 'CASF L271-3',
      });
      expect(
        await refused(worker, DELEGATE, {
          input: { ...base, associationOrgId: DEMO_ORGS.associationA, conventionRef: 'x' },
        }),
      ).toMatchObject({ code: 'CONVENTION_NOT_IN_FORCE', rule: 'CASF L271-3' });
      // B's convention is not A's
      expect(
        (
          await refused(worker, DELEGATE, {
            input: {
              ...base,
              associationOrgId: DEMO_ORGS.associationA,
              conventionRef: demoConventionRef(DEMO_ORGS.associationB),
            },
          })
        ).code,
      ).toBe('CONVENTION_NOT_IN_FORCE');
      // a convention that starts tomorrow, and one that ended today
      const org = (await as(encadrant, REGISTER, { input: { name: 'EPCI Test', kind: 'EPCI' } })).data
        .registerDelegataire;
      for (const [reference, startsOn, endsOn] of [
        ['LATER', addDays(TODAY, 1), null],
        ['OVER', '2020-01-01', TODAY],
      ])
        await as(encadrant, CONVENTION, {
          input: { organisationId: org.id, reference, signedOn: '2020-01-01', startsOn, endsOn },
        });
      for (const conventionRef of ['LATER', 'OVER'])
        expect(
          (await refused(worker, DELEGATE, { input: { ...base, associationOrgId: org.id, conventionRef } })).code,
        ).toBe('CONVENTION_NOT_IN_FORCE');
      expect(await db(`SELECT 1 FROM department.delegation WHERE measure_id = $1`, [measureId])).toEqual([]);
      expect(await jobs('delegation.granted', measureId)).toEqual([]);
    });
  });

  it('delegates under a convention in force and tells the association, in the same transaction', async () => {
    const { personId, measureId, endsOn } = await masp2();
    expect((await as(delegue, PERSON, { id: personId })).data.beneficiary).toBeNull();
    await toAssociationHeld(async () => {
      const d = await as(worker, DELEGATE, {
        input: { measureId, associationOrgId: OWN.id, conventionRef: OWN.convention, startsOn: TODAY },
      });
      expect(d.errors).toBeUndefined();
      expect(d.data.delegateMeasure).toMatchObject({
        associationOrgId: OWN.id,
        conventionRef: OWN.convention,
        endsOn: null,
      });
      expect(d.data.delegateMeasure.conventionId).toEqual(expect.any(String));
      expect((await as(delegue, PERSON, { id: personId })).data.beneficiary).toEqual({
        id: personId,
        lastName: 'Delegation',
      });
      const [job] = await jobs('delegation.granted', measureId);
      expect(job).toMatchObject({
        to: 'association',
        event: {
          type: 'delegation.granted',
          producer: 'department',
          data: {
            delegationId: d.data.delegateMeasure.id,
            measureId,
            beneficiaryId: personId,
            associationOrgId: OWN.id,
            startsOn: TODAY,
            endsOn,
            managedBenefits: ['AAH'],
            reachEndsOn: addMonths(endsOn, 2),
          },
        },
      });

      // an avenant that changes the managed benefits changes the délégataire's file (CASF L271-2)
      await as(worker, AVENANT, { input: { measureId, signedOn: TODAY, objectives: 'Nouveaux objectifs.' } });
      expect(await jobs('contract.benefits-changed', measureId)).toEqual([]);
      await as(worker, AVENANT, {
        input: { measureId, signedOn: TODAY, managedBenefits: ['AAH', 'APL'], benefitsAuthorisation: AUTH },
      });
      const changed = await jobs('contract.benefits-changed', measureId);
      expect(changed.map((j) => j.event.data)).toEqual([
        { measureId, beneficiaryId: personId, managedBenefits: ['AAH', 'APL'], effectiveOn: TODAY },
      ]);
    });
  });

  it('publishes no benefits change for a measure that is not delegated (an association learns only its own)', async () => {
    const { measureId } = await masp2();
    await toAssociationHeld(async () => {
      await as(worker, AVENANT, {
        input: { measureId, signedOn: TODAY, managedBenefits: ['AAH', 'APL'], benefitsAuthorisation: AUTH },
      });
      expect(await jobs('contract.benefits-changed', measureId)).toEqual([]);
    });
  });
});

describe('department › a contract not renewed ends at its term (CASF L271-2)', () => {
  it('stops the délégataire at the term before any job, refuses avenants, then the job ends contract and delegation once', async () => {
    const { personId, measureId } = await masp2(addDays(addMonths(TODAY, -6), 1), 6); // its term is tomorrow
    await toAssociationHeld(async () => {
      const d = await as(worker, DELEGATE, {
        input: { measureId, associationOrgId: OWN.id, conventionRef: OWN.convention, startsOn: TODAY },
      });
      expect((await as(delegue, PERSON, { id: personId })).data.beneficiary.id).toBe(personId);

      // the term arrives (today): the same row, one day later
      await db(`UPDATE department.measure SET ends_on = $2 WHERE id = $1`, [measureId, TODAY]);
      await db(`UPDATE department.measure_term SET ends_on = $2 WHERE measure_id = $1`, [measureId, TODAY]);
      const gone = await as(delegue, PERSON, { id: personId });
      expect(gone.data.beneficiary).toBeNull();
      expect(gone.errors[0].extensions.code).toBe('FORBIDDEN');
      expect(
        await refused(worker, AVENANT, { input: { measureId, signedOn: TODAY, managedBenefits: ['AAH', 'APL'] } }),
      ).toMatchObject({ code: 'CONTRACT_TERM_PASSED', rule: 'CASF L271-2' });
      expect(await db(`SELECT 1 FROM department.avenant WHERE measure_id = $1`, [measureId])).toEqual([]);

      const run = () => hub.subgraphs.department.dataSource.transaction((tx) => endContractsAtTerm(tx, TODAY));
      await run();
      await run(); // idempotent
      const [m] = await db(
        `SELECT status, end_reason, to_char(ended_on, 'YYYY-MM-DD') AS ended_on FROM department.measure WHERE id = $1`,
        [measureId],
      );
      expect(m).toEqual({ status: 'ENDED', end_reason: 'TERM', ended_on: TODAY });
      const [del] = await db(
        `SELECT to_char(ends_on, 'YYYY-MM-DD') AS ends_on FROM department.delegation WHERE id = $1`,
        [d.data.delegateMeasure.id],
      );
      expect(del.ends_on).toBe(TODAY);
      const ended = await jobs('delegation.ended', measureId);
      expect(ended.map((j) => j.event.data)).toEqual([
        {
          delegationId: d.data.delegateMeasure.id,
          measureId,
          beneficiaryId: personId,
          endsOn: TODAY,
          reason: 'CONTRACT_TERM',
          reachEndsOn: addMonths(TODAY, 2),
        },
      ]);
    });
  });

  it('refuses to delegate a contract past its term, even before the job marked it ended', async () => {
    const { measureId } = await masp2(addMonths(TODAY, -6), 6); // its term is today
    await toAssociationHeld(async () => {
      expect(
        await refused(worker, DELEGATE, {
          input: {
            measureId,
            associationOrgId: OWN.id,
            conventionRef: OWN.convention,
            startsOn: addDays(TODAY, -1),
          },
        }),
      ).toMatchObject({ code: 'CONTRACT_TERM_PASSED', rule: 'CASF L271-2' });
      expect(await jobs('delegation.granted', measureId)).toEqual([]);
    });
  });

  it('ending a measure ends its delegation and tells the délégataire', async () => {
    const { measureId } = await masp2();
    await toAssociationHeld(async () => {
      const d = await as(worker, DELEGATE, {
        input: { measureId, associationOrgId: OWN.id, conventionRef: OWN.convention, startsOn: TODAY },
      });
      await as(worker, `mutation($input: EndMeasureInput!) { endMeasure(input: $input) { status } }`, {
        input: { measureId, endedOn: addDays(TODAY, 1), reason: 'AUTONOMY' },
      });
      const ended = await jobs('delegation.ended', measureId);
      expect(ended.map((j) => j.event.data)).toEqual([
        expect.objectContaining({
          delegationId: d.data.delegateMeasure.id,
          endsOn: addDays(TODAY, 1),
          reason: 'MEASURE_ENDED_AUTONOMY',
        }),
      ]);
    });
  });
});

describe('department › the demo obeys the same rules (issue 17 §6)', () => {
  it('has no contract in force past its term, and every delegation under a convention of the register', async () => {
    const demo = hub.plan.measures.map((m) => m.id); // other test files add contracts of their own
    expect(
      await db(
        `SELECT id FROM department.measure WHERE id = ANY($1) AND status = 'ACTIVE' AND level IN ('MASP_1', 'MASP_2') AND ends_on <= current_date`,
        [demo],
      ),
    ).toEqual([]);
    expect(hub.plan.measures.filter((m) => m.renewal).length).toBeGreaterThan(20);
    const [{ n }] = await db(
      `SELECT count(*)::int AS n FROM department.delegation d LEFT JOIN department.delegation_convention c ON c.id = d.convention_id
       WHERE c.id IS NULL OR c.starts_on > d.starts_on OR c.organisation_id <> d.association_org_id`,
    );
    expect(n).toBe(0);
    const [{ total }] = await db(`SELECT count(*)::int AS total FROM department.delegation`);
    expect(total).toBeGreaterThan(100);
  });
});

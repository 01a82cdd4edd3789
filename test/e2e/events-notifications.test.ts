import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { OrgKind, Role } from '../../schema/policy';
import { notify, NotificationAudience } from '../../subgraphs/kit/events/notify';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Issue 17 §5 — partners are told: each partner reads the notifications that concern its own reach, through the
 * gateway, with a cursor, under the field and row rules of every other read, and each read is in the access log.
 * Rows are written here with the kit's `notify` (what a consumer's handler calls); events-delivery.test.ts covers the
 * way from a producer's transaction to a notification.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const TS = DEMO_CALLERS['TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)'];
const DELEGUE_A = DEMO_CALLERS['DELEGUE (association A)'];
const DELEGUE_B = DEMO_CALLERS['DELEGUE (association B)'];
const LANDLORD = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];
const MJPM = DEMO_CALLERS['MJPM (service mandataire)'];

async function tell(
  subgraph: string,
  audience: NotificationAudience,
  beneficiaryId: string,
  kind: string,
  data: Record<string, unknown> = {},
) {
  await hub.subgraphs[subgraph].dataSource.transaction((m) => notify(m, { audience, beneficiaryId, kind, data }));
}
const personOf = (referent: string) => hub.plan.persons.find((p) => p.referentSub === referent)!;
const personNotOf = (referent: string) => hub.plan.persons.find((p) => p.referentSub !== referent)!;
/** The newest notification id of a subgraph: the cursor to start from, so that other test files' rows do not count. */
const cursorOf = async (subgraph: string) =>
  String(
    (
      await hub.subgraphs[subgraph].dataSource.query(
        `SELECT coalesce(max(id), 0) AS id FROM "${subgraph}".notification`,
      )
    )[0].id,
  );
const accessLogOf = (subgraph: string, sub: string) =>
  hub.subgraphs[subgraph].dataSource.query(
    `SELECT beneficiary_id, domains, action FROM "${subgraph}".access_log WHERE sub = $1 ORDER BY id`,
    [sub],
  );

describe('events › notifications, read by each partner through the gateway', () => {
  it('the référent reads its notifications about persons it follows, with a cursor; reads are logged', async () => {
    const mine = personOf(TS.sub);
    const token = await hub.token(TS);
    const other = personNotOf(TS.sub);
    const start = await cursorOf('department');
    await tell('department', { orgId: DEMO_ORGS.departement }, mine.id, 'arrears.reached', {
      unpaidMonths: ['2026-01'],
    });
    await tell('department', { orgId: DEMO_ORGS.departement, sub: TS.sub }, mine.id, 'contract.ending', {
      endsOn: '2026-12-31',
    });
    // not for this caller: another référent's person, another agent, another organisation
    await tell('department', { orgId: DEMO_ORGS.departement }, other.id, 'arrears.reached');
    await tell('department', { orgId: DEMO_ORGS.departement, sub: 'ts-mdd-montargis-2' }, mine.id, 'maj.ending');
    await tell('department', { orgId: DEMO_ORGS.associationA }, mine.id, 'delegation.granted');

    const q = `query MyNotifications($after: ID) {
      referentNotifications(first: 1, after: $after) { id at kind summary beneficiary { id } }
    }`;
    const page1 = await hub.query(token, q, { after: start });
    expect(page1.body.errors).toBeUndefined();
    expect(page1.body.data.referentNotifications).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        kind: 'arrears.reached',
        summary: 'Deux mois d’impayés de loyer (L271-5) / Two months of rent arrears (L271-5)',
        beneficiary: { id: mine.id },
      },
    ]);
    const after = page1.body.data.referentNotifications[0].id;
    const page2 = await hub.query(token, q, { after });
    expect(page2.body).toEqual({
      data: {
        referentNotifications: [
          {
            id: expect.stringMatching(/^\d+$/),
            at: expect.any(String),
            kind: 'contract.ending',
            summary:
              'Contrat MASP à échéance sous 30 jours (31 décembre 2026) / MASP contract ends within 30 days (2026-12-31)',
            beneficiary: { id: mine.id },
          },
        ],
      },
    });
    const page3 = await hub.query(token, q, { after: page2.body.data.referentNotifications[0].id });
    expect(page3.body).toEqual({ data: { referentNotifications: [] } });
    const log = await accessLogOf('department', TS.sub);
    expect(log).toEqual(expect.arrayContaining([{ beneficiary_id: mine.id, domains: ['SOCIAL'], action: 'READ' }]));
  });

  it('the association reads its own notifications only; the other association sees none of them', async () => {
    // a person whose file the département delegated to association A (its row rule: the delegation's reach)
    const person = hub.plan.persons.find((p) =>
      hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
    )!;
    const start = await cursorOf('association');
    await tell('association', { orgId: DEMO_ORGS.associationA }, person.id, 'delegation.granted', {
      startsOn: '2026-02-01',
    });
    const q = `{ associationNotifications(first: 50, after: "${start}") { id kind summary beneficiary { id } } }`;
    const a = await hub.query(await hub.token({ ...DELEGUE_A, sub: 'delegue-a-notif' }), q);
    expect(a.body.errors).toBeUndefined();
    expect(a.body.data.associationNotifications).toEqual([
      {
        id: expect.any(String),
        kind: 'delegation.granted',
        summary: 'Nouvelle délégation (MASP 2) (1er février 2026) / New delegation (MASP 2) (2026-02-01)',
        beneficiary: { id: person.id },
      },
    ]);
    expect(await accessLogOf('association', 'delegue-a-notif')).toEqual([
      { beneficiary_id: person.id, domains: ['SOCIAL_SUMMARY'], action: 'READ' },
    ]);
    const b = await hub.query(await hub.token({ ...DELEGUE_B, sub: 'delegue-b-notif' }), q);
    expect(b.body).toEqual({ data: { associationNotifications: [] } });
    expect(await accessLogOf('association', 'delegue-b-notif')).toEqual([]);
  });

  it('row rules: a notification addressed to a partner about a person outside its reach is not served', async () => {
    // addressed to association A, landlord 1 and the MJPM service, about persons none of them reaches
    const outsideA = hub.plan.persons.find(
      (p) =>
        !hub.plan.delegations.some((d) => d.beneficiaryId === p.id && d.associationOrgId === DEMO_ORGS.associationA),
    )!;
    const notLandlord1 = hub.plan.persons.find(
      (p) => !hub.plan.leases.some((l) => l.beneficiaryId === p.id && l.landlordOrgId === LANDLORD.org_id),
    )!;
    const noMaj = hub.plan.persons.find((p) => !hub.plan.majNotices.some((n) => n.beneficiaryId === p.id))!;
    const [aStart, lStart, mStart] = [
      await cursorOf('association'),
      await cursorOf('bailleur'),
      await cursorOf('mandataire'),
    ];
    await tell('association', { orgId: DEMO_ORGS.associationA }, outsideA.id, 'delegation.granted');
    await tell('bailleur', { orgId: LANDLORD.org_id }, notLandlord1.id, 'payment-order.decided');
    await tell('mandataire', { orgId: MJPM.org_id }, noMaj.id, 'maj-notice.recorded');
    const a = await hub.query(
      await hub.token({ ...DELEGUE_A, sub: 'delegue-a-outside' }),
      `{ associationNotifications(after: "${aStart}") { id } }`,
    );
    expect(a.body).toEqual({ data: { associationNotifications: [] } });
    const l = await hub.query(await hub.token(LANDLORD), `{ landlordNotifications(after: "${lStart}") { id } }`);
    expect(l.body).toEqual({ data: { landlordNotifications: [] } });
    const m = await hub.query(await hub.token(MJPM), `{ mandataireNotifications(after: "${mStart}") { id } }`);
    expect(m.body).toEqual({ data: { mandataireNotifications: [] } });
    expect(await accessLogOf('association', 'delegue-a-outside')).toEqual([]);
  });

  it('the landlord is told of a direct payment (TENANCY) and the MJPM of a MAJ notice (JUDICIAL)', async () => {
    // a tenant of landlord 1 for the landlord, a person under MAJ of the service for the MJPM (their row rules)
    const person = hub.plan.persons.find((p) =>
      hub.plan.leases.some((l) => l.beneficiaryId === p.id && l.landlordOrgId === LANDLORD.org_id),
    )!;
    const underMaj = hub.plan.persons.find((p) =>
      hub.plan.majNotices.some((n) => n.beneficiaryId === p.id && n.mandataireOrgId === MJPM.org_id),
    )!;
    const [landlordStart, mjpmStart] = [await cursorOf('bailleur'), await cursorOf('mandataire')];
    await tell('bailleur', { orgId: LANDLORD.org_id }, person.id, 'payment-order.decided', { startsOn: '2026-03-01' });
    await tell('bailleur', { orgId: DEMO_ORGS.bailleurs[1] }, person.id, 'payment-order.ended');
    await tell('mandataire', { orgId: MJPM.org_id }, underMaj.id, 'maj-notice.recorded', { startsOn: '2026-03-01' });
    const landlord = await hub.query(
      await hub.token(LANDLORD),
      'query($after: ID) { landlordNotifications(after: $after) { kind summary beneficiary { id } } }',
      { after: landlordStart },
    );
    expect(landlord.body).toEqual({
      data: {
        landlordNotifications: [
          {
            kind: 'payment-order.decided',
            summary: 'Paiement direct du loyer décidé (1er mars 2026) / Direct rent payment decided (2026-03-01)',
            beneficiary: { id: person.id },
          },
        ],
      },
    });
    const mjpm = await hub.query(
      await hub.token(MJPM),
      'query($after: ID) { mandataireNotifications(after: $after) { kind beneficiary { id } } }',
      { after: mjpmStart },
    );
    expect(mjpm.body).toEqual({
      data: { mandataireNotifications: [{ kind: 'maj-notice.recorded', beneficiary: { id: underMaj.id } }] },
    });
  });

  it('refuses a partner’s list to a role that is not its own, and a malformed cursor', async () => {
    const landlordAsksAssociation = await hub.query(await hub.token(LANDLORD), '{ associationNotifications { id } }');
    expect(landlordAsksAssociation.body.data).toBeNull();
    expect(landlordAsksAssociation.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const pilotage = await hub.query(
      await hub.token({
        sub: 'pilotage-notif',
        org_kind: OrgKind.DEPARTEMENT,
        org_id: DEMO_ORGS.departement,
        roles: [Role.PILOTAGE],
      }),
      '{ referentNotifications { id } }',
    );
    expect(pilotage.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const badCursor = await hub.query(await hub.token(TS), '{ referentNotifications(after: "abc") { id } }');
    expect(badCursor.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

import { randomUUID } from 'node:crypto';
import { OrgKind, Role } from '../../schema/policy';
import type { CallerClaims } from '../../schema/caller';
import { GRANT_EXTENSION, signRegistryGrant } from '../../schema/upstream-signature';
import { createPersonRegistry } from '../../subgraphs/kit/access/department-registry';
import { envDepartmentUrl } from '../../subgraphs/kit/runtime/env';
import { DEMO_ORGS, DEMO_TERRITORIES, DemoPerson, referentSub } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';
import { grantDelegation, TEST_ASSOCIATION } from '../subgraphs/association/helpers';
import { plan } from './fixtures';

/**
 * schema/policy.md › Row rules, in the partner subgraphs: a TRAVAILLEUR_SOCIAL reaches only the persons whose référent
 * they
 * are, an ENCADRANT the persons of their territory — in the association, bailleur and mandataire subgraphs too, which
 * ask the department subgraph (the registry of habilitations) which persons the caller reaches. Every path is tried:
 * by id, through entities, through each mutation département staff call, and the partners' own lists.
 */
let hub: TestHub;
// The partners remember the registry's answers per caller and person for REGISTRY_CACHE_MS: short here, so that a
// test can see an answer expire.
const CACHE_MS = 1500;
beforeAll(async () => {
  hub = await startTestHub({ REGISTRY_CACHE_MS: String(CACHE_MS) });
});
afterAll(async () => {
  await hub?.stop();
});

const NONEXISTENT = '00000000-0000-4000-8000-00000000dead';
const staff = (role: Role, sub: string, territory?: string): CallerClaims => ({
  sub,
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [role],
  ...(territory ? { territory } : {}),
});
/** The person's référent, a TS of the same territory who is not, the territory's ENCADRANT and another territory's. */
const callersFor = (p: DemoPerson) => {
  const other =
    p.referentSub === referentSub(p.territory, 1) ? referentSub(p.territory, 2) : referentSub(p.territory, 1);
  return {
    referent: staff(Role.TRAVAILLEUR_SOCIAL, p.referentSub),
    notReferent: staff(Role.TRAVAILLEUR_SOCIAL, other),
    encadrant: staff(Role.ENCADRANT, 'enc-own', p.territory),
    otherEncadrant: staff(
      Role.ENCADRANT,
      'enc-other',
      DEMO_TERRITORIES.find((t) => t !== p.territory)!,
    ),
  };
};
const person = (id: string) => plan.persons.find((p) => p.id === id)!;

// Files and orders these tests create name a test association, never the demo's A or B, whose lists other files read.
// One person of each kind: a delegated file, a lease under an order, a MAJ with its account; a lease with no order.
const delegation = plan.delegations.find((d) =>
  plan.orders.some(
    (o) =>
      o.payerOrgId === d.associationOrgId &&
      plan.leases.some((l) => l.id === o.leaseId && l.beneficiaryId === d.beneficiaryId),
  ),
)!;
const order = plan.orders.find(
  (o) => plan.leases.find((l) => l.id === o.leaseId)!.beneficiaryId === delegation.beneficiaryId,
)!;
const maj = plan.judicialMeasures[0];
const freeLease = plan.leases.find((l) => !plan.orders.some((o) => o.leaseId === l.id))!;

async function ask(claims: CallerClaims, query: string, variables?: Record<string, unknown>) {
  return (await hub.query(await hub.token(claims), query, variables)).body;
}
/** The refusal of an unknown id, for the same query: an unreachable id must answer exactly alike. */
async function expectSameAsUnknown(
  claims: CallerClaims,
  query: string,
  vars: (id: string) => Record<string, unknown>,
  realId: string,
) {
  const real = await ask(claims, query, vars(realId));
  const unknown = await ask(claims, query, vars(NONEXISTENT));
  expect(real.errors?.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
  expect(real.errors.map((e: any) => e.message)).toEqual(unknown.errors.map((e: any) => e.message));
  expect(real.data).toEqual(unknown.data);
  return real;
}
/** A registry question to the department as a partner asks it: under the grant the gateway gave `partner`. */
async function underGrant(
  claims: CallerClaims,
  query: string,
  variables: Record<string, unknown>,
  partner = 'association',
) {
  const res = await fetch(hub.subgraphs.department.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query,
      variables,
      extensions: { [GRANT_EXTENSION]: signRegistryGrant(hub.gatewayKeys.signer, partner, claims) },
    }),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}
/** A call straight to a subgraph, signed as the gateway signs (what `_entities` planning sends). */
async function direct(subgraph: string, claims: CallerClaims, query: string, variables?: Record<string, unknown>) {
  const res = await fetch(hub.subgraphs[subgraph].url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(hub.signed(subgraph, claims, query, variables)),
  });
  return (await res.json()) as { data?: any; errors?: any[] };
}

describe('authz › département staff in the association subgraph', () => {
  const p = person(delegation.beneficiaryId);
  const who = callersFor(p);
  const FILE = 'query($id: ID!) { delegatedFile(id: $id) { id handoverSummary monthlyResourcesCents } }';

  it.each([
    ['a TRAVAILLEUR_SOCIAL who is not the référent', 'notReferent'],
    ["another territory's ENCADRANT", 'otherEncadrant'],
  ] as const)('refuses %s a delegated file by id, as if it did not exist', async (_label, key) => {
    const body = await expectSameAsUnknown(who[key], FILE, (id) => ({ id }), delegation.id);
    expect(JSON.stringify(body)).not.toContain(delegation.handoverSummary);
  });

  it.each([
    ['the référent', 'referent'],
    ["the territory's ENCADRANT", 'encadrant'],
  ] as const)('serves %s the delegated file by id', async (_label, key) => {
    const body = await ask(who[key], FILE, { id: delegation.id });
    expect(body.errors).toBeUndefined();
    expect(body.data.delegatedFile).toEqual({
      id: delegation.id,
      handoverSummary: delegation.handoverSummary,
      monthlyResourcesCents: delegation.monthlyResourcesCents,
    });
  });

  it('refuses the file through the Measure entity to a TS who is not the référent, and serves it to the référent', async () => {
    const q =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Measure { delegatedFile { id handoverSummary } } } }';
    const r = [{ __typename: 'Measure', id: delegation.measureId }];
    const refused = await direct('association', who.notReferent, q, { r });
    expect(refused.data._entities).toEqual([{ delegatedFile: null }]);
    expect(JSON.stringify(refused)).not.toContain(delegation.handoverSummary);
    const served = await direct('association', who.referent, q, { r });
    expect(served.data._entities).toEqual([
      { delegatedFile: { id: delegation.id, handoverSummary: delegation.handoverSummary } },
    ]);
    // Through the gateway, the référent reaches it from the person.
    const body = await ask(
      who.referent,
      'query($id: ID!) { beneficiary(id: $id) { measures { delegatedFile { id } } } }',
      { id: p.id },
    );
    expect(body.data.beneficiary.measures.flatMap((m: any) => (m.delegatedFile ? [m.delegatedFile.id] : []))).toContain(
      delegation.id,
    );
  });

  it('refuses closeDelegatedFile and authoriseDelegatedOverdraft on a person not reached, as on an unknown file', async () => {
    for (const claims of [who.notReferent, who.otherEncadrant]) {
      await expectSameAsUnknown(
        claims,
        'mutation($id: ID!) { closeDelegatedFile(input: { fileId: $id, endedOn: "2099-01-01" }) { id status } }',
        (id) => ({ id }),
        delegation.id,
      );
      await expectSameAsUnknown(
        claims,
        'mutation($id: ID!) { authoriseDelegatedOverdraft(input: { fileId: $id, limitCents: 5000, reason: "test" }) { id } }',
        (id) => ({ id }),
        delegation.id,
      );
    }
    const still = await ask(who.referent, FILE, { id: delegation.id });
    expect(still.data.delegatedFile.id).toBe(delegation.id); // nothing was closed
  });

  it('refuses openDelegatedFile for a person not reached, and lets the référent open then close one', async () => {
    const open =
      'mutation($b: ID!, $m: ID!) { openDelegatedFile(input: { measureId: $m, beneficiaryId: $b, associationOrgId: "' +
      TEST_ASSOCIATION +
      '", workerSub: "delegue-b-9", startedOn: "2025-01-01", managedBenefits: [RSA], handoverSummary: "Reprise." }) { id status } }';
    const delegated = async () => {
      const m = randomUUID(); // the file opens only for a delegation the département granted (issue 17)
      const d = { measureId: m, beneficiaryId: p.id, associationOrgId: TEST_ASSOCIATION, managedBenefits: ['RSA'] };
      await grantDelegation(hub, { ...d, startsOn: '2025-01-01', endsOn: '2099-01-01' });
      return m;
    };
    const refused = await ask(who.notReferent, open, { b: p.id, m: await delegated() });
    expect(refused.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(refused.data).toBeNull();
    const opened = await ask(who.referent, open, { b: p.id, m: await delegated() });
    expect(opened.errors).toBeUndefined();
    const closed = await ask(
      who.referent,
      'mutation($id: ID!) { closeDelegatedFile(input: { fileId: $id, endedOn: "2025-06-30" }) { status } }',
      { id: opened.data.openDelegatedFile.id },
    );
    expect(closed).toEqual({ data: { closeDelegatedFile: { status: 'CLOSING' } } });
  });
});

describe('authz › département staff in the bailleur subgraph', () => {
  const lease = plan.leases.find((l) => l.id === order.leaseId)!;
  const p = person(lease.beneficiaryId);
  const who = callersFor(p);

  it('refuses the Lease entity and the person’s leases to a TS who is not the référent, and serves the référent', async () => {
    const q =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lease { id tenantName } ... on Beneficiary { leases { id tenantName } directPaymentOrders { id } rentArrears { unpaidMonths } } } }';
    const r = [
      { __typename: 'Lease', id: lease.id },
      { __typename: 'Beneficiary', id: p.id },
    ];
    const refused = await direct('bailleur', who.notReferent, q, { r });
    expect(refused.data._entities).toEqual([null, { leases: [], directPaymentOrders: [], rentArrears: null }]);
    expect(refused.errors!.map((e: any) => [e.extensions.code, e.path])).toEqual([['FORBIDDEN', ['_entities', 0]]]);
    expect(JSON.stringify(refused)).not.toContain(lease.tenantName);
    const served = await direct('bailleur', who.referent, q, { r });
    expect(served.errors).toBeUndefined();
    expect(served.data._entities[0]).toEqual({ id: lease.id, tenantName: lease.tenantName });
    expect(served.data._entities[1].leases.map((l: any) => l.id)).toContain(lease.id);
    expect(served.data._entities[1].directPaymentOrders.map((o: any) => o.id)).toContain(order.id);
  });

  it('refuses endDirectPaymentOrder and createDirectPaymentOrder on a person not reached, as on unknown ids', async () => {
    for (const claims of [who.notReferent, who.otherEncadrant]) {
      await expectSameAsUnknown(
        claims,
        'mutation($id: ID!) { endDirectPaymentOrder(input: { orderId: $id, endsOn: "2099-01-01" }) { id } }',
        (id) => ({ id }),
        order.id,
      );
      await expectSameAsUnknown(
        claims,
        `mutation($id: ID!) { createDirectPaymentOrder(input: { leaseId: $id, basis: MASP2_DELEGATION, payerOrgId: "${DEMO_ORGS.associationA}",
        payerKind: ASSOCIATION, monthlyAmountCents: 100, startsOn: "2099-01-01" }) { id } }`,
        (id) => ({ id }),
        lease.id,
      );
    }
  });

  it("lets the person's territory ENCADRANT create then end an order on their lease", async () => {
    const enc = callersFor(person(freeLease.beneficiaryId)).encadrant;
    const created = await ask(
      enc,
      `mutation($id: ID!) { createDirectPaymentOrder(input: { leaseId: $id, basis: MASP2_DELEGATION, payerOrgId: "${TEST_ASSOCIATION}",
      payerKind: ASSOCIATION, monthlyAmountCents: 100, startsOn: "2099-01-01" }) { id } }`,
      { id: freeLease.id },
    );
    expect(created.errors).toBeUndefined();
    const ended = await ask(
      enc,
      'mutation($id: ID!) { endDirectPaymentOrder(input: { orderId: $id, endsOn: "2099-06-30" }) { endsOn } }',
      { id: created.data.createDirectPaymentOrder.id },
    );
    expect(ended).toEqual({ data: { endDirectPaymentOrder: { endsOn: '2099-06-30' } } });
  });
});

describe('authz › département staff in the mandataire subgraph', () => {
  const p = person(maj.beneficiaryId);
  const who = callersFor(p);

  it.each([
    ['a TRAVAILLEUR_SOCIAL who is not the référent', 'notReferent'],
    ["another territory's ENCADRANT", 'otherEncadrant'],
  ] as const)('refuses %s a MAJ and its management account by id, as if they did not exist', async (_label, key) => {
    const body = await expectSameAsUnknown(
      who[key],
      'query($id: ID!) { judicialMeasure(id: $id) { id court reference } }',
      (id) => ({ id }),
      maj.id,
    );
    expect(JSON.stringify(body)).not.toContain(maj.court);
    await expectSameAsUnknown(
      who[key],
      'query($id: ID!) { managementAccount(judicialMeasureId: $id, year: 2025) { openingBalanceCents } }',
      (id) => ({ id }),
      maj.id,
    );
  });

  it.each([
    ['the référent', 'referent'],
    ["the territory's ENCADRANT", 'encadrant'],
  ] as const)('serves %s the MAJ by id and through the person', async (_label, key) => {
    const body = await ask(
      who[key],
      'query($id: ID!, $b: ID!) { judicialMeasure(id: $id) { id court } beneficiary(id: $b) { judicialMeasures { id } } }',
      { id: maj.id, b: p.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.judicialMeasure).toEqual({ id: maj.id, court: maj.court });
    expect(body.data.beneficiary.judicialMeasures).toEqual([{ id: maj.id }]);
  });

  it('gives a TS who is not the référent nothing through the JudicialMeasure and Beneficiary entities', async () => {
    const q =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on JudicialMeasure { id court } ... on Beneficiary { judicialMeasures { id court } majProtectionMeasures { id } } } }';
    const refused = await direct('mandataire', who.notReferent, q, {
      r: [
        { __typename: 'JudicialMeasure', id: maj.id },
        { __typename: 'Beneficiary', id: p.id },
      ],
    });
    expect(refused.data._entities).toEqual([null, { judicialMeasures: [], majProtectionMeasures: [] }]);
    expect(JSON.stringify(refused)).not.toContain(maj.court);
  });
});

describe('authz › the partners’ own lists', () => {
  it.each([
    ['myLeases', '{ myLeases { id tenantName } }'],
    ['expectedPayments', `{ expectedPayments(month: "${new Date().toISOString().slice(0, 7)}") { leaseId } }`],
    ['myJudicialMeasures', '{ myJudicialMeasures { id court } }'],
    ['myDelegatedFiles', '{ myDelegatedFiles { id handoverSummary } }'],
  ])('refuses %s to département staff, saying to go through the person', async (list, query) => {
    for (const claims of [
      staff(Role.TRAVAILLEUR_SOCIAL, referentSub('MDD-ORLEANS', 1)),
      staff(Role.ENCADRANT, 'enc'),
    ]) {
      const body = await ask(claims, query);
      expect(body.data).toBeNull();
      expect(body.errors.map((e: any) => e.extensions.code)).toEqual(['FORBIDDEN']);
      expect(body.errors[0].message).toContain(list);
      expect(body.errors[0].message).toContain('beneficiary(id)');
    }
  });
});

describe('authz › the registry is a service, not part of the graph', () => {
  it('is not in the graph clients see', async () => {
    const body = await ask(staff(Role.ENCADRANT, 'enc'), `query { reachablePersons(ids: ["${maj.beneficiaryId}"]) }`);
    expect(body.data).toBeUndefined();
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers the department’s reach for the grant’s caller, an unknown id simply absent', async () => {
    const p = person(maj.beneficiaryId);
    const who = callersFor(p);
    const q = 'query($ids: [ID!]!) { reachablePersons(ids: $ids) }';
    const ids = [p.id, NONEXISTENT, 'not-an-id'];
    expect((await underGrant(who.referent, q, { ids })).data.reachablePersons).toEqual([p.id]);
    expect((await underGrant(who.notReferent, q, { ids })).data.reachablePersons).toEqual([]);
    expect((await underGrant(staff(Role.ENCADRANT, 'enc'), q, { ids })).data.reachablePersons).toEqual([p.id]);
  });

  it('answers which ids are persons of the register (knownPersons), for any caller under a grant', async () => {
    const q = 'query($ids: [ID!]!) { knownPersons(ids: $ids) }';
    const ids = [maj.beneficiaryId.toUpperCase(), NONEXISTENT, 'not-an-id'];
    const landlord = {
      sub: 'gl',
      org_kind: OrgKind.BAILLEUR,
      org_id: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
    };
    expect((await underGrant(landlord, q, { ids }, 'bailleur')).data.knownPersons).toEqual([maj.beneficiaryId]);
    const tooMany = await underGrant(landlord, q, { ids: Array.from({ length: 1001 }, () => NONEXISTENT) }, 'bailleur');
    expect(tooMany.errors!.map((e: any) => [e.extensions.code, e.extensions.field])).toEqual([
      ['BAD_USER_INPUT', 'ids'],
    ]);
  });

  it('knows(id) asks the register under the request’s grant, for any caller; without a grant it fails closed', async () => {
    const claims = {
      sub: 'gl',
      org_kind: OrgKind.BAILLEUR,
      org_id: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
    };
    const caller = {
      sub: 'gl',
      orgKind: OrgKind.BAILLEUR,
      orgId: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
      scopes: [],
    };
    const config = { url: hub.subgraphs.department.url };
    const registry = createPersonRegistry(
      caller,
      config,
      signRegistryGrant(hub.gatewayKeys.signer, 'bailleur', claims),
    );
    await expect(
      Promise.all([registry.knows(maj.beneficiaryId), registry.knows(NONEXISTENT), registry.knows('nope')]),
    ).resolves.toEqual([true, false, false]);
    await expect(createPersonRegistry(caller, config).knows(maj.beneficiaryId)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'no_grant' },
    });
  });

  it('refuses a registry question without a grant, even one the gateway signed for the department', async () => {
    for (const q of [
      'query($ids: [ID!]!) { reachablePersons(ids: $ids) }',
      'query($ids: [ID!]!) { knownPersons(ids: $ids) }',
    ]) {
      const body = await direct('department', staff(Role.ENCADRANT, 'enc'), q, { ids: [maj.beneficiaryId] });
      expect(body.data).toBeNull();
      expect(body.errors!.map((e: any) => [e.extensions.code, e.extensions.reason])).toEqual([
        ['FORBIDDEN', 'no_grant'],
      ]);
    }
  });
});

describe('authz › the access log on registry-checked paths', () => {
  it("records the référent's partner reads in each partner's log, and the registry questions nowhere", async () => {
    const p = person(delegation.beneficiaryId);
    const sub = `${p.referentSub}`;
    const before = await hub.subgraphs.association.dataSource.query(
      `SELECT count(*)::int AS n FROM association.access_log WHERE sub = $1 AND detail = 'RegistryAudit'`,
      [sub],
    );
    const body = await ask(
      staff(Role.TRAVAILLEUR_SOCIAL, sub),
      'query RegistryAudit($id: ID!, $b: ID!) { delegatedFile(id: $id) { handoverSummary } beneficiary(id: $b) { leases { rentCents } } }',
      { id: delegation.id, b: p.id },
    );
    expect(body.errors).toBeUndefined();
    const logged = async (subgraph: string) =>
      hub.subgraphs[subgraph].dataSource.query(
        `SELECT beneficiary_id, domains FROM "${subgraph}".access_log WHERE sub = $1 AND detail = 'RegistryAudit' ORDER BY id`,
        [sub],
      );
    const association = await logged('association');
    expect(association.length).toBe(before[0].n + 1);
    expect(association.at(-1)).toEqual({ beneficiary_id: p.id, domains: ['SOCIAL_SUMMARY'] });
    expect((await logged('bailleur')).at(-1)).toEqual({ beneficiary_id: p.id, domains: ['TENANCY'] });
    for (const subgraph of ['department', 'association', 'bailleur', 'mandataire']) {
      const registry = await hub.subgraphs[subgraph].dataSource.query(
        `SELECT count(*)::int AS n FROM "${subgraph}".access_log WHERE detail = 'RegistryReachablePersons'`,
      );
      expect(registry[0].n).toBe(0);
    }
  });
});

describe('authz › the registry costs one call per partner request', () => {
  it("asks the department once for a whole caseload's leases, orders, payments and arrears, ids deduplicated", async () => {
    const asked: string[][] = [];
    const onRequest = (r: { operationName?: string }) => {
      if (r.operationName === 'RegistryReachablePersons') asked.push([]);
    };
    const bailleurRequests: unknown[] = [];
    const onBailleur = (r: unknown) => bailleurRequests.push(r);
    hub.subgraphs.department.server.events.on('request', onRequest);
    hub.subgraphs.bailleur.server.events.on('request', onBailleur);
    try {
      const body = await ask(
        staff(Role.ENCADRANT, 'enc', 'MDD-ORLEANS'),
        '{ caseload(first: 100) { id leases { id directPaymentOrders { id } payments { id } rentArrears { unpaidMonths } } rentArrears { unpaidMonths } } }',
      );
      expect(body.errors).toBeUndefined();
      for (const b of body.data.caseload) {
        expect(person(b.id).territory).toBe('MDD-ORLEANS');
        expect(b.leases.map((l: any) => l.id).sort()).toEqual(
          plan.leases
            .filter((l) => l.beneficiaryId === b.id)
            .map((l) => l.id)
            .sort(),
        );
      }
      expect(body.data.caseload.some((b: any) => b.leases.length > 0)).toBe(true);
    } finally {
      hub.subgraphs.department.server.events.off('request', onRequest);
      hub.subgraphs.bailleur.server.events.off('request', onBailleur);
    }
    expect(bailleurRequests.length).toBe(1);
    expect(asked.length).toBe(1);
  });

  it('remembers the answers per caller and person for REGISTRY_CACHE_MS: the same page again asks nothing, another caller is asked', async () => {
    const asked: unknown[] = [];
    const onRequest = (r: { operationName?: string }) => {
      if (r.operationName === 'RegistryReachablePersons') asked.push(r);
    };
    const PAGE = '{ caseload(first: 20) { id leases { id } judicialMeasures { id } } }';
    const first = staff(Role.ENCADRANT, 'enc-cache-1', 'MDD-ORLEANS');
    hub.subgraphs.department.server.events.on('request', onRequest);
    try {
      const a = await ask(first, PAGE);
      const fromFirst = asked.length;
      const b = await ask(first, PAGE);
      expect(b).toEqual(a);
      expect(asked.length).toBe(fromFirst); // remembered: not asked again
      await ask(staff(Role.ENCADRANT, 'enc-cache-2', 'MDD-ORLEANS'), PAGE);
      expect(asked.length).toBeGreaterThan(fromFirst); // another caller: asked
      expect(fromFirst).toBeGreaterThan(0);
    } finally {
      hub.subgraphs.department.server.events.off('request', onRequest);
    }
  });
});

describe('authz › department down', () => {
  it('serves département staff no partner data the registry has not confirmed within REGISTRY_CACHE_MS (SERVICE_UNAVAILABLE, retryable), and the partners their own', async () => {
    const who = callersFor(person(delegation.beneficiaryId));
    // The cache's clock is Date.now, held still here: how long stopping the department takes on a loaded machine must
    // not decide whether the answer is still within REGISTRY_CACHE_MS. It starts past every answer an earlier test
    // left in the cache (CI once served the first read below from one, which then expired before the second).
    const asked = Date.now() + CACHE_MS + 1;
    const clock = jest.spyOn(Date, 'now').mockReturnValue(asked);
    try {
      const served = await ask(who.referent, FILE_OF(delegation.id));
      expect(served.data.delegatedFile.id).toBe(delegation.id);
      await hub.subgraphs.department.server.stop();
      // an answer the registry gave less than REGISTRY_CACHE_MS ago still holds…
      clock.mockReturnValue(asked + CACHE_MS - 1);
      expect((await ask(who.referent, FILE_OF(delegation.id))).data.delegatedFile.id).toBe(delegation.id);
      // …and no longer: the registry is asked again, and fails closed
      clock.mockReturnValue(asked + CACHE_MS + 1);
      const body = await ask(
        who.referent,
        'query($id: ID!, $j: ID!) { delegatedFile(id: $id) { id handoverSummary } judicialMeasure(id: $j) { id court } }',
        { id: delegation.id, j: maj.id },
      );
      expect(body.data).toEqual({ delegatedFile: null, judicialMeasure: null });
      expect(body.errors.map((e: any) => [e.extensions.code, e.extensions.retryable])).toEqual([
        ['SERVICE_UNAVAILABLE', true],
        ['SERVICE_UNAVAILABLE', true],
      ]);
      expect(JSON.stringify(body)).not.toContain(delegation.handoverSummary);
      const closing = await ask(
        who.referent,
        'mutation($id: ID!) { closeDelegatedFile(input: { fileId: $id, endedOn: "2099-01-01" }) { id } }',
        { id: delegation.id },
      );
      expect(closing.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    } finally {
      clock.mockRestore();
    }
    const delegue = await ask(
      { sub: 'delegue-x', org_kind: OrgKind.ASSOCIATION, org_id: delegation.associationOrgId, roles: [Role.DELEGUE] },
      FILE_OF(delegation.id),
    );
    expect(delegue.data.delegatedFile.id).toBe(delegation.id);
  });
});

const FILE_OF = (id: string) => `{ delegatedFile(id: "${id}") { id } }`;

describe('authz › registry configuration', () => {
  it('requires DEPARTMENT_URL in production and names it; defaults to the local department elsewhere', () => {
    expect(() => envDepartmentUrl({ NODE_ENV: 'production' })).toThrow(/DEPARTMENT_URL is required in production/);
    expect(() => envDepartmentUrl({ NODE_ENV: 'production', DEPARTMENT_URL: 'not a url' })).toThrow(
      /DEPARTMENT_URL must be a URL/,
    );
    expect(envDepartmentUrl({ NODE_ENV: 'production', DEPARTMENT_URL: 'http://department:4001/graphql' })).toBe(
      'http://department:4001/graphql',
    );
    expect(envDepartmentUrl({})).toBe('http://127.0.0.1:4001/graphql');
  });

  it('without a configured registry, a département agent reaches no partner row (fail closed); other callers are not asked', async () => {
    const agent = createPersonRegistry(
      {
        sub: 'ts',
        orgKind: OrgKind.DEPARTEMENT,
        orgId: DEMO_ORGS.departement,
        roles: [Role.TRAVAILLEUR_SOCIAL],
        scopes: [],
      },
      undefined,
    );
    await expect(agent.keep([{ beneficiaryId: maj.beneficiaryId }])).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    });
    const delegue = createPersonRegistry(
      { sub: 'd', orgKind: OrgKind.ASSOCIATION, orgId: DEMO_ORGS.associationA, roles: [Role.DELEGUE], scopes: [] },
      undefined,
    );
    expect(delegue.checksPersons).toBe(false);
    await expect(delegue.keep([{ beneficiaryId: maj.beneficiaryId }])).resolves.toHaveLength(1);
  });
});

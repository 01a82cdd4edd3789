import { Client } from 'pg';
import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, todayIso } from '../../../subgraphs/kit/rules/calendar';
import {
  DEFAULT_ELIGIBILITY_VALIDITY_MONTHS,
  directPaymentEnding,
  eligibilityExpired,
  eligibilityExpiresOn,
  endsWithinWindow,
  majEnding,
  pastTerm,
  protectionOpenedDuring,
} from '../../../subgraphs/department/rules/alerts.rule';
import { ALERTS_SQL, MEASURE_REACH, PARAMETER_IN_FORCE, PERSON_REACH } from '../../../subgraphs/department/sql';
import { startIsolatedTestHub, TestHub } from '../../helpers/hub';
import { olderParameterRowsSql } from '../../helpers/sql';

describe('department › caseload alerts › the rules (pure)', () => {
  const today = '2026-03-10';

  it('a term within 30 days: the 30th day is in, the 31st and today are out (today = past its term)', () => {
    expect(endsWithinWindow('2026-04-09', today)).toBe(true); // +30
    expect(endsWithinWindow('2026-04-10', today)).toBe(false); // +31
    expect(endsWithinWindow('2026-03-11', today)).toBe(true);
    expect(endsWithinWindow(today, today)).toBe(false);
    expect(pastTerm(today, today)).toBe(true); // ends_on is the first day without the contract
    expect(pastTerm('2026-03-11', today)).toBe(false);
  });

  it('a direct payment whose last day paid is today or within 30 days', () => {
    expect(directPaymentEnding(today, today)).toBe(true);
    expect(directPaymentEnding('2026-04-09', today)).toBe(true);
    expect(directPaymentEnding('2026-04-10', today)).toBe(false);
    expect(directPaymentEnding('2026-03-09', today)).toBe(false);
  });

  it('a MAJ ending within 30 days (its notice’s end, exclusive)', () => {
    expect(majEnding('2026-04-09', today)).toBe(true);
    expect(majEnding('2026-04-10', today)).toBe(false);
  });

  it('a protection measure opened on the first day of the MASP up to the day before its term', () => {
    const masp = { startsOn: '2026-01-01', endsOn: '2026-07-01' };
    expect(protectionOpenedDuring('2025-12-31', masp)).toBe(false);
    expect(protectionOpenedDuring('2026-01-01', masp)).toBe(true);
    expect(protectionOpenedDuring('2026-06-30', masp)).toBe(true);
    expect(protectionOpenedDuring('2026-07-01', masp)).toBe(false);
  });

  it('an eligibility check holds 6 months by default (ELIGIBILITY_VALIDITY_MONTHS), expired on its anniversary', () => {
    expect(DEFAULT_ELIGIBILITY_VALIDITY_MONTHS).toBe(6);
    expect(eligibilityExpiresOn('2025-09-10', undefined)).toBe('2026-03-10');
    expect(eligibilityExpired('2025-09-10', today)).toBe(true);
    expect(eligibilityExpired('2025-09-11', today)).toBe(false);
    expect(eligibilityExpiresOn('2025-03-10', 6)).toBe('2025-09-10');
    expect(eligibilityExpired('2025-09-10', today, 6)).toBe(true);
    expect(eligibilityExpired('2025-09-11', today, 6)).toBe(false);
    // a value that is not a positive number of months falls back to the default
    expect(eligibilityExpiresOn('2025-09-10', 0)).toBe('2026-03-10');
    // 31 January + 1 month: the last day of February
    expect(eligibilityExpiresOn('2025-01-31', 1)).toBe('2025-02-28');
  });
});

/** Through the gateway, on a database of its own (rows written directly: the alerts read what procedures wrote). */
describe('department › caseload alerts › the statement', () => {
  const reach = {
    outer: PERSON_REACH.referent('b'),
    person: PERSON_REACH.referent('b'),
    measure: MEASURE_REACH.viaPerson('m', PERSON_REACH.referent('rb')),
  };

  it('a first page binds the reach only: no NULL cursor and no LIMIT parameter to keep it off a generic plan', () => {
    // PostgreSQL plans a prepared statement generically once its generic plan costs no more than the custom ones; a
    // cursor that may be NULL or an unknown LIMIT moved the generic estimate 2 to 30 times above them at 100×, so the
    // statement was planned anew (2 ms) at every page.
    const first = ALERTS_SQL(reach, { after: false, limit: 50 });
    expect(first).not.toMatch(/:after|:limit|IS NULL OR/);
    expect(first).toMatch(/ORDER BY pr\.id, a\.key LIMIT 50\s*$/);
    const next = ALERTS_SQL(reach, { after: true, limit: 20 });
    expect(next).toMatch(/b\.id >= CAST\(:afterPerson AS uuid\)/);
    expect(next).toMatch(/\(pr\.id, a\.key\) > \(CAST\(:afterPerson AS uuid\), CAST\(:afterKey AS uuid\)\)/);
    expect(next).toMatch(/LIMIT 20\s*$/);
  });
});

describe('department › caseload alerts, through the gateway', () => {
  let hub: TestHub & { dispose(): Promise<void> };
  let db: Client;
  const TODAY = todayIso();
  const TERRITORY = 'TEST-ALERTS';
  const worker = {
    sub: 'ts-alerts-1',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.TRAVAILLEUR_SOCIAL],
  };
  const otherWorker = { ...worker, sub: 'ts-alerts-2' };
  const delegue = {
    sub: 'delegue-alerts',
    org_kind: OrgKind.ASSOCIATION,
    org_id: DEMO_ORGS.associationA,
    roles: [Role.DELEGUE],
  };

  beforeAll(async () => {
    hub = await startIsolatedTestHub('alerts');
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `${url.pathname}_alerts`;
    db = new Client({ connectionString: url.toString() });
    await db.connect();
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await hub?.dispose();
  });

  const q = async (text: string, params: unknown[] = []) => (await db.query(text, params)).rows;
  async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
    const { status, body } = await hub.query(await hub.token(claims), query, variables);
    expect(status).toBe(200);
    return body;
  }
  async function person(lastName: string, referent = worker.sub): Promise<string> {
    const [row] = await q(
      `INSERT INTO department.beneficiary (last_name, first_name, birth_date, address, territory, referent_sub)
       VALUES ($1, 'Test', '1980-01-01', '1 rue du Test, 45000 Orléans', $2, $3) RETURNING id`,
      [lastName, TERRITORY, referent],
    );
    return row.id;
  }
  async function contract(
    personId: string,
    startsOn: string,
    endsOn: string,
    status = 'ACTIVE',
    level = 'MASP_1',
  ): Promise<string> {
    const [m] = await q(
      `INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [personId, level, status, startsOn, endsOn],
    );
    await q(
      `INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months)
       VALUES ($1, $2, 1, $3, $4, 6)`,
      [m.id, personId, startsOn, endsOn],
    );
    return m.id;
  }
  async function check(personId: string, checkedOn: string) {
    await q(
      `INSERT INTO department.eligibility_check (beneficiary_id, checked_on, checked_by, capacity_to_consent, eligible)
       VALUES ($1, $2, 'ts-alerts-1', true, true)`,
      [personId, checkedOn],
    );
  }
  async function lease(personId: string, endsOn: string | null = null): Promise<string> {
    const [l] = await q(
      `INSERT INTO department.lease_fact (lease_id, beneficiary_id, landlord_org_id, reference, rent_cents, charges_cents, starts_on, ends_on)
       VALUES (gen_random_uuid(), $1, $2, 'BAIL-ALERTS', 50000, 5000, '2020-01-01', $3) RETURNING lease_id`,
      [personId, DEMO_ORGS.bailleurs[0], endsOn],
    );
    return l.lease_id;
  }
  async function arrears(personId: string, leaseId: string, reachedOn: string, months = ['2026-01', '2026-02']) {
    await q(
      `INSERT INTO department.arrears_fact (lease_id, beneficiary_id, landlord_org_id, unpaid_months, reached_on)
       VALUES ($1, $2, $3, $4, $5)`,
      [leaseId, personId, DEMO_ORGS.bailleurs[0], months, reachedOn],
    );
  }
  async function majNotice(personId: string, startsOn: string, endsOn: string) {
    await q(
      `INSERT INTO department.maj_notice (beneficiary_id, mandataire_org_id, starts_on, ends_on) VALUES ($1, $2, $3, $4)`,
      [personId, 'c0000000-0000-4000-8000-0000000000f2', startsOn, endsOn],
    );
  }
  async function protection(personId: string, startsOn: string) {
    await q(
      `INSERT INTO department.protection_measure (beneficiary_id, kind, starts_on) VALUES ($1, 'CURATELLE', $2)`,
      [personId, startsOn],
    );
  }

  const ALERTS = `query($after: ID) { caseloadAlerts(first: 100, after: $after) { id kind date endsOn beneficiary { lastName } measure { id } } }`;
  type Alert = { id: string; kind: string; date: string; endsOn: string | null; beneficiary: { lastName: string } };
  const summary = (alerts: Alert[]) =>
    alerts.map((a) => `${a.beneficiary.lastName} ${a.kind} ${a.date}`).sort((a, b) => a.localeCompare(b));

  it('lists each kind on its boundary, one alert per kind and row, and nothing out of the window', async () => {
    const pastTerm = await person('Terme');
    const past = await contract(pastTerm, addMonths(TODAY, -6), TODAY);
    const in30 = await person('Trente');
    await contract(in30, addMonths(TODAY, -5), addDays(TODAY, 30));
    // evaluated during its term: no RENEWAL_WITHOUT_EVALUATION for it
    await q(
      `INSERT INTO department.evaluation (beneficiary_id, kind, evaluated_on, author_sub) VALUES ($1, 'RESULTATS', $2, $3)`,
      [in30, TODAY, worker.sub],
    );
    const in31 = await person('TrenteEtUn');
    await contract(in31, addMonths(TODAY, -5), addDays(TODAY, 31));

    const arrearsOf = await person('Impayes');
    await arrears(arrearsOf, await lease(arrearsOf), addDays(TODAY, -3));
    const leaseEnded = await person('BailFini');
    await arrears(leaseEnded, await lease(leaseEnded, addDays(TODAY, -1)), addDays(TODAY, -40));

    const maj = await person('Maj');
    await majNotice(maj, addMonths(TODAY, -23), addDays(TODAY, 30));
    const majLater = await person('MajPlusTard');
    await majNotice(majLater, addMonths(TODAY, -23), addDays(TODAY, 31));

    const protectedDuring = await person('Curatelle');
    await contract(protectedDuring, addMonths(TODAY, -3), addMonths(TODAY, 3));
    await protection(protectedDuring, addDays(TODAY, -2));
    const protectedBefore = await person('CuratelleAvant');
    await contract(protectedBefore, addMonths(TODAY, -3), addMonths(TODAY, 3));
    await protection(protectedBefore, addMonths(TODAY, -4));

    const stale = await person('Eligibilite');
    await contract(stale, addDays(TODAY, 10), addMonths(TODAY, 6), 'PROPOSED');
    await check(stale, addMonths(TODAY, -6));
    const fresh = await person('EligibiliteFraiche');
    await contract(fresh, addDays(TODAY, 10), addMonths(TODAY, 6), 'PROPOSED');
    await check(fresh, addDays(addMonths(TODAY, -6), 1));

    const notMine = await person('PasLaMienne', otherWorker.sub);
    await contract(notMine, addMonths(TODAY, -6), TODAY);

    const body = await as(worker, ALERTS);
    expect(body.errors).toBeUndefined();
    const alerts: Alert[] = body.data.caseloadAlerts;
    expect(summary(alerts)).toEqual(
      [
        `Curatelle PROTECTION_OPENED_DURING_MASP ${addDays(TODAY, -2)}`,
        `Eligibilite ELIGIBILITY_EXPIRED ${TODAY}`,
        `Impayes ARREARS_TWO_MONTHS ${addDays(TODAY, -3)}`,
        `Maj MAJ_ENDING ${addDays(TODAY, 30)}`,
        `Terme CONTRACT_PAST_TERM ${TODAY}`,
        `Terme RENEWAL_WITHOUT_EVALUATION ${TODAY}`,
        `Trente ENDING_WITHIN_30_DAYS ${addDays(TODAY, 30)}`,
      ].sort((a, b) => a.localeCompare(b)),
    );
    expect(alerts.find((a) => a.kind === 'CONTRACT_PAST_TERM')).toMatchObject({ endsOn: TODAY, measure: { id: past } });
    // ids: unique, stable from one request to the next, and the cursor
    expect(new Set(alerts.map((a) => a.id)).size).toBe(alerts.length);
    const again = await as(worker, ALERTS);
    expect(again.data.caseloadAlerts.map((a: Alert) => a.id)).toEqual(alerts.map((a) => a.id));
    const page = await as(worker, ALERTS, { after: alerts[2].id });
    expect(page.data.caseloadAlerts.map((a: Alert) => a.id)).toEqual(alerts.slice(3).map((a) => a.id));
    // ordered by person (the caseload's order), so a page stops at the persons it shows; one page of one alert at a
    // time walks them all, a person's two alerts included, each once
    const persons = alerts.map((a) => a.id.split(':')[0]);
    expect(persons).toEqual([...persons].sort());
    const walked: string[] = [];
    for (let after: string | undefined; walked.length <= alerts.length;) {
      const one = await as(worker, ALERTS.replace('first: 100', 'first: 1'), { after });
      const ids = one.data.caseloadAlerts.map((a: Alert) => a.id);
      if (!ids.length) break;
      walked.push(...ids);
      after = ids[0];
    }
    expect(walked).toEqual(alerts.map((a) => a.id));
    // a person's id as the cursor: the alerts of the persons after that one
    const [firstPerson] = persons;
    const fromNext = await as(worker, ALERTS, { after: firstPerson });
    expect(fromNext.data.caseloadAlerts.map((a: Alert) => a.id)).toEqual(
      alerts.filter((a) => a.id.split(':')[0] > firstPerson).map((a) => a.id),
    );
    // a cursor that is neither is refused, saying what to send
    const bad = await as(worker, ALERTS, { after: `${alerts[0].id}:x` });
    expect(bad.errors[0]).toMatchObject({
      message: expect.stringContaining('"after" must be an id returned by the previous page'),
      extensions: { code: 'BAD_USER_INPUT' },
    });

    // the other worker sees its own person only
    const other = await as(otherWorker, ALERTS);
    expect(summary(other.data.caseloadAlerts)).toEqual([
      `PasLaMienne CONTRACT_PAST_TERM ${TODAY}`,
      `PasLaMienne RENEWAL_WITHOUT_EVALUATION ${TODAY}`,
    ]);

    // a délégataire of none of these measures: nothing, and never a person's arrears, MAJ or protection
    const d = await as(delegue, `{ caseloadAlerts(first: 100) { kind } }`);
    expect(d.errors).toBeUndefined();
    expect(d.data.caseloadAlerts.map((a: { kind: string }) => a.kind)).not.toEqual(
      expect.arrayContaining(['ARREARS_TWO_MONTHS']),
    );
  });

  it('reads the cap and the eligibility validity as the rules do: an older row out of range is the fallback', async () => {
    const read = async () =>
      (
        await q(
          `SELECT ${PARAMETER_IN_FORCE('TOTAL_MAX_MONTHS')} AS cap, ${PARAMETER_IN_FORCE('ELIGIBILITY_VALIDITY_MONTHS')} AS validity`,
        )
      )[0];
    expect(await read()).toEqual({ cap: 48, validity: 6 });
    // rows as an older database could hold them (written before it refused them), in a transaction undone after
    await q('BEGIN');
    try {
      await q(
        olderParameterRowsSql(
          `('TOTAL_MAX_MONTHS', current_date, 36, 'narrower: applies'), ('ELIGIBILITY_VALIDITY_MONTHS', current_date, 40, 'out of range')`,
        ),
      );
      expect(await read()).toEqual({ cap: 36, validity: 6 });
    } finally {
      await q('ROLLBACK');
    }
  });

  it('costs the department one SQL statement for every kind of alert (besides the replay check)', async () => {
    const s = hub.subgraphs.department;
    let statements = -1;
    const l = (r: { statements: number; operationName?: string }) => {
      if (r.operationName !== 'RegistryReachablePersons') statements = r.statements;
    };
    s.server.events.on('request', l);
    try {
      const body = await as(worker, `{ caseloadAlerts(first: 100) { id kind date endsOn cumulativeMonths } }`);
      expect(body.errors).toBeUndefined();
      expect(body.data.caseloadAlerts.length).toBeGreaterThan(5);
    } finally {
      s.server.events.off('request', l);
    }
    // the replay store's (the gateway's signed request, kit/access/replay-store.ts) and the alerts'
    expect(statements).toBe(2);
  });
});

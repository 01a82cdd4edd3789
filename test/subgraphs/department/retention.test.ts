import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { addDays, addMonths, parisToday } from '../../../subgraphs/kit/rules/calendar';
import { runScheduledJob } from '../../../subgraphs/kit/events/worker';
import { retentionPurgeJob } from '../../../subgraphs/department/retention/purge';
import {
  DEFAULT_RETENTION,
  RetentionStage,
  retentionParameters,
  retentionStage,
} from '../../../subgraphs/department/retention/retention.rule';
import { startIsolatedTestHub, TestHub } from '../../helpers/hub';

describe('department › retention (CNIL) › the rule (pure)', () => {
  const today = '2026-12-05';
  const p = DEFAULT_RETENTION;
  const closed = (lastContact: string, archivedOn: string | null = null) => ({ open: false, lastContact, archivedOn });

  it('erases a closed file 24 months after the last contact, to the day', () => {
    expect(retentionStage(closed('2024-12-05'), today, p)).toBe(RetentionStage.ERASE);
    expect(retentionStage(closed('2024-12-06'), today, p)).toBe(RetentionStage.ARCHIVE);
    expect(retentionStage(closed('2024-12-06', '2025-06-06'), today, p)).toBe(RetentionStage.KEEP);
  });

  it('archives a closed file 6 months after the last contact, once', () => {
    expect(retentionStage(closed('2026-06-05'), today, p)).toBe(RetentionStage.ARCHIVE);
    expect(retentionStage(closed('2026-06-06'), today, p)).toBe(RetentionStage.KEEP);
    expect(retentionStage(closed('2026-06-05', '2026-12-05'), today, p)).toBe(RetentionStage.KEEP);
  });

  it('keeps an open file whatever its age', () => {
    expect(retentionStage({ open: true, lastContact: '2010-01-01', archivedOn: null }, today, p)).toBe(
      RetentionStage.KEEP,
    );
  });

  it('reads the dated parameters; a missing or out-of-range value is the default; archiving never comes after erasing', () => {
    expect(retentionParameters({})).toEqual({ archiveMonths: 6, eraseMonths: 24 });
    expect(retentionParameters({ archiveMonths: 0, eraseMonths: null })).toEqual({ archiveMonths: 6, eraseMonths: 24 });
    expect(retentionParameters({ archiveMonths: 3, eraseMonths: 36 })).toEqual({ archiveMonths: 3, eraseMonths: 36 });
    expect(retentionParameters({ archiveMonths: 20, eraseMonths: 12 })).toEqual({ archiveMonths: 12, eraseMonths: 12 });
    // each end of the ranges is kept
    expect(retentionParameters({ archiveMonths: 1, eraseMonths: 60 })).toEqual({ archiveMonths: 1, eraseMonths: 60 });
    expect(retentionParameters({ archiveMonths: 24, eraseMonths: 6 })).toEqual({ archiveMonths: 6, eraseMonths: 6 });
    // an older row beyond the range (written before the database refused it): never kept longer than the RGPD's time
    // necessary, never erased sooner than the range allows; an archiving of 25 months is the default 6
    expect(retentionParameters({ archiveMonths: 25, eraseMonths: 61 })).toEqual({ archiveMonths: 6, eraseMonths: 24 });
    expect(retentionParameters({ archiveMonths: 3, eraseMonths: 5 })).toEqual({ archiveMonths: 3, eraseMonths: 24 });
  });
});

describe('department › retention (CNIL) › the purge, on a database of its own', () => {
  let hub: TestHub & { dispose(): Promise<void> };
  const TODAY = parisToday();
  const ds = () => hub.subgraphs.department.dataSource;
  const q = (text: string, params: unknown[] = []) => ds().query(text, params);
  const worker = {
    sub: 'ts-retention-1',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.TRAVAILLEUR_SOCIAL],
  };
  const encadrant = { ...worker, sub: 'enc-retention', roles: [Role.ENCADRANT] };
  const pilotage = { ...worker, sub: 'pil-retention', roles: [Role.PILOTAGE] };

  beforeAll(async () => {
    hub = await startIsolatedTestHub('retention');
  }, 180_000);
  afterAll(async () => {
    await hub?.dispose();
  });

  async function as(claims: Record<string, unknown>, query: string, variables?: Record<string, unknown>) {
    const { status, body } = await hub.query(await hub.token(claims), query, variables);
    expect(status).toBe(200);
    return body;
  }

  /** A person whose file has all its dates on or before `lastContact`; `open`: a contract in force. */
  async function file(lastName: string, lastContact: string, open = false): Promise<string> {
    const [b] = await q(
      `INSERT INTO department.beneficiary (last_name, first_name, birth_date, address, phone, territory, referent_sub, created_at, referred_on)
       VALUES ($1, 'Test', '1975-06-15', '2 rue du Test, 45000 Orléans', '0600000000', 'TEST-RETENTION', $2, $3::date - 400, $3::date - 400) RETURNING id`,
      [lastName, worker.sub, lastContact],
    );
    const [m] = await q(
      `INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on, ended_on, end_reason, objectives, engagements)
       VALUES ($1, 'MASP_1', $3, $2::date - 180, $4, $5, $6, 'Budget', 'RDV') RETURNING id`,
      [
        b.id,
        lastContact,
        open ? 'ACTIVE' : 'ENDED',
        open ? addMonths(TODAY, 3) : lastContact,
        open ? null : lastContact,
        open ? null : 'AUTONOMY',
      ],
    );
    await q(
      `INSERT INTO department.measure_term (measure_id, beneficiary_id, seq, starts_on, ends_on, months) VALUES ($1, $2, 1, $3::date - 180, $3::date, 6)`,
      [m.id, b.id, lastContact],
    );
    await q(
      `INSERT INTO department.eligibility_check (beneficiary_id, checked_on, checked_by, capacity_to_consent, eligible) VALUES ($1, $2::date - 200, 'x', true, true)`,
      [b.id, lastContact],
    );
    await q(
      `INSERT INTO department.evaluation (beneficiary_id, kind, evaluated_on, author_sub, housing_situation, debts) VALUES ($1, 'COLLECTE', $2::date - 190, 'x', 'Logement', 'Dettes')`,
      [b.id, lastContact],
    );
    await q(
      `INSERT INTO department.benefit_received (beneficiary_id, kind, monthly_amount_cents, paying_body, starts_on) VALUES ($1, 'RSA', 60000, 'CAF', '2015-01-01')`,
      [b.id],
    );
    return b.id;
  }

  const PREVIEW = `{ retentionPurgePreview { asOf archiveMonths eraseMonths personsToArchive personsToErase counts { kind count } } }`;
  const TABLES = [
    'beneficiary',
    'measure',
    'measure_term',
    'eligibility_check',
    'evaluation',
    'benefit_received',
    'contract_refusal',
    'medical_annex',
    'delegation',
    'maj_notice',
    'l271_6_report',
    'direct_payment_request',
    'direct_payment_judgment',
    'payment_order',
    'lease_fact',
    'arrears_fact',
    'parameter',
  ];
  /** Each row of the department's tables, by table, as text. */
  async function snapshot(): Promise<Record<string, Map<string, string>>> {
    const out: Record<string, Map<string, string>> = {};
    for (const t of TABLES) {
      const rows: Array<{ k: string; v: string }> = await q(
        `SELECT COALESCE(to_jsonb(t)->>'id', to_jsonb(t)->>'lease_id', to_jsonb(t)->>'key' || (to_jsonb(t)->>'valid_from')) AS k, t::text AS v FROM department.${t} t`,
      );
      out[t] = new Map(rows.map((r) => [r.k, r.v]));
    }
    return out;
  }
  /** Rows changed or gone, by table. */
  function changes(before: Record<string, Map<string, string>>, after: Record<string, Map<string, string>>) {
    const out: Record<string, number> = {};
    for (const t of TABLES) {
      let n = 0;
      for (const [k, v] of before[t]) if (after[t].get(k) !== v) n++;
      n += [...after[t].keys()].filter((k) => !before[t].has(k)).length;
      if (n) out[t] = n;
    }
    return out;
  }

  it('refuses the dry run to a social worker, serves PILOTAGE counts without a name or an id', async () => {
    const denied = await as(worker, PREVIEW);
    expect(denied.errors[0].extensions.code).toBe('FORBIDDEN');
    const body = await as(pilotage, PREVIEW);
    expect(body.errors).toBeUndefined();
    expect(body.data.retentionPurgePreview).toMatchObject({ asOf: TODAY, archiveMonths: 6, eraseMonths: 24 });
    expect(JSON.stringify(body.data)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('removes what the dry run announced and nothing else; archives, erases, keeps; runs again doing nothing', async () => {
    const erased = await file('AEffacer', addMonths(TODAY, -24));
    const erasedToo = await file('AEffacerAussi', addMonths(TODAY, -40));
    const archived = await file('AArchiver', addDays(addMonths(TODAY, -24), 1));
    const kept = await file('AGarder', addDays(addMonths(TODAY, -6), 1));
    const open = await file('EnCours', addMonths(TODAY, -30), true);

    // the référent reaches the file to archive, until it is archived
    const PERSON = `query($id: ID!) { beneficiary(id: $id) { id lastName } }`;
    expect((await as(worker, PERSON, { id: archived })).data.beneficiary).toEqual({
      id: archived,
      lastName: 'AArchiver',
    });

    const preview = (await as(encadrant, PREVIEW)).data.retentionPurgePreview;
    const announced = Object.fromEntries(preview.counts.map((c: { kind: string; count: number }) => [c.kind, c.count]));
    expect(preview.personsToErase).toBeGreaterThanOrEqual(2);
    expect(preview.personsToArchive).toBeGreaterThanOrEqual(1);

    const before = await snapshot();
    await runScheduledJob(ds(), retentionPurgeJob, TODAY);
    const after = await snapshot();
    const changed = changes(before, after);
    // nothing but what was announced, kind by kind
    expect(changed).toEqual(
      Object.fromEntries(
        Object.entries({
          beneficiary: announced.PERSON_ARCHIVED + announced.PERSON_IDENTITY,
          eligibility_check: announced.ELIGIBILITY_CHECK,
          benefit_received: announced.BENEFIT_RECEIVED,
          evaluation: announced.EVALUATION_CONTENT,
          measure: announced.CONTRACT_CONTENT,
          contract_refusal: announced.REFUSAL_NOTE,
          medical_annex: announced.MEDICAL_ANNEX,
        }).filter(([, n]) => n > 0),
      ),
    );
    expect(announced.PERSON_IDENTITY).toBe(preview.personsToErase);
    expect(announced.PERSON_ARCHIVED).toBe(preview.personsToArchive);

    const people = await q(
      `SELECT id, last_name, first_name, address, phone, to_char(birth_date, 'YYYY-MM-DD') AS birth_date,
         to_char(archived_on, 'YYYY-MM-DD') AS archived_on, to_char(erased_on, 'YYYY-MM-DD') AS erased_on,
         (SELECT count(*)::int FROM department.evaluation e WHERE e.beneficiary_id = b.id AND e.debts IS NOT NULL) AS evaluations,
         (SELECT count(*)::int FROM department.eligibility_check c WHERE c.beneficiary_id = b.id) AS checks,
         (SELECT count(*)::int FROM department.measure m WHERE m.beneficiary_id = b.id) AS measures
       FROM department.beneficiary b WHERE id = ANY($1)`,
      [[erased, erasedToo, archived, kept, open]],
    );
    const byId = Object.fromEntries(people.map((p: { id: string }) => [p.id, p]));
    for (const id of [erased, erasedToo])
      expect(byId[id]).toMatchObject({
        last_name: '[effacé]',
        first_name: '[effacé]',
        address: '[effacé]',
        phone: null,
        birth_date: '1975-01-01', // the year stays, for the age bands of L271-7
        erased_on: TODAY,
        evaluations: 0,
        checks: 0,
        measures: 1, // the measure stays, without identity, for the statistics
      });
    expect(byId[archived]).toMatchObject({ last_name: 'AArchiver', archived_on: TODAY, erased_on: null, checks: 1 });
    for (const id of [kept, open])
      expect(byId[id]).toMatchObject({ archived_on: null, erased_on: null, evaluations: 1, checks: 1 });

    // archived: the référent no longer reaches the file, the encadrant does
    expect((await as(worker, PERSON, { id: archived })).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await as(encadrant, PERSON, { id: archived })).data.beneficiary).toEqual({
      id: archived,
      lastName: 'AArchiver',
    });

    // idempotent: the next dry run announces nothing of these, and running again changes nothing
    const again = (await as(pilotage, PREVIEW)).data.retentionPurgePreview;
    expect(again.counts.every((c: { count: number }) => c.count === 0)).toBe(true);
    await runScheduledJob(ds(), retentionPurgeJob, TODAY);
    expect(changes(after, await snapshot())).toEqual({});
  });
});

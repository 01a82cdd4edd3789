import { OrgKind, Role } from '../../schema/policy';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import {
  accessLogPlugin,
  applyAccessLogSettings,
  noteRead,
  purgeAccessLog,
  readAccessLogSettings,
  recordWrite,
} from '../../subgraphs/kit/access-log/audit';
import { Domain } from '../../schema/policy';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { SERVICE_UNAVAILABLE_MESSAGE } from '../../subgraphs/kit/db/failures';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';
import { runOnce } from 'graphile-worker';
import { DataSource } from 'typeorm';
import { databaseOfUrl, leastPrivilegeProblem, localRoleUrls, unreadableTables } from '../../subgraphs/kit/db/roles';
import { workerLogger } from '../../subgraphs/kit/events/worker-logger';

let hub: TestHub;
/** A superuser's connection to the run's database (the subgraphs connect as their application roles). */
let admin: DataSource;
beforeAll(async () => {
  hub = await startTestHub();
  admin = await new DataSource({ type: 'postgres', url: process.env.TEST_DATABASE_URL! }).initialize();
});
afterAll(async () => {
  await hub?.stop();
  await admin?.destroy();
});

const rowsOf = (subgraph: string, sub: string) =>
  hub.subgraphs[subgraph].dataSource.query(
    `SELECT beneficiary_id, domains, action, detail, org_id, org_kind, roles FROM "${subgraph}".access_log WHERE sub = $1 ORDER BY id`,
    [sub],
  );

/** A person with a lease and an active MAJ (served by department, bailleur and mandataire). */
const majPerson = () => {
  const j = hub.plan.judicialMeasures[0];
  return hub.plan.persons.find((p) => p.id === j.beneficiaryId)!;
};

describe('audit › every read of a classified field is recorded by the subgraph that served it', () => {
  it('records who, which person, which domains and the operation, one row per person and subgraph', async () => {
    const sub = 'enc-audit-1';
    const token = await hub.token({
      sub,
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
    });
    const person = majPerson();
    const { body } = await hub.query(
      token,
      `query WhoIsThis($id: ID!) { beneficiary(id: $id) { id lastName phone birthDate leases { rentCents } judicialMeasures { court } } }`,
      { id: person.id },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.beneficiary.lastName).toBe(person.lastName);

    const dept = await rowsOf('department', sub);
    expect(dept).toEqual([
      {
        beneficiary_id: person.id,
        domains: ['IDENTITY'],
        action: 'READ',
        detail: expect.stringContaining('WhoIsThis'),
        org_id: DEMO_ORGS.departement,
        org_kind: 'DEPARTEMENT',
        roles: 'ENCADRANT',
      },
    ]);
    expect(await rowsOf('bailleur', sub)).toEqual([
      expect.objectContaining({ beneficiary_id: person.id, domains: ['TENANCY'], action: 'READ' }),
    ]);
    expect(await rowsOf('mandataire', sub)).toEqual([
      expect.objectContaining({ beneficiary_id: person.id, domains: ['JUDICIAL'], action: 'READ' }),
    ]);
    expect(await rowsOf('association', sub)).toEqual([]);
  });

  it('records every person of a list, in one row each, and merges the domains of one request', async () => {
    const sub = 'enc-audit-2';
    const token = await hub.token({
      sub,
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
      territory: 'MDD-MONTARGIS',
    });
    const { body } = await hub.query(token, `{ caseload(first: 20) { id firstName measures { level } } }`);
    expect(body.errors).toBeUndefined();
    const rows = await rowsOf('department', sub);
    expect(rows.map((r: any) => r.beneficiary_id).sort()).toEqual(body.data.caseload.map((p: any) => p.id).sort());
    for (const r of rows) expect(r.domains).toEqual(['IDENTITY', 'SOCIAL_SUMMARY']);
  });

  it('records nothing for a denied field, nor for an answer that reveals nothing', async () => {
    const sub = 'gl-audit-3';
    const token = await hub.token({
      sub,
      org_kind: OrgKind.BAILLEUR,
      org_id: DEMO_ORGS.bailleurs[0],
      roles: [Role.GESTIONNAIRE_LOCATIF],
    });
    const { body } = await hub.query(token, `{ myLeases(first: 2) { id tenantName beneficiary { id firstName } } }`);
    expect(body.data.myLeases).toHaveLength(2);
    expect(await rowsOf('department', sub)).toEqual([]);
    const rows = await rowsOf('bailleur', sub);
    expect(rows.map((r: any) => r.beneficiary_id).sort()).toEqual(
      hub.plan.leases
        .filter((l) => body.data.myLeases.some((m: any) => m.id === l.id))
        .map((l) => l.beneficiaryId)
        .sort(),
    );
    // Another landlord asking for this person's leases gets [] and leaves no trace of a read.
    const other = await hub.token({
      sub: 'gl-audit-3b',
      org_kind: OrgKind.BAILLEUR,
      org_id: DEMO_ORGS.bailleurs[1],
      roles: [Role.GESTIONNAIRE_LOCATIF],
    });
    await hub.query(other, `{ myLeases(first: 1) { id beneficiary { id leases { rentCents } } } }`);
    const otherRows = await rowsOf('bailleur', 'gl-audit-3b');
    const ownPersons = new Set(
      hub.plan.leases.filter((l) => l.landlordOrgId === DEMO_ORGS.bailleurs[1]).map((l) => l.beneficiaryId),
    );
    for (const r of otherRows) expect(ownPersons.has(r.beneficiary_id)).toBe(true);
  });
});

describe('audit › Beneficiary.accessLog answers "who looked at my file?"', () => {
  it("gives the person's référent every subgraph's entries, newest first, and records that reading too", async () => {
    const person = majPerson();
    const reader = await hub.token({
      sub: 'enc-audit-4',
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
    });
    await hub.query(
      reader,
      `query Peek($id: ID!) { beneficiary(id: $id) { lastName leases { rentCents } judicialMeasures { court } } }`,
      { id: person.id },
    );
    const ts = await hub.token({
      ...DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)'],
      sub: 'enc-audit-5',
      territory: undefined,
    });
    const q = `query Log($id: ID!) { beneficiary(id: $id) { accessLog { beneficiaryId
      department(first: 100) { id at sub orgId orgKind roles domains action detail }
      bailleur(first: 100) { sub domains action } mandataire(first: 100) { sub domains } association { sub } } } }`;
    const { body } = await hub.query(ts, q, { id: person.id });
    expect(body.errors).toBeUndefined();
    const log = body.data.beneficiary.accessLog;
    expect(log.beneficiaryId).toBe(person.id);
    expect(log.department).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          sub: 'enc-audit-4',
          orgId: DEMO_ORGS.departement,
          orgKind: 'DEPARTEMENT',
          roles: ['ENCADRANT'],
          domains: ['IDENTITY'],
          action: 'READ',
          detail: expect.stringContaining('Peek'),
        }),
      ]),
    );
    expect(log.bailleur).toEqual(
      expect.arrayContaining([{ sub: 'enc-audit-4', domains: ['TENANCY'], action: 'READ' }]),
    );
    expect(log.mandataire).toEqual(expect.arrayContaining([{ sub: 'enc-audit-4', domains: ['JUDICIAL'] }]));
    const ids = log.department.map((e: any) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Date(log.department[0].at).toISOString()).toBe(log.department[0].at);
    // Reading the log is itself an AUDIT read of the person, in each subgraph that served entries.
    // (Other test files may read this person at the same time: look for our entry among the latest.)
    const again = await hub.query(
      ts,
      `query($id: ID!) { beneficiary(id: $id) { accessLog { department(first: 50) { sub domains } bailleur(first: 50) { sub domains } } } }`,
      { id: person.id },
    );
    expect(again.body.data.beneficiary.accessLog.department).toContainEqual({ sub: 'enc-audit-5', domains: ['AUDIT'] });
    expect(again.body.data.beneficiary.accessLog.bailleur).toContainEqual({ sub: 'enc-audit-5', domains: ['AUDIT'] });
  });

  it('pages with `before`', async () => {
    const person = majPerson();
    const ts = await hub.token({
      sub: 'enc-audit-6',
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
    });
    const page = async (before?: string) =>
      (
        await hub.query(
          ts,
          `query($id: ID!, $b: ID) { beneficiary(id: $id) { accessLog { department(first: 2, before: $b) { id } } } }`,
          { id: person.id, b: before },
        )
      ).body.data.beneficiary.accessLog.department;
    const p1 = await page();
    const p2 = await page(p1[1].id);
    expect(p1).toHaveLength(2);
    expect(Number(p2[0].id)).toBeLessThan(Number(p1[1].id));
  });

  it('is FORBIDDEN (AUDIT) to every role without the domain, and out of reach for a référent of other persons', async () => {
    const person = majPerson();
    for (const label of ['DELEGUE (association A)', 'MJPM (service mandataire)', 'MEDECIN (département)']) {
      const { body } = await hub.query(
        await hub.token(DEMO_CALLERS[label]),
        `query($id: ID!) { beneficiary(id: $id) { id accessLog { department { sub } } } }`,
        { id: person.id },
      );
      const errors = (body.errors ?? []).filter((e: any) => e.extensions.domain === 'AUDIT');
      expect({ label, path: errors[0]?.path, code: errors[0]?.extensions.code }).toEqual({
        label,
        path: ['beneficiary', 'accessLog'],
        code: 'FORBIDDEN',
      });
    }
    const stranger = await hub.token({
      sub: 'ts-nobody',
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.TRAVAILLEUR_SOCIAL],
    });
    const { body } = await hub.query(
      stranger,
      `query($id: ID!) { beneficiary(id: $id) { accessLog { department { sub } } } }`,
      { id: person.id },
    );
    expect(body.data.beneficiary).toBeNull();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('audit › the log is append-only in the database, whoever connects', () => {
  // The subgraph's own connection (its application role), and a superuser's for what only it may do.
  const ds = () => hub.subgraphs.bailleur.dataSource;
  const person = '00000000-0000-4000-8000-0000000000aa';
  const insert = (at?: string) =>
    admin.transaction(async (tx) => {
      // superuser only: back-date a row for the purge test
      if (at) await tx.query(`SET LOCAL session_replication_role = replica`);
      const r = await tx.query(
        `INSERT INTO bailleur.access_log (sub, org_id, org_kind, roles, beneficiary_id, domains, action, at) VALUES ('t', $1, 'DEPARTEMENT', 'ENCADRANT', $2, '{TENANCY}', 'READ', coalesce($3::timestamptz, now())) RETURNING id, at`,
        [DEMO_ORGS.departement, person, at ?? null],
      );
      return r[0] as { id: string; at: Date };
    });

  it('stamps the time of insertion (no back-dated entry)', async () => {
    const row = await ds().query(
      `INSERT INTO bailleur.access_log (sub, org_id, org_kind, roles, beneficiary_id, domains, action, at) VALUES ('t', $1, 'DEPARTEMENT', 'ENCADRANT', $2, '{TENANCY}', 'READ', now() - interval '3 years') RETURNING at`,
      [DEMO_ORGS.departement, person],
    );
    expect(Date.now() - new Date(row[0].at).getTime()).toBeLessThan(60_000);
  });

  it('refuses every UPDATE, a DELETE within the retention term and any TRUNCATE, even to a superuser', async () => {
    const { id } = await insert();
    expect(await admin.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).toEqual([
      { rolsuper: true },
    ]);
    await expect(admin.query(`UPDATE bailleur.access_log SET sub = 'x' WHERE id = $1`, [id])).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(admin.query(`DELETE FROM bailleur.access_log WHERE id = $1`, [id])).rejects.toThrow(
      /within its retention term/,
    );
    await expect(admin.query(`TRUNCATE bailleur.access_log`)).rejects.toThrow(/TRUNCATE refused/);
    expect(await admin.query(`SELECT sub FROM bailleur.access_log WHERE id = $1`, [id])).toEqual([{ sub: 't' }]);
  });

  it('purges only what is past the configured retention term (ACCESS_LOG_RETENTION_DAYS)', async () => {
    const old = await insert(new Date(Date.now() - 400 * 86400_000).toISOString());
    const recent = await insert(new Date(Date.now() - 40 * 86400_000).toISOString());
    const fresh = await insert();
    // the subgraph's own job, as its application role
    expect(await purgeAccessLog(ds(), 'bailleur')).toBeGreaterThanOrEqual(1);
    const left = async () =>
      (
        await admin.query(`SELECT id FROM bailleur.access_log WHERE id = ANY($1::bigint[])`, [
          [old.id, recent.id, fresh.id],
        ])
      )
        .map((r: any) => String(r.id))
        .sort();
    expect(await left()).toEqual([recent.id, fresh.id].map(String).sort());
    // A shorter term, set from the configuration (with the migrations, by the owner): the 40-day-old row may now go,
    // by the purge or a DELETE; not the fresh one.
    await applyAccessLogSettings(admin, 'bailleur', readAccessLogSettings({ ACCESS_LOG_RETENTION_DAYS: '30' }));
    try {
      await admin.query(`DELETE FROM bailleur.access_log WHERE id = $1`, [recent.id]);
      expect(await left()).toEqual([String(fresh.id)]);
    } finally {
      await applyAccessLogSettings(admin, 'bailleur', readAccessLogSettings({}));
    }
    expect(await admin.query(`SELECT days FROM bailleur.access_log_retention`)).toEqual([{ days: 365 }]);
  });

  it('rejects a malformed retention in the configuration', () => {
    expect(() => readAccessLogSettings({ ACCESS_LOG_RETENTION_DAYS: '0' })).toThrow(
      'ACCESS_LOG_RETENTION_DAYS must be ≥ 1',
    );
  });
});

describe('audit › the log holds against the application role, whatever it tries', () => {
  const ds = () => hub.subgraphs.bailleur.dataSource;
  const person = '00000000-0000-4000-8000-0000000000ab';
  let id: string;
  beforeAll(async () => {
    [{ id }] = await ds().query(
      `INSERT INTO bailleur.access_log (sub, org_id, org_kind, roles, beneficiary_id, domains, action) VALUES ('app-role', $1, 'DEPARTEMENT', 'ENCADRANT', $2, '{TENANCY}', 'READ') RETURNING id`,
      [DEMO_ORGS.departement, person],
    );
  });
  const untouched = async () =>
    expect(await admin.query(`SELECT sub FROM bailleur.access_log WHERE id = $1`, [id])).toEqual([{ sub: 'app-role' }]);
  /** Runs the statements in one transaction as the subgraph's connection; each must fail with `error`. */
  const refused = async (error: RegExp, ...statements: string[]) => {
    await ds().transaction(async (tx) => {
      for (const sql of statements) {
        await tx.query('SAVEPOINT s');
        await expect(tx.query(sql)).rejects.toThrow(error);
        await tx.query('ROLLBACK TO SAVEPOINT s');
      }
    });
    await untouched();
  };

  it('is what the subgraph connects as: its own role, no superuser, owner of nothing', async () => {
    const [{ current_user: role }] = await ds().query(`SELECT current_user`);
    expect(role).toBe(`${databaseOfUrl(process.env.TEST_DATABASE_URL!)}_bailleur_app`);
    expect(await leastPrivilegeProblem(ds(), 'bailleur')).toBeUndefined();
    expect(await unreadableTables(ds(), 'bailleur')).toEqual([]);
    // reads and appends
    expect(await ds().query(`SELECT sub FROM bailleur.access_log WHERE id = $1`, [id])).toEqual([{ sub: 'app-role' }]);
  });

  it('is, for every subgraph of the hub, its own application role', async () => {
    const prefix = databaseOfUrl(process.env.TEST_DATABASE_URL!);
    for (const [name, { dataSource }] of Object.entries(hub.subgraphs)) {
      const [{ role }] = await dataSource.query(`SELECT current_user AS role`);
      expect({ name, role, problem: await leastPrivilegeProblem(dataSource, name) }).toEqual({
        name,
        role: `${prefix}_${name}_app`,
        problem: undefined,
      });
    }
  });

  it('may not UPDATE, DELETE or TRUNCATE it', async () => {
    await refused(
      /permission denied for table access_log/,
      `UPDATE bailleur.access_log SET sub = 'x' WHERE id = ${id}`,
      `DELETE FROM bailleur.access_log WHERE id = ${id}`,
      `TRUNCATE bailleur.access_log`,
    );
  });

  it('may not turn the triggers off with session_replication_role, so a DELETE after it is still refused', async () => {
    await ds().transaction(async (tx) => {
      await tx.query('SAVEPOINT s');
      await expect(tx.query(`SET LOCAL session_replication_role = replica`)).rejects.toThrow(
        /permission denied to set parameter "session_replication_role"/,
      );
      await tx.query('ROLLBACK TO SAVEPOINT s');
      await expect(tx.query(`DELETE FROM bailleur.access_log WHERE id = ${id}`)).rejects.toThrow(/permission denied/);
    });
    await refused(/permission denied to set parameter/, `SET session_replication_role = replica`);
  });

  it('may not disable its triggers, drop it, or change its retention term', async () => {
    await refused(
      /must be owner of table access_log/,
      `ALTER TABLE bailleur.access_log DISABLE TRIGGER access_log_append_only`,
      `ALTER TABLE bailleur.access_log DISABLE TRIGGER ALL`,
      `DROP TABLE bailleur.access_log`,
    );
    await refused(
      /permission denied for table access_log_retention/,
      `UPDATE bailleur.access_log_retention SET days = 1`,
    );
    await refused(/must be owner of function/, `DROP FUNCTION bailleur.access_log_guard() CASCADE`);
  });

  it('may not create, alter or drop anything in its schema, nor rewrite the migrations record', async () => {
    await refused(/permission denied for schema bailleur/, `CREATE TABLE bailleur.shadow (id int)`);
    await refused(
      /must be owner of table lease/,
      `ALTER TABLE bailleur.lease ADD COLUMN x int`,
      `DROP TABLE bailleur.lease`,
    );
    await refused(/permission denied for table migrations/, `DELETE FROM bailleur.migrations`);
    await refused(/permission denied for table migrations/, `DELETE FROM bailleur_worker.migrations`);
  });

  it("may not touch another subgraph's schema: the department cannot read bailleur.lease", async () => {
    const department = hub.subgraphs.department.dataSource;
    for (const sql of [
      `SELECT * FROM bailleur.lease LIMIT 1`,
      `SELECT * FROM bailleur.access_log LIMIT 1`,
      `SELECT * FROM bailleur_worker._private_jobs LIMIT 1`,
      `INSERT INTO bailleur.access_log (sub) VALUES ('x')`,
    ])
      await expect(department.query(sql)).rejects.toThrow(/permission denied for schema bailleur/);
    // and the bailleur may not read the department's
    await expect(ds().query(`SELECT * FROM department.access_log LIMIT 1`)).rejects.toThrow(
      /permission denied for schema department/,
    );
  });

  it('gets the grants of a table a later migration creates as the owner (default privileges)', async () => {
    const owner = new DataSource({
      type: 'postgres',
      url: localRoleUrls(process.env.TEST_DATABASE_URL!, 'bailleur', databaseOfUrl(process.env.TEST_DATABASE_URL!))
        .ownerUrl,
    });
    await owner.initialize();
    const table = `later_${process.pid}`;
    try {
      await owner.query(`CREATE TABLE bailleur.${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text)`);
      await ds().query(`INSERT INTO bailleur.${table} (v) VALUES ('a')`);
      await ds().query(`UPDATE bailleur.${table} SET v = 'b'`);
      expect(await ds().query(`SELECT v FROM bailleur.${table}`)).toEqual([{ v: 'b' }]);
      await ds().query(`DELETE FROM bailleur.${table}`);
      await expect(ds().query(`TRUNCATE bailleur.${table}`)).rejects.toThrow(/permission denied/);
      await expect(ds().query(`DROP TABLE bailleur.${table}`)).rejects.toThrow(/must be owner/);
    } finally {
      await owner.query(`DROP TABLE IF EXISTS bailleur.${table}`);
      await owner.destroy();
    }
  });

  it("runs graphile-worker's outbox as the application role: add_job, then a worker takes, completes and fails jobs", async () => {
    const task = `roles_probe_${process.pid}`;
    const appUrl = localRoleUrls(
      process.env.TEST_DATABASE_URL!,
      'bailleur',
      databaseOfUrl(process.env.TEST_DATABASE_URL!),
    ).appUrl;
    await ds().query(`SELECT bailleur_worker.add_job($1, '{"ok":true}'::json, queue_name => $1)`, [task]);
    await ds().query(`SELECT bailleur_worker.add_job($1, '{"ok":false}'::json, max_attempts => 1)`, [task]);
    const seen: boolean[] = [];
    await runOnce({
      connectionString: appUrl,
      schema: 'bailleur_worker',
      concurrency: 1,
      logger: workerLogger(serviceLogger('test')),
      taskList: {
        [task]: async (payload) => {
          seen.push((payload as { ok: boolean }).ok);
          if (!(payload as { ok: boolean }).ok) throw new Error('refused by the probe');
        },
      },
    });
    expect(seen.sort()).toEqual([false, true]);
    const jobs = async () =>
      admin.query(
        `SELECT j.attempts, j.last_error FROM bailleur_worker._private_jobs j JOIN bailleur_worker._private_tasks t ON t.id = j.task_id WHERE t.identifier = $1`,
        [task],
      );
    // graphile-worker may record a failure just after runOnce resolves (its failures are written in batches)
    for (let i = 0; i < 50 && (await jobs()).some((j: { last_error: string | null }) => !j.last_error); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await jobs()).toEqual([{ attempts: 1, last_error: expect.stringContaining('refused by the probe') }]);
    await admin.query(
      `DELETE FROM bailleur_worker._private_jobs WHERE task_id IN (SELECT id FROM bailleur_worker._private_tasks WHERE identifier = $1)`,
      [task],
    );
  });
});

describe('audit › writes and failures', () => {
  const ctx = () =>
    ({
      caller: {
        sub: 'ts-write',
        orgId: DEMO_ORGS.departement,
        orgKind: OrgKind.DEPARTEMENT,
        roles: [Role.TRAVAILLEUR_SOCIAL],
        scopes: [],
      },
      operationName: 'SignIt',
      requestId: 'req-1',
    }) as never;

  it('recordWrite records the author and the mutation inside the write transaction (rolled back with it)', async () => {
    const ds = hub.subgraphs.department.dataSource;
    const person = hub.plan.persons[1].id;
    await ds.transaction((tx) =>
      recordWrite(tx, 'department', ctx(), person, 'signContract', [Domain.SOCIAL, Domain.BUDGET]),
    );
    await ds
      .transaction(async (tx) => {
        await recordWrite(tx, 'department', ctx(), person, 'abandonedWrite', [Domain.SOCIAL]);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const rows = await ds.query(
      `SELECT sub, beneficiary_id, domains, action, detail, request_id FROM department.access_log WHERE sub = 'ts-write'`,
    );
    expect(rows).toEqual([
      {
        sub: 'ts-write',
        beneficiary_id: person,
        domains: ['BUDGET', 'SOCIAL'],
        action: 'WRITE',
        detail: 'signContract',
        request_id: 'req-1',
      },
    ]);
  });

  it('withholds the answer when the reads cannot be recorded (fail closed)', async () => {
    const failing = { manager: { query: () => Promise.reject(new Error('disk full')) } } as never;
    const plugin = accessLogPlugin(failing, 'department', serviceLogger('test'));
    const c = ctx();
    noteRead(c, hub.plan.persons[2].id, Domain.IDENTITY);
    const response = { body: { kind: 'single', singleResult: { data: { beneficiary: { lastName: 'Secret' } } } } };
    const hooks = await plugin.requestDidStart!({} as never);
    await hooks!.willSendResponse!({ contextValue: c, response } as never);
    expect(response.body.singleResult).toEqual({
      errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });

  it('withholds the answer as SERVICE_UNAVAILABLE (retryable) when the database went away between the read and its record', async () => {
    // seen in CI's PostgreSQL restart: the read was served, the restart killed the session before the log INSERT
    const adminShutdown = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const failing = {
      manager: {
        query: () =>
          Promise.reject(
            Object.assign(new Error('query failed'), { name: 'QueryFailedError', driverError: adminShutdown }),
          ),
      },
    } as never;
    const plugin = accessLogPlugin(failing, 'bailleur', serviceLogger('test'));
    const c = ctx();
    noteRead(c, hub.plan.persons[2].id, Domain.TENANCY);
    const response = { body: { kind: 'single', singleResult: { data: { _entities: [{ leases: [{ id: 'x' }] }] } } } };
    const hooks = await plugin.requestDidStart!({} as never);
    await hooks!.willSendResponse!({ contextValue: c, response } as never);
    expect(response.body.singleResult).toEqual({
      errors: [{ message: SERVICE_UNAVAILABLE_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } }],
    });
  });
});

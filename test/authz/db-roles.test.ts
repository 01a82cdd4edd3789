import { DataSource } from 'typeorm';
import { department } from '../../subgraphs/department/definition';
import { createSubgraphDataSource } from '../../subgraphs/kit/db/data-source';
import {
  bootstrapRoles,
  connectionAs,
  databaseOfUrl,
  grantAppRole,
  leastPrivilegeProblem,
  localRolePassword,
  localRoleUrls,
  roleOfUrl,
  rolesOf,
} from '../../subgraphs/kit/db/roles';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { createSubgraphServer } from '../../subgraphs/kit/server/subgraph-server';

/**
 * Least privilege in PostgreSQL (kit/db/roles.ts): the roles' bootstrap, and what a subgraph says about a connection
 * that lacks its grants. The access log against the application role: test/authz/access-log.test.ts.
 */
const adminUrl = () => process.env.TEST_DATABASE_URL!;
const prefix = () => databaseOfUrl(adminUrl());
let admin: DataSource;
beforeAll(async () => {
  admin = await new DataSource({ type: 'postgres', url: adminUrl() }).initialize();
});
afterAll(async () => {
  await admin?.destroy();
});

describe('db roles › naming and connection strings', () => {
  it('names two roles per subgraph after a prefix, and refuses a name PostgreSQL would need quoted', () => {
    expect(rolesOf('bailleur', 'masp')).toEqual({ owner: 'masp_bailleur_owner', app: 'masp_bailleur_app' });
    expect(() => rolesOf('bailleur', 'Masp-Prod')).toThrow(/invalid role name/);
  });

  it('derives a local role password from the superuser connection, the same in every process of a run', () => {
    const url = 'postgres://postgres:postgres@127.0.0.1:54320/masp';
    expect(localRolePassword(url, 'masp_bailleur_app')).toBe(localRolePassword(url, 'masp_bailleur_app'));
    expect(localRolePassword(url, 'masp_bailleur_app')).not.toBe(localRolePassword(url, 'masp_bailleur_owner'));
    expect(localRolePassword(url, 'masp_bailleur_app')).not.toContain('postgres');
    const as = connectionAs(url, 'masp_bailleur_app', 'p@ss/word');
    expect(roleOfUrl(as)).toBe('masp_bailleur_app');
    expect(new URL(as).host).toBe('127.0.0.1:54320');
    expect(decodeURIComponent(new URL(as).password)).toBe('p@ss/word');
    expect(databaseOfUrl(as)).toBe('masp');
  });
});

describe('db roles › bootstrap (db:roles)', () => {
  const schema = `roles_boot_${process.pid}`;
  const roles = rolesOf(schema, 'rb');
  const urls = {
    ownerUrl: connectionAs(adminUrl(), roles.owner, 'owner-pw'),
    appUrl: connectionAs(adminUrl(), roles.app, 'app-pw'),
  };
  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}, ${schema}_worker CASCADE`);
    for (const role of [roles.owner, roles.app]) {
      await admin.query(`DROP OWNED BY ${role}`).catch(() => undefined);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
    }
  });

  it('is safe when several processes run it at once, and idempotent', async () => {
    await Promise.all([1, 2, 3, 4].map(() => bootstrapRoles(adminUrl(), schema, urls)));
    await bootstrapRoles(adminUrl(), schema, urls);
    expect(
      await admin.query(
        `SELECT rolname, rolcanlogin, rolsuper, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = ANY($1) ORDER BY 1`,
        [[roles.owner, roles.app]],
      ),
    ).toEqual(
      [roles.app, roles.owner].map((rolname) => ({
        rolname,
        rolcanlogin: true,
        rolsuper: false,
        rolcreaterole: false,
        rolbypassrls: false,
      })),
    );
    expect(
      await admin.query(
        `SELECT nspname, nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname LIKE $1 ORDER BY 1`,
        [`${schema}%`],
      ),
    ).toEqual([
      { nspname: schema, owner: roles.owner },
      { nspname: `${schema}_worker`, owner: roles.owner },
    ]);
  });

  it('grants the application role again without a clash when several migrations finish at once', async () => {
    const owner = await new DataSource({
      type: 'postgres',
      url: localRoleUrls(adminUrl(), 'bailleur', prefix()).ownerUrl,
    }).initialize();
    try {
      const app = rolesOf('bailleur', prefix()).app;
      await Promise.all([1, 2, 3, 4].map(() => grantAppRole(owner, 'bailleur', app)));
      // still narrowed on the access log
      expect(
        await admin.query(
          `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = $1 AND table_schema = 'bailleur' AND table_name = 'access_log' ORDER BY 1`,
          [app],
        ),
      ).toEqual([{ privilege_type: 'INSERT' }, { privilege_type: 'SELECT' }]);
    } finally {
      await owner.destroy();
    }
  });

  it("adopts an existing deployment's objects (owned by the superuser) for the owner, and un-members the app role", async () => {
    await admin.query(`CREATE TABLE ${schema}.legacy (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY)`);
    await admin.query(`CREATE SEQUENCE ${schema}.legacy_counter`);
    await admin.query(`CREATE TYPE ${schema}.legacy_kind AS ENUM ('a', 'b')`);
    await admin.query(`CREATE VIEW ${schema}.legacy_view AS SELECT id FROM ${schema}.legacy`);
    await admin.query(`CREATE FUNCTION ${schema}.legacy_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'`);
    await admin.query(`GRANT ${roles.owner} TO ${roles.app}`); // an app that could SET ROLE to the owner
    await bootstrapRoles(adminUrl(), schema, urls);
    const owners = await admin.query(
      `SELECT c.relname AS name, c.relowner::regrole::text AS owner FROM pg_class c WHERE c.relnamespace = $1::regnamespace
       UNION ALL SELECT p.proname, p.proowner::regrole::text FROM pg_proc p WHERE p.pronamespace = $1::regnamespace
       UNION ALL SELECT t.typname, t.typowner::regrole::text FROM pg_type t WHERE t.typnamespace = $1::regnamespace AND t.typtype = 'e'`,
      [schema],
    );
    expect(owners.length).toBeGreaterThanOrEqual(6);
    expect(owners.filter((o: { owner: string }) => o.owner !== roles.owner)).toEqual([]);
    expect(await admin.query(`SELECT 1 FROM pg_auth_members WHERE member = $1::regrole`, [roles.app])).toEqual([]);
  });
});

describe('db roles › a subgraph on a connection without its grants', () => {
  it('says so on /health (503), not 200, and names the role as unfit for production', async () => {
    // The bailleur's application role, serving the department: it reaches the database, and no table of the department.
    const url = localRoleUrls(adminUrl(), 'bailleur', prefix()).appUrl;
    const ds = await createSubgraphDataSource(department.database, url, serviceLogger('test'), 1).initialize();
    const server = await createSubgraphServer(department as never, {
      dataSource: ds,
      gatewayKeys: { kind: 'jwks', jwks: { keys: [] } }, // /health needs no key
      log: serviceLogger('test'),
    });
    try {
      const base = await server.listen(0);
      const res = await fetch(new URL('/health', base));
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 503,
        body: { status: 'database privileges missing', subgraph: 'department' },
      });
      expect(await leastPrivilegeProblem(ds, 'department')).toBe(
        `connects as "${prefix()}_bailleur_app", which reaches another subgraph's schema (bailleur)`,
      );
    } finally {
      await server.stop();
      await ds.destroy();
    }
  });

  it('and its own application role is fit: /health 200', async () => {
    const url = localRoleUrls(adminUrl(), 'department', prefix()).appUrl;
    const ds = await createSubgraphDataSource(department.database, url, serviceLogger('test'), 1).initialize();
    const server = await createSubgraphServer(department as never, {
      dataSource: ds,
      gatewayKeys: { kind: 'jwks', jwks: { keys: [] } }, // /health needs no key
      log: serviceLogger('test'),
    });
    try {
      const res = await fetch(new URL('/health', await server.listen(0)));
      expect(res.status).toBe(200);
      expect(await leastPrivilegeProblem(ds, 'department')).toBeUndefined();
    } finally {
      await server.stop();
      await ds.destroy();
    }
  });
});

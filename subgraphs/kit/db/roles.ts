import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { workerSchemaOf } from '../events/outbox';
import { envOptional } from '../runtime/env';

/**
 * Least privilege in PostgreSQL (README › Running in production): each subgraph has two roles.
 * - its owner: owns the schemas `<schema>` and `<schema>_worker`, runs the migrations and the demo seed;
 * - its application role: owns nothing; USAGE on those two schemas, SELECT/INSERT/UPDATE/DELETE on their tables,
 *   their sequences and functions (graphile-worker's add_job, get_jobs… included), SELECT and INSERT only on the
 *   access log, and it may not write the migration tables. Another subgraph's schema is out of its reach.
 * A table a later migration creates (run as the owner) gets the application's grants by default privileges.
 */
export interface SubgraphRoles {
  owner: string;
  app: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The graphile-worker schema of a subgraph (the outbox), beside its own. */
const workerSchema = workerSchemaOf;

/** The two roles of a subgraph by the naming convention of `npm start` and the tests: `<prefix>_<schema>_owner|app`. */
export function rolesOf(schema: string, prefix: string): SubgraphRoles {
  const roles = { owner: `${prefix}_${schema}_owner`, app: `${prefix}_${schema}_app` };
  for (const name of Object.values(roles)) if (!ROLE_NAME.test(name)) throw new Error(`invalid role name: ${name}`);
  return roles;
}

/**
 * The owner's connection string of a subgraph (migrations, seed): `<SCHEMA>_DATABASE_OWNER_URL` if set, else
 * `DB_OWNER_URL`; with the variable read, for error messages.
 */
export function ownerDatabaseUrlFor(
  schema: string,
  env: Record<string, string | undefined> = process.env,
): { url: string; variable: string } | undefined {
  const own = `${schema.toUpperCase()}_DATABASE_OWNER_URL`;
  const url = envOptional(own, env);
  if (url) return { url, variable: own };
  const shared = envOptional('DB_OWNER_URL', env);
  return shared ? { url: shared, variable: 'DB_OWNER_URL' } : undefined;
}

/** The bootstrap connection (a superuser, for `db:roles` only): `<SCHEMA>_DATABASE_ADMIN_URL`, else `DB_ADMIN_URL`. */
export function adminDatabaseUrlFor(
  schema: string,
  env: Record<string, string | undefined> = process.env,
): { url: string; variable: string } | undefined {
  const own = `${schema.toUpperCase()}_DATABASE_ADMIN_URL`;
  const url = envOptional(own, env);
  if (url) return { url, variable: own };
  const shared = envOptional('DB_ADMIN_URL', env);
  return shared ? { url: shared, variable: 'DB_ADMIN_URL' } : undefined;
}

/** The role a connection string logs in as (its user name, decoded). */
export function roleOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Development and tests only (`npm start`, the test hub): the password of a local role, derived from the bootstrap
 * connection's password (whoever knows that one may do anything on the server anyway), so that every process of a run
 * finds the same one without passing it around.
 */
export function localRolePassword(adminUrl: string, role: string): string {
  const secret = decodeURIComponent(new URL(adminUrl).password);
  return createHash('sha256').update(`masp-local-role:${secret}:${role}`).digest('hex').slice(0, 32);
}

/** The same server and database as `url`, logged in as `role` with `password`. */
export function connectionAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The local roles of a subgraph and their connection strings, from a superuser's connection string. */
export function localRoleUrls(
  adminUrl: string,
  schema: string,
  prefix: string,
): SubgraphRoles & { ownerUrl: string; appUrl: string } {
  const roles = rolesOf(schema, prefix);
  return {
    ...roles,
    ownerUrl: connectionAs(adminUrl, roles.owner, localRolePassword(adminUrl, roles.owner)),
    appUrl: connectionAs(adminUrl, roles.app, localRolePassword(adminUrl, roles.app)),
  };
}

/** The database name of a connection string (the role prefix of `npm start` and the tests). */
export function databaseOfUrl(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** PostgreSQL errors of two sessions creating or altering the same catalog row at once: retried. */
const RACE_CODES = new Set(['XX000', '40001', '40P01', '23505', '42710', '42P06']);

async function retrying<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (attempt >= 8 || !code || !RACE_CODES.has(code)) throw err;
      await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
    }
  }
}

/**
 * `db:roles`: creates (or updates) the owner and the application role of one subgraph from their connection strings
 * (user name = role, password if any), makes the owner own the subgraph's two schemas and every object in them (an
 * existing deployment's objects are adopted), and takes from the application role any membership or attribute that
 * would lift it above its grants. Idempotent and safe when several processes run it at once (roles are cluster-wide).
 * Runs as a superuser (`admin`), or on a managed server as a role with CREATEROLE that owns the database; connected
 * to the subgraph's database.
 */
export async function bootstrapRoles(
  adminUrl: string,
  schema: string,
  urls: { ownerUrl: string; appUrl: string },
): Promise<SubgraphRoles> {
  const roles = { owner: roleOfUrl(urls.ownerUrl), app: roleOfUrl(urls.appUrl) };
  for (const name of Object.values(roles))
    if (!ROLE_NAME.test(name)) throw new Error(`invalid role name "${name}": lower-case letters, digits and _`);
  if (roles.owner === roles.app) throw new Error(`the owner and the application role of ${schema} must differ`);
  const target = new URL(adminUrl);
  target.pathname = new URL(urls.ownerUrl).pathname; // the subgraph's database, on the admin's server
  const client = new Client({ connectionString: target.toString(), application_name: `masp-hub-roles-${schema}` });
  await client.connect();
  const id = (name: string) => client.escapeIdentifier(name);
  const q = (sql: string, params?: unknown[]) => retrying(() => client.query(sql, params));
  try {
    await q(`SET client_min_messages = warning`);
    const [{ rolsuper }] = (await q(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)).rows;
    // Only a superuser may name the superuser, replication and RLS-bypass attributes, even to deny them (a role made
    // by a CREATEROLE administrator never has them; the production start-up check refuses one that does).
    const attributes = rolsuper ? 'NOSUPERUSER NOREPLICATION NOBYPASSRLS ' : '';
    for (const [name, url] of [
      [roles.owner, urls.ownerUrl],
      [roles.app, urls.appUrl],
    ]) {
      await q(
        `DO $$ BEGIN CREATE ROLE ${id(name)}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
      );
      const password = decodeURIComponent(new URL(url).password);
      await q(
        `ALTER ROLE ${id(name)} LOGIN ${attributes}NOCREATEDB NOCREATEROLE INHERIT` +
          (password ? ` PASSWORD ${client.escapeLiteral(password)}` : ''),
      );
    }
    // A managed server's administrator (CREATEROLE, not superuser) must be a member of the owner to hand it schemas.
    if (!rolsuper) await q(`GRANT ${id(roles.owner)} TO CURRENT_USER`);
    // The application role is no member of any role (it would inherit, or SET ROLE to, the owner's rights).
    const memberships = await q(
      `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles a ON a.oid = m.member WHERE a.rolname = $1`,
      [roles.app],
    );
    for (const { rolname } of memberships.rows as Array<{ rolname: string }>)
      await q(`REVOKE ${id(rolname)} FROM ${id(roles.app)}`);
    const database = id((await q(`SELECT current_database() AS db`)).rows[0].db);
    // The owner may create its schemas (graphile-worker's installer says CREATE SCHEMA IF NOT EXISTS).
    await q(`GRANT CONNECT, CREATE ON DATABASE ${database} TO ${id(roles.owner)}`);
    await q(`GRANT CONNECT ON DATABASE ${database} TO ${id(roles.app)}`);
    for (const s of [schema, workerSchema(schema)]) {
      await q(`CREATE SCHEMA IF NOT EXISTS ${id(s)} AUTHORIZATION ${id(roles.owner)}`);
      await adoptSchema(q, id, s, roles.owner);
    }
  } finally {
    await client.end();
  }
  return roles;
}

/** Makes `owner` the owner of schema `s` and of every table, view, sequence, function and type in it. */
async function adoptSchema(
  q: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>,
  id: (name: string) => string,
  s: string,
  owner: string,
): Promise<void> {
  await q(`ALTER SCHEMA ${id(s)} OWNER TO ${id(owner)}`);
  const objects = await q(
    `SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
              WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind, format('%I.%I', n.nspname, c.relname) AS name
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND c.relowner <> $2::regrole
        -- a sequence owned by a column follows its table
        AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END, p.oid::regprocedure::text
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proowner <> $2::regrole
     UNION ALL
     SELECT CASE t.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, format('%I.%I', n.nspname, t.typname)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typowner <> $2::regrole AND t.typtype IN ('e', 'd', 'r', 'm')`,
    [s, owner],
  );
  for (const { kind, name } of objects.rows as Array<{ kind: string; name: string }>)
    await q(`ALTER ${kind} ${name} OWNER TO ${id(owner)}`);
}

/**
 * Grants the application role what it needs on its subgraph's two schemas, now and for the tables, sequences and
 * functions later migrations create (default privileges of the schemas' owner), then narrows the access log to
 * SELECT and INSERT (and the purge) and the migration tables to SELECT. Runs after the migrations, as the owner.
 */
export async function grantAppRole(ds: DataSource, schema: string, app: string): Promise<void> {
  if (!ROLE_NAME.test(app)) throw new Error(`invalid application role name "${app}"`);
  // One transaction, one granter at a time per schema (replicas migrating at start would otherwise collide on the
  // same catalog rows: "tuple concurrently updated").
  await ds.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`masp-grant:${schema}`]);
    await grantIn(tx, schema, app);
  });
}

async function grantIn(ds: EntityManager, schema: string, app: string): Promise<void> {
  const id = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const role = id(app);
  for (const name of [schema, workerSchema(schema)]) {
    const s = id(name);
    const [{ owner }] = await ds.query(`SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = $1`, [
      name,
    ]);
    if (owner === role || owner === app)
      throw new Error(`${app} owns the schema ${name}: it cannot be the application role`);
    await ds.query(`GRANT USAGE ON SCHEMA ${s} TO ${role}`);
    const forOwner = `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${s} GRANT`;
    await ds.query(`${forOwner} SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`);
    await ds.query(`${forOwner} USAGE, SELECT ON SEQUENCES TO ${role}`);
    await ds.query(`${forOwner} EXECUTE ON FUNCTIONS TO ${role}`);
    await ds.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${role}`);
    await ds.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`);
    await ds.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${s} TO ${role}`);
    // typeorm's and graphile-worker's record of the migrations applied: read (graphile-worker checks it), never written
    await ds.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON ${s}.migrations FROM ${role}`);
  }
  // graphile-worker turns row-level security on for its `_private_*` tables with no policy: nobody but their owner
  // sees a row. Its runner needs them all (get_jobs, complete_jobs, fail_jobs read and write them): one policy each,
  // for the application role, in the worker schema only.
  const secured: Array<{ name: string }> = await ds.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relrowsecurity
        AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = $2)`,
    [workerSchema(schema), app],
  );
  for (const { name } of secured)
    await ds.query(
      `CREATE POLICY ${role} ON ${id(workerSchema(schema))}.${id(name)} FOR ALL TO ${role} USING (true) WITH CHECK (true)`,
    );
  const s = id(schema);
  await ds.query(`REVOKE ALL ON ${s}.access_log, ${s}.access_log_retention FROM ${role}`);
  await ds.query(`GRANT SELECT, INSERT ON ${s}.access_log TO ${role}`);
  await ds.query(`GRANT SELECT ON ${s}.access_log_retention TO ${role}`);
  await ds.query(`GRANT EXECUTE ON FUNCTION ${s}.purge_access_log() TO ${role}`);
}

/** Whether a role exists (a development database migrated with one superuser URL has no application role). */
export async function roleExists(ds: DataSource, role: string): Promise<boolean> {
  const rows: unknown[] = await ds.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]);
  return rows.length > 0;
}

/**
 * Why this connection must not serve in production, or undefined: a superuser, a role with BYPASSRLS, CREATEROLE or
 * REPLICATION, a member of another role, the owner of its schemas or of anything in them (an owner may disable the
 * access log's triggers, or drop it), or a role that reaches another subgraph's schema.
 */
export async function leastPrivilegeProblem(ds: DataSource, schema: string): Promise<string | undefined> {
  const [role] = (await ds.query(
    `SELECT r.rolname, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolreplication,
            (SELECT s.rolsuper FROM pg_roles s WHERE s.rolname = session_user) AS session_super,
            (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid)::int AS memberships
       FROM pg_roles r WHERE r.rolname = current_user`,
  )) as Array<{
    rolname: string;
    rolsuper: boolean;
    rolbypassrls: boolean;
    rolcreaterole: boolean;
    rolreplication: boolean;
    session_super: boolean;
    memberships: number;
  }>;
  const who = `connects as "${role.rolname}"`;
  if (role.rolsuper || role.session_super) return `${who}, a superuser`;
  const attributes = [
    role.rolbypassrls && 'BYPASSRLS',
    role.rolcreaterole && 'CREATEROLE',
    role.rolreplication && 'REPLICATION',
  ].filter(Boolean);
  if (attributes.length) return `${who}, a role with ${attributes.join(', ')}`;
  if (role.memberships > 0) return `${who}, a member of other roles (it could take their rights)`;
  const [owned] = (await ds.query(
    `SELECT (SELECT count(*) FROM pg_namespace n WHERE n.nspname = ANY($1) AND n.nspowner = r.oid)
          + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = ANY($1) AND c.relowner = r.oid)
          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
              WHERE n.nspname = ANY($1) AND p.proowner = r.oid)
          + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
              WHERE n.nspname = ANY($1) AND t.typowner = r.oid) AS objects
       FROM pg_roles r WHERE r.rolname = current_user`,
    [[schema, workerSchema(schema)]],
  )) as Array<{ objects: string }>;
  if (Number(owned.objects) > 0) return `${who}, which owns ${schema}'s schema or objects in it (the migration role)`;
  // One role shared by several subgraphs: each would reach the others' data (each needs its own DATABASE_URL user).
  const others: Array<{ nspname: string }> = await ds.query(
    `SELECT n.nspname FROM pg_namespace n
      WHERE n.nspname <> ALL($1) AND has_schema_privilege(n.oid, 'USAGE')
        AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid AND c.relname = 'access_log')
      ORDER BY 1`,
    [[schema, workerSchema(schema)]],
  );
  if (others.length)
    return `${who}, which reaches another subgraph's schema (${others.map((o) => o.nspname).join(', ')})`;
  return undefined;
}

/**
 * The tables of the subgraph's two schemas its connection cannot read (/health is not 200 while there is one: a role
 * without its grants would pass `SELECT 1` and fail every query).
 */
export async function unreadableTables(ds: DataSource, schema: string): Promise<string[]> {
  const rows: Array<{ name: string }> = await ds.query(
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm')
        AND NOT (has_schema_privilege(n.oid, 'USAGE') AND has_table_privilege(c.oid, 'SELECT'))
      ORDER BY 1`,
    [[schema, workerSchema(schema)]],
  );
  return rows.map((r) => r.name);
}

/** Drops the local roles named after `database` (the test run's teardown, once its database is dropped). */
export async function dropLocalRoles(serverUrl: string, database: string): Promise<void> {
  if (!ROLE_NAME.test(database)) throw new Error(`invalid database name: ${database}`);
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT rolname FROM pg_roles WHERE rolname ~ $1`, [
      `^${database}_[a-z0-9]+_(owner|app)$`,
    ]);
    for (const { rolname } of rows as Array<{ rolname: string }>)
      await client.query(`DROP ROLE IF EXISTS ${client.escapeIdentifier(rolname)}`);
  } finally {
    await client.end();
  }
}

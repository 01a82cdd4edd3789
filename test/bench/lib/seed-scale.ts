/**
 * The benchmark's databases: `masp_bench_<scale>x` on the PostgreSQL at DATABASE_URL, migrated by the subgraphs'
 * own migrations and seeded with the demo plan (buildDemoPlan() + each subgraph's seed), then, above 1×, multiplied in
 * bulk SQL: every table of every subgraph schema is copied (scale − 1) times in one INSERT … SELECT … CROSS JOIN
 * generate_series per table, every uuid remapped by md5(uuid ‖ copy) — the same function in every table and schema,
 * so that references across subgraphs stay consistent — except organisation ids (`*_org_id`), so the demo
 * organisations reach 100× the rows; text columns under a UNIQUE constraint get a suffix. Then history the demo
 * lacks at national scale: 30 more months of rent payments per lease under an order, two ended measures per person
 * and a year of access-log reads (≈ 1M history rows at 100×).
 * Schema-agnostic by design (reads information_schema), so it survives the subgraphs' new tables and columns.
 * A database already built for the same scale and migrations is reused (the `bench_meta` fingerprint); one built before
 * new migrations were added is migrated forward. Tables of reference data (a primary key without a uuid: parameters,
 * the retention singleton) are kept once.
 * The built database is never served: each run works on a copy of it (runCopy: CREATE DATABASE … TEMPLATE), dropped at
 * the end, so that the access log, the outbox and the replay table of one run do not reach the next (the databases
 * used to grow by every run's access-log entries).
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { SUBGRAPHS } from '../../../subgraphs';
import { openSubgraphDatabase } from '../../../subgraphs/kit/server/open-database';
import { dropDatabase, ensureDatabase } from '../../../subgraphs/kit/db/embedded-postgres';
import { dropLocalRoles } from '../../../subgraphs/kit/db/roles';
import { serviceLogger } from '../../../subgraphs/kit/runtime/logger';
import { buildDemoPlan, DEMO_ORGS } from '../../../subgraphs/kit/seed/demo-plan';
import { seedingWithoutEvents } from '../../../subgraphs/kit/events/outbox';

// 6: the built database is a template each run copies (runCopy), so that it no longer grows from run to run.
const SEED_VERSION = 'bench-seed-6';

const migrationList = () =>
  SUBGRAPHS.map((s) => `${s.name}:${(s.database.migrations as Function[]).map((m) => m.name).join(',')}`);

function fingerprint(scale: number): string {
  return createHash('sha256')
    .update(`${SEED_VERSION}|${scale}|${migrationList().join(';')}`)
    .digest('hex')
    .slice(0, 16);
}

/** Same seed, scale and subgraphs, and every migration it was built with still comes first: migrate it forward. */
function canMigrateForward(built: string | undefined, scale: number): boolean {
  if (!built) return false;
  const [seed, ...lists] = built.split('\n');
  const now = migrationList();
  return (
    seed === `${SEED_VERSION}|${scale}` &&
    lists.length === now.length &&
    lists.every((l, i) => now[i] === l || now[i].startsWith(`${l},`))
  );
}

export interface SeededDatabase {
  url: string;
  name: string;
  reused: boolean;
  seconds: number;
  counts: Record<string, number>;
}

async function withClient<T>(url: string, run: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

export async function prepareDatabase(
  serverUrl: string,
  scale: number,
  log: (line: string) => void,
): Promise<SeededDatabase> {
  const name = `masp_bench_${scale}x`;
  const started = Date.now();
  const fp = fingerprint(scale);
  let url = await ensureDatabase(serverUrl, name);
  const [current, built] = await withClient(url, async (c) => {
    const r = await c
      .query(`SELECT fingerprint, built FROM public.bench_meta LIMIT 1`)
      .catch(() => ({ rows: [] as Array<{ fingerprint: string; built?: string }> }));
    return [r.rows[0]?.fingerprint, r.rows[0]?.built];
  });
  if (current === fp) {
    return { url, name, reused: true, seconds: 0, counts: await countRows(url) };
  }
  // New migrations only (an index, a column): applied to the seeded data rather than seeding again (minutes at 100×).
  if (canMigrateForward(built, scale)) {
    log(`  ${name}: migrating forward…`);
    for (const def of SUBGRAPHS)
      await (await openSubgraphDatabase(def.database, url, serviceLogger('bench-seed'))).destroy();
    await withClient(url, async (c) => {
      await c.query('ANALYZE');
      await c.query(`UPDATE public.bench_meta SET fingerprint = $1, built = $2`, [fp, builtWith(scale)]);
    });
    return { url, name, reused: true, seconds: (Date.now() - started) / 1000, counts: await countRows(url) };
  }
  log(`  building ${name} (scale ${scale}×)…`);
  url = await ensureDatabase(serverUrl, name, { fresh: true });
  const plan = buildDemoPlan();
  for (const def of SUBGRAPHS) {
    const ds = await openSubgraphDatabase(def.database, url, serviceLogger('bench-seed'));
    await seedingWithoutEvents(() => def.seed(ds, plan));
    await ds.destroy();
  }
  if (scale > 1) await multiply(url, scale, log);
  await withClient(url, async (c) => {
    await c.query('ANALYZE');
    await c.query(`CREATE TABLE public.bench_meta (fingerprint text NOT NULL, built text)`);
    await c.query(`INSERT INTO public.bench_meta VALUES ($1, $2)`, [fp, builtWith(scale)]);
  });
  return { url, name, reused: false, seconds: (Date.now() - started) / 1000, counts: await countRows(url) };
}

const builtWith = (scale: number) => [`${SEED_VERSION}|${scale}`, ...migrationList()].join('\n');

const SCHEMAS = () => SUBGRAPHS.map((s) => s.database.schema);

async function countRows(url: string): Promise<Record<string, number>> {
  return withClient(url, async (c) => {
    const { rows } = await c.query(
      `SELECT schemaname || '.' || relname AS t, n_live_tup::bigint AS n FROM pg_stat_user_tables WHERE schemaname = ANY($1) AND relname <> 'migrations'`,
      [SCHEMAS()],
    );
    // n_live_tup is an estimate; exact counts for the tables that matter
    const out: Record<string, number> = {};
    for (const r of rows)
      out[r.t] = Number(
        (
          await c.query(
            `SELECT count(*)::bigint AS n FROM ${r.t
              .split('.')
              .map((p: string) => `"${p}"`)
              .join('.')}`,
          )
        ).rows[0].n,
      );
    return out;
  });
}

async function multiply(url: string, scale: number, log: (line: string) => void): Promise<void> {
  await withClient(url, async (c) => {
    await c.query(`SET session_replication_role = replica`); // copies in any table order: FKs hold by construction
    const { rows: tables } = await c.query(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'request_replay')`,
      [SCHEMAS()],
    );
    for (const { table_schema: schema, table_name: table } of tables) {
      const { rows: cols } = await c.query(
        `SELECT column_name, data_type, udt_name, is_identity, is_generated FROM information_schema.columns
         WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
        [schema, table],
      );
      const { rows: uniq } = await c.query(
        `SELECT i.indexrelid, array_agg(a.attname::text) AS cols FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisunique AND NOT i.indisprimary GROUP BY i.indexrelid`,
        [`"${schema}"."${table}"`],
      );
      const remapped = (name: string) =>
        cols.some((col) => col.column_name === name && col.udt_name === 'uuid' && !/org_id$/.test(name));
      const { rows: pk } = await c.query(
        `SELECT array_agg(a.attname::text) AS cols FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = $1::regclass AND i.indisprimary`,
        [`"${schema}"."${table}"`],
      );
      const pkCols = (pk[0]?.cols ?? []) as string[];
      if (
        pkCols.length &&
        !pkCols.some((n) => remapped(n) || cols.some((col) => col.column_name === n && col.is_identity === 'YES'))
      ) {
        log(`    ${schema}.${table}: reference data (primary key ${pkCols.join(', ')}), kept once`);
        continue;
      }
      // a UNIQUE index that holds a remapped uuid stays unique by itself; otherwise its text columns get a suffix
      const unique = new Set(
        uniq.filter((u) => !(u.cols as string[]).some(remapped)).flatMap((u) => u.cols as string[]),
      );
      const insertable = cols.filter((col) => col.is_identity !== 'YES' && col.is_generated !== 'ALWAYS');
      const exprs = insertable.map((col) => {
        const q = `t."${col.column_name}"`;
        if (col.udt_name === 'uuid' && !/org_id$/.test(col.column_name)) return `md5(${q}::text || ':' || g)::uuid`;
        if (col.data_type === 'text' && unique.has(col.column_name)) return `${q} || '-' || g`;
        return q;
      });
      const list = insertable.map((col) => `"${col.column_name}"`).join(', ');
      const t0 = Date.now();
      const r = await c.query(
        `INSERT INTO "${schema}"."${table}" (${list}) SELECT ${exprs.join(', ')} FROM "${schema}"."${table}" t CROSS JOIN generate_series(1, ${scale - 1}) g`,
      );
      log(`    ${schema}.${table}: +${r.rowCount} rows (${Date.now() - t0} ms)`);
    }
    // History a national hub carries and the demo does not: older rent payments and ended measures.
    await history(c, log);
    await c.query(`SET session_replication_role = DEFAULT`);
  });
}

async function history(c: Client, log: (line: string) => void): Promise<void> {
  const steps: Array<[string, string]> = [
    [
      'bailleur.rent_payment history (months −7 … −36)',
      `INSERT INTO bailleur.rent_payment (lease_id, beneficiary_id, month, expected_cents, received_cents, status)
       SELECT o.lease_id, o.beneficiary_id, to_char(date_trunc('month', current_date) - make_interval(months => m), 'YYYY-MM'), o.monthly_amount_cents, o.monthly_amount_cents, 'CONFIRMED'
       FROM (SELECT DISTINCT ON (d.lease_id) d.lease_id, l.beneficiary_id, d.monthly_amount_cents FROM bailleur.direct_payment_order d
             JOIN bailleur.lease l ON l.id = d.lease_id ORDER BY d.lease_id, d.starts_on) o
       CROSS JOIN generate_series(7, 36) m
       ON CONFLICT DO NOTHING`,
    ],
    [
      'department.measure history (two ended MASP 1 per person)',
      `INSERT INTO department.measure (beneficiary_id, level, status, starts_on, ends_on)
       SELECT b.id, 'MASP_1', 'ENDED', current_date - (1500 + k * 400 + (abs(hashtext(b.id::text)) % 200)), current_date - (1300 + k * 400 + (abs(hashtext(b.id::text)) % 200))
       FROM department.beneficiary b CROSS JOIN generate_series(1, 2) k`,
    ],
    [
      'department.access_log history (ten reads per person over a year)',
      `INSERT INTO department.access_log (at, sub, org_id, org_kind, roles, beneficiary_id, domains, action, detail)
       SELECT now() - make_interval(days => k * 36), b.referent_sub, '${DEMO_ORGS.departement}', 'DEPARTEMENT', 'TRAVAILLEUR_SOCIAL', b.id, ARRAY['IDENTITY'], 'READ', 'Caseload'
       FROM department.beneficiary b CROSS JOIN generate_series(1, 10) k`,
    ],
  ];
  for (const [label, sql] of steps) {
    const t0 = Date.now();
    try {
      const r = await c.query(sql);
      log(`    ${label}: +${r.rowCount} rows (${Date.now() - t0} ms)`);
    } catch (e) {
      log(`    ${label}: skipped (${(e as Error).message}) — the schema changed; adapt test/bench/lib/seed-scale.ts`);
    }
  }
}

export interface RunCopy {
  url: string;
  name: string;
  seconds: number;
  /** Drops the copy and the roles named after it (the deployed bench's owner and application roles). */
  drop(): Promise<void>;
}

/**
 * A fresh copy of a built bench database for one run (`<name>_run`; the file-copy strategy: seconds, even at 100×).
 * A copy left by an interrupted run is dropped first.
 */
export async function runCopy(serverUrl: string, template: string): Promise<RunCopy> {
  const name = `${template}_run`;
  const started = Date.now();
  await dropDatabase(serverUrl, name);
  await dropLocalRoles(serverUrl, name);
  const admin = new URL(serverUrl);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), async (c) => {
    // no session may be connected to a template while it is copied
    await c.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [template],
    );
    await c.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY = FILE_COPY`);
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    seconds: (Date.now() - started) / 1000,
    drop: async () => {
      await dropDatabase(serverUrl, name);
      await dropLocalRoles(serverUrl, name);
    },
  };
}

/** Exact row counts per table of the subgraphs' schemas (the bench's report). */
export const countTables = countRows;

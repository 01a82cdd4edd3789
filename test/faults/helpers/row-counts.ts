import { Client } from 'pg';
import { SUBGRAPHS } from '../../../subgraphs';

/** Exact row counts of every table of the subgraphs' schemas in the test database ("schema.table" → rows; access logs: writes only). */
export async function rowCounts(databaseUrl = process.env.TEST_DATABASE_URL!): Promise<Record<string, number>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const schemas = SUBGRAPHS.map((s) => s.database.schema);
    const tables = await client.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
      [schemas],
    );
    if (!tables.rows.length) return {};
    // An access log may grow with READ records (policy.md: reads of classified fields are logged); writes must not.
    const sql = tables.rows
      .map((r) => `SELECT '${r.s}.${r.t}' AS name, count(*)::int AS n FROM "${r.s}"."${r.t}"${r.t === 'access_log' ? ` WHERE action <> 'READ'` : ''}`)
      .join(' UNION ALL ');
    const counts = await client.query<{ name: string; n: number }>(sql);
    return Object.fromEntries(counts.rows.map((r) => [r.name, r.n]));
  } finally {
    await client.end();
  }
}

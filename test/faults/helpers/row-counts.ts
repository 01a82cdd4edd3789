import { Client } from 'pg';
import { SUBGRAPHS } from '../../../subgraphs';

/**
 * One connection per database, kept while the suite counts (the bad-input suites count after every mutation: a new
 * connection and a catalogue query each time cost more than the counting), closed after a second without use.
 */
interface Counter {
  client: Promise<Client>;
  sql: Promise<string | undefined>;
  idle?: NodeJS.Timeout;
  last?: { xmax: string; counts: Record<string, number> };
}
const counters = new Map<string, Counter>();
const IDLE_MS = 1000;

function counterFor(databaseUrl: string): Counter {
  let c = counters.get(databaseUrl);
  if (!c) {
    const client = (async () => {
      const cl = new Client({ connectionString: databaseUrl });
      await cl.connect();
      cl.on('error', () => counters.delete(databaseUrl)); // a restarted server: the next count reconnects
      return cl;
    })();
    const sql = client.then(async (cl) => {
      const schemas = SUBGRAPHS.map((s) => s.database.schema);
      // Not request_replay: the jti of every signed request, remembered before any resolver runs (kit/access/
      // replay-store.ts), whatever the request then does; it says nothing of what a mutation wrote.
      const tables = await cl.query<{ s: string; t: string }>(
        `SELECT table_schema AS s, table_name AS t FROM information_schema.tables WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' AND table_name <> 'request_replay' ORDER BY 1, 2`,
        [schemas],
      );
      if (!tables.rows.length) return undefined;
      // An access log may grow with READ records (schema/policy.md › Audit: reads of classified fields are logged);
      // writes must not.
      return tables.rows
        .map(
          (r) =>
            `SELECT '${r.s}.${r.t}' AS name, count(*)::int AS n FROM "${r.s}"."${r.t}"${r.t === 'access_log' ? ` WHERE action <> 'READ'` : ''}`,
        )
        .join(' UNION ALL ');
    });
    c = { client, sql };
    counters.set(databaseUrl, c);
    // a failed connection is not kept
    client.catch(() => counters.delete(databaseUrl));
  }
  return c;
}

/**
 * Exact row counts of every table of the subgraphs' schemas in the test database ("schema.table" → rows; access logs:
 * writes only).
 */
export async function rowCounts(databaseUrl = process.env.TEST_DATABASE_URL!): Promise<Record<string, number>> {
  const c = counterFor(databaseUrl);
  if (c.idle) clearTimeout(c.idle);
  try {
    const [client, sql] = await Promise.all([c.client, c.sql]);
    if (!sql) return {};
    // Every transaction that inserts, updates or deletes a row is given a transaction id, committed or not: while the
    // next id to assign has not moved, no row of any table has changed and the last exact counts still hold.
    const {
      rows: [{ xmax }],
    } = await client.query<{ xmax: string }>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
    if (c.last && c.last.xmax === xmax) return { ...c.last.counts };
    const counts = Object.fromEntries(
      (await client.query<{ name: string; n: number }>(sql)).rows.map((r) => [r.name, r.n]),
    );
    c.last = { xmax, counts };
    return { ...counts };
  } catch (e) {
    counters.delete(databaseUrl);
    void c.client.then((cl) => cl.end()).catch(() => undefined);
    throw e;
  } finally {
    if (counters.get(databaseUrl) === c) {
      c.idle = setTimeout(() => {
        counters.delete(databaseUrl);
        void c.client.then((cl) => cl.end()).catch(() => undefined);
      }, IDLE_MS);
    }
  }
}

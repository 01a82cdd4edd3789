/**
 * `node --max-semi-space-size=32 -r @swc-node/register test/bench/levers/cpu.ts [pages]`: the CPU one caseload page
 * (50 persons + alerts, the bench's CaseloadPage document) costs the whole hub in one process (gateway + four
 * subgraphs: process.cpuUsage) and PostgreSQL (the backends of the hub's connections: /proc/<pid>/stat), and the SQL
 * statements it takes (every pg query the process sends while the pages run, by shape). On the demo database
 * `masp_levers_1x` (built once: migrations + demo seed; LEVERS_FRESH=1 rebuilds it). Sequential pages, after a warm-up.
 * LEVERS_PAGES (default 200), LEVERS_ROUNDS (default 3; the median round is printed), LEVERS_CONCURRENCY (default 1).
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadOrCreateDevKeys } from '../../../gateway/auth/dev-keys';
import { mintDevToken } from '../../../gateway/auth/mint-token';
import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import { prepareLocalDatabase, startLocalHub } from '../../../gateway/dev/local-hub';
import { ensureDatabase } from '../../../subgraphs/kit/db/embedded-postgres';

const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB = process.env.LEVERS_DB ?? 'masp_levers_1x';
const PAGES = Number(process.env.LEVERS_PAGES ?? process.argv[2] ?? 200);
const ROUNDS = Number(process.env.LEVERS_ROUNDS ?? 3);
const DOC = process.env.LEVERS_DOC ?? 'CaseloadPage';
/** Pages in flight at once (1: sequential; 8: as the bench's load, for CPU and pages/s under load). */
const CONCURRENCY = Number(process.env.LEVERS_CONCURRENCY ?? 1);

const statements = new Map<string, number>();
let counting = false;
const origQuery = Client.prototype.query;
Client.prototype.query = function (this: Client, ...args: unknown[]) {
  if (counting) {
    const q = args[0] as string | { text?: string };
    const text = typeof q === 'string' ? q : (q?.text ?? '?');
    const shape = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    statements.set(shape, (statements.get(shape) ?? 0) + 1);
  }
  return (origQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof Client.prototype.query;

const TICK_MS = 1000 / 100; // USER_HZ
/** CPU ticks of each backend serving the hub (a backend started during a round counts from 0). */
async function pgTicks(probe: Client): Promise<Map<number, number>> {
  const { rows } = await probe.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'masp-hub-%'`,
    [DB],
  );
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(f[11]) + Number(f[12])); // utime, stime (fields 14, 15)
    } catch {
      /* backend gone */
    }
  }
  return ticks;
}
const ticksSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((s, [pid, t]) => s + t - (before.get(pid) ?? 0), 0);

async function main(): Promise<void> {
  const admin = new URL(SERVER);
  admin.pathname = `/${DB}`;
  const url = admin.toString();
  const probe = new Client({ connectionString: SERVER });
  await probe.connect();
  const exists = (await probe.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB])).rowCount;
  if (!exists || process.env.LEVERS_FRESH) {
    await ensureDatabase(SERVER, DB, { fresh: true });
    await prepareLocalDatabase(url, { migrate: true, seed: true });
  }
  const keysDir = mkdtempSync(join(tmpdir(), 'masp-levers-'));
  const hub = await startLocalHub({
    databaseUrl: url,
    env: { DEV_KEYS_DIR: keysDir, NODE_ENV: 'test', LOG_LEVEL: 'warn' },
    ephemeralPorts: true,
    poolSize: 5,
    migrate: false,
  });
  const keys = await loadOrCreateDevKeys(keysDir);
  const token = await mintDevToken(keys, DEMO_CALLERS['TRAVAILLEUR_SOCIAL (département, référent NORD)']);
  const query = readFileSync(
    join(__dirname, '..', '..', '..', 'gateway', 'trusted-documents', 'bench', `${DOC}.graphql`),
    'utf8',
  );
  const page = async () => {
    const res = await hub.gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body;
  };
  const first = await page();
  const size = JSON.stringify(first).length;
  for (let i = 0; i < 30; i++) await page();

  // statements of one page (the worker's polls are on a 2 s timer: one page takes well under it)
  statements.clear();
  counting = true;
  await page();
  counting = false;
  const shapes = [...statements].sort((a, b) => b[1] - a[1]);
  const total = shapes.reduce((s, [, n]) => s + n, 0);

  const rounds: Array<{ node: number; pg: number; wall: number }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const c0 = process.cpuUsage();
    const p0 = await pgTicks(probe);
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < PAGES) await page();
      }),
    );
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const pg = ticksSince(p0, await pgTicks(probe)) * TICK_MS;
    rounds.push({ node: (c.user + c.system) / 1000 / PAGES, pg: pg / PAGES, wall: wall / PAGES });
  }
  rounds.sort((a, b) => a.node + a.pg - (b.node + b.pg));
  const m = rounds[Math.floor(rounds.length / 2)];
  const f = (x: number) => x.toFixed(2);
  console.log(
    `node ${process.version}; ${DOC}; ${PAGES} pages × ${ROUNDS} rounds, ${CONCURRENCY} at once; answer ${size} bytes`,
  );
  console.log(`statements per page: ${total}`);
  for (const [shape, n] of shapes) console.log(`  ${n} × ${shape}`);
  console.log(
    `per page (median round): node CPU ${f(m.node)} ms, pg CPU ${f(m.pg)} ms, total ${f(m.node + m.pg)} ms, wall ${f(m.wall)} ms (${(1000 / m.wall).toFixed(0)} pages/s)`,
  );
  console.log(
    `all rounds: ${rounds.map((x) => `${f(x.node)}+${f(x.pg)}=${f(x.node + x.pg)} (${f(x.wall)} wall)`).join(' | ')}`,
  );
  await probe.end();
  await hub.stop();
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

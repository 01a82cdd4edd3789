/**
 * The bench as deployed (issue 21 §1): the gateway (`dist/gateway/index.js`) and each subgraph
 * (`dist/subgraphs/serve.js <name>`) as separate node processes (Node 24, `--max-semi-space-size=32`,
 * NODE_ENV=production), configured as docker-compose.yml configures them: the gateway holds its private keys, the
 * subgraphs its public JWKS (a file), each subgraph serves as its own application role and does not migrate at start.
 * They run on this run's copy of the bench database; the SQL floor behind one HTTP hop runs as its own process too
 * (lib/floor-serve.ts), and the load comes from autocannon in a child process (lib/procs.ts). For each page and target
 * (hub, floor + hop), in alternating rounds, the CPU each process used during the load window is read from
 * /proc/<pid>/stat before and after it and divided by the requests answered: CPU ms per page per process (gateway,
 * each subgraph, the PostgreSQL backends of the bench database), beside req/s and p50/p99. PostgreSQL's background
 * processes (checkpointer, WAL writer, autovacuum…, the postmaster) are shown apart, not counted in the total: they
 * serve every database of the server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, importJWK } from 'jose';
import { Client } from 'pg';
import type { CallerClaims } from '../../schema/caller';
import { DevKeys, loadOrCreateDevKeys } from '../../gateway/auth/dev-keys';
import { mintDevToken } from '../../gateway/auth/mint-token';
import { prepareLocalDatabase } from '../../gateway/dev/local-hub';
import { SUBGRAPHS } from '../../subgraphs';
import { localRoleUrls } from '../../subgraphs/kit/db/roles';
import { loadOrCreateDevEventsKeys } from '../../subgraphs/kit/events/keys';
import type { FloorQuery } from './lib/floor';
import {
  cpuMs,
  freePort,
  machineBusyMs,
  LoadResult,
  loadInChild,
  parentPid,
  peakRssBytes,
  Service,
  startService,
  waitForHttp,
} from './lib/procs';

/** A page measured as deployed. */
export interface DeployedPage {
  key: string;
  label: string;
  query: string;
  variables?: Record<string, unknown>;
  claims: CallerClaims;
  floor: FloorQuery;
}

/** The processes a page's cost is counted over, in the report's order. */
export const COST_COLUMNS = ['front', 'department', 'association', 'bailleur', 'mandataire', 'postgres'] as const;
type CostColumn = (typeof COST_COLUMNS)[number];

export interface DeployedRow {
  page: string;
  /** hub: through the gateway and the four subgraphs; floor+hop: one SQL statement behind one HTTP hop. */
  target: 'hub' | 'floor+hop';
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per page, per process (front: the gateway, or the floor's HTTP server), summed over the rounds. */
  cpu: Record<CostColumn, number>;
  total: number;
  /** PostgreSQL's background processes (shared with the server's other databases; not in the total). */
  pgBackground: number;
  /** The load generator's CPU per page (not in the total). */
  loader: number;
  /**
   * The whole machine's busy CPU per page over the windows (all cores, /proc/stat), load generator and kernel
   * included: what bounds req/s on a saturated machine (cores × 1000 / this).
   */
  machine: number;
}

export interface DeployedResult {
  rows: DeployedRow[];
  /** Peak RSS per process (VmHWM) at the end of the run. */
  rss: Record<string, number>;
  checks: string[];
}

export interface DeployedOptions {
  /** The run's copy of the bench database, as the superuser (roles are made for it, named after it). */
  databaseUrl: string;
  databaseName: string;
  pages: DeployedPage[];
  seconds: number;
  connections: number;
  rounds: number;
  /** Sequential requests per page and target before the load (JIT, pools, caches). */
  warmup: number;
  log: (line: string) => void;
}

/**
 * The deployed gateway's environment (dist/gateway/index.js): production, its private signing keys, the development
 * token key as a PEM public key (the bench mints its tokens with it), the subgraphs at `urls`.
 */
export async function deployedGatewayEnv(opts: {
  signingKeysJson: string;
  tokenKeys: DevKeys;
  urls: Record<string, string>;
  port: number;
}): Promise<Record<string, string>> {
  const pem = await exportSPKI((await importJWK({ ...opts.tokenKeys.publicJwk, alg: 'ES256' }, 'ES256')) as never);
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'info', // as deployed; stdout is discarded
    HOST: '127.0.0.1',
    METRICS_HOST: '127.0.0.1',
    ...Object.fromEntries(Object.entries(opts.urls).map(([n, u]) => [`${n.toUpperCase()}_URL`, u])),
    PORT: String(opts.port),
    METRICS_PORT: String(await freePort()),
    GATEWAY_SIGNING_KEYS: opts.signingKeysJson,
    JWT_PUBLIC_KEY: pem,
    JWT_ALGORITHM: 'ES256',
    JWT_ISSUER: 'masp-hub-dev',
    JWT_AUDIENCE: 'masp-hub',
    ...(process.env.QUERY_PLANNER ? { QUERY_PLANNER: process.env.QUERY_PLANNER } : {}),
  };
}

/** Everything the processes need: roles, keys in files, ports. Then the processes, ready. */
async function startDeployment(opts: DeployedOptions, signingKeysJson: string, jwks: unknown) {
  // Each subgraph's owner and application role for this copy (named after it), its grants; the data is already there.
  await prepareLocalDatabase(opts.databaseUrl, { migrate: true, seed: false, rolePrefix: opts.databaseName });
  const dir = mkdtempSync(join(tmpdir(), 'masp-bench-deployed-'));
  const jwksFile = join(dir, 'gateway-jwks.json');
  writeFileSync(jwksFile, JSON.stringify(jwks), { mode: 0o600 });
  const eventsKeys = await loadOrCreateDevEventsKeys(dir); // events-<partner>.json, private JWKs
  const tokenKeys = await loadOrCreateDevKeys(dir);

  const ports: Record<string, number> = {};
  for (const def of SUBGRAPHS) ports[def.name] = await freePort();
  const urls = Object.fromEntries(SUBGRAPHS.map((d) => [d.name, `http://127.0.0.1:${ports[d.name]}/graphql`]));
  const urlEnv = Object.fromEntries(Object.entries(urls).map(([n, u]) => [`${n.toUpperCase()}_URL`, u]));
  const common = {
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_SERVICE_LOG_LEVEL ?? 'info', // as deployed; stdout is discarded
    HOST: '127.0.0.1',
    METRICS_HOST: '127.0.0.1',
    ...(process.env.REGISTRY_CACHE_MS ? { REGISTRY_CACHE_MS: process.env.REGISTRY_CACHE_MS } : {}),
  };
  const services: Record<string, Service> = {};
  const stopAll = async () => {
    for (const s of Object.values(services).reverse()) await s.stop();
  };
  try {
    for (const def of SUBGRAPHS) {
      const schema = def.database.schema;
      services[def.name] = startService(def.name, ['dist/subgraphs/serve.js', def.name], {
        ...common,
        ...urlEnv,
        PORT: String(ports[def.name]),
        METRICS_PORT: String(await freePort()),
        [`${schema.toUpperCase()}_DATABASE_URL`]: localRoleUrls(opts.databaseUrl, schema, opts.databaseName).appUrl,
        MIGRATE_ON_START: 'false',
        DB_POOL_SIZE: process.env.DB_POOL_SIZE ?? '10',
        GATEWAY_JWKS_FILE: jwksFile,
        EVENTS_SIGNING_KEY: join(dir, `events-${def.name}.json`),
        PARTNER_EVENTS_JWKS: JSON.stringify(eventsKeys.jwks),
      });
    }
    const gatewayPort = await freePort();
    services.gateway = startService(
      'gateway',
      ['dist/gateway/index.js'],
      await deployedGatewayEnv({ signingKeysJson, tokenKeys, urls, port: gatewayPort }),
    );
    const floorPort = await freePort();
    services.floor = startService('floor', ['-r', '@swc-node/register', 'test/bench/lib/floor-serve.ts'], {
      NODE_ENV: 'production',
      PORT: String(floorPort),
      FLOOR_DATABASE_URL: opts.databaseUrl,
      FLOOR_QUERIES: JSON.stringify(Object.fromEntries(opts.pages.map((p) => [p.key, p.floor]))),
    });
    for (const def of SUBGRAPHS) await waitForHttp(services[def.name], urls[def.name]);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
    await waitForHttp(services.gateway, gatewayUrl);
    const floorUrl = `http://127.0.0.1:${floorPort}/`;
    await waitForHttp(services.floor, floorUrl);
    // an answer on a port may come from another process that took it first: each service must still be running
    await new Promise((r) => setTimeout(r, 1000));
    for (const sv of Object.values(services))
      if (sv.child.exitCode !== null) throw new Error(`${sv.name} exited: ${sv.stderr().slice(-300)}`);
    return {
      services,
      gatewayUrl,
      floorUrl,
      token: (claims: CallerClaims) => mintDevToken(tokenKeys, claims),
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** CPU (ms) so far of the bench database's backends, and of PostgreSQL's background processes, per pid. */
async function pgCpu(monitor: Client, database: string): Promise<{ db: Map<number, number>; bg: Map<number, number> }> {
  const { rows } = await monitor.query<{ pid: number; datname: string | null; backend_type: string }>(
    `SELECT pid, datname, backend_type FROM pg_stat_activity WHERE pid <> pg_backend_pid()`,
  );
  const db = new Map<number, number>();
  const bg = new Map<number, number>();
  let postmaster: number | undefined;
  for (const r of rows) {
    postmaster ??= parentPid(r.pid);
    const ms = cpuMs(r.pid);
    if (ms === undefined) continue;
    if (r.datname === database) db.set(r.pid, ms);
    else if (r.datname === null && r.backend_type !== 'client backend') bg.set(r.pid, ms);
  }
  if (postmaster) {
    const ms = cpuMs(postmaster);
    if (ms !== undefined) bg.set(postmaster, ms);
  }
  return { db, bg };
}

/** What the pids of `after` used since `before` (a pid born during the window counts from zero). */
const spent = (before: Map<number, number>, after: Map<number, number>) => {
  let ms = 0;
  for (const [pid, t] of after) ms += Math.max(0, t - (before.get(pid) ?? 0));
  return ms;
};

async function post(url: string, headers: Record<string, string>, body: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, text: await res.text() };
}

export async function benchDeployed(
  opts: DeployedOptions,
  keys: { signingKeysJson: string; jwks: unknown },
): Promise<DeployedResult> {
  const result: DeployedResult = { rows: [], rss: {}, checks: [] };
  const monitorUrl = new URL(opts.databaseUrl);
  monitorUrl.pathname = '/postgres'; // the monitor's own backend is on another database: not counted
  const monitor = new Client({ connectionString: monitorUrl.toString(), application_name: 'masp-bench-monitor' });
  await monitor.connect();
  const started = Date.now();
  const d = await startDeployment(opts, keys.signingKeysJson, keys.jwks);
  opts.log(
    `  deployed: gateway pid ${d.services.gateway.pid}, ${SUBGRAPHS.map((s) => `${s.name} ${d.services[s.name].pid}`).join(', ')}, floor ${d.services.floor.pid} — ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  try {
    for (const page of opts.pages) {
      const hubHeaders = { authorization: `Bearer ${await d.token(page.claims)}` };
      const hubBody = JSON.stringify({ query: page.query, variables: page.variables });
      const floorBody = JSON.stringify({ journey: page.key });
      const targets: Array<{
        target: DeployedRow['target'];
        url: string;
        headers: Record<string, string>;
        body: string;
      }> = [
        { target: 'hub', url: d.gatewayUrl, headers: hubHeaders, body: hubBody },
        { target: 'floor+hop', url: d.floorUrl, headers: {}, body: floorBody },
      ];
      // the answers every load request must repeat byte for byte; the hub's must carry no error
      const expected: Record<string, string> = {};
      let usable = true;
      for (const t of targets) {
        const first = await post(t.url, t.headers, t.body);
        if (first.status !== 200 || (JSON.parse(first.text) as { errors?: unknown }).errors) {
          result.checks.push(`deployed ${page.label} (${t.target}): HTTP ${first.status} ${first.text.slice(0, 200)}`);
          usable = false;
        }
        expected[t.target] = first.text;
        for (let i = 0; i < opts.warmup; i++) await post(t.url, t.headers, t.body);
      }
      if (!usable) continue;
      // one short load per target, not measured: JIT, pools and caches as under load; and its rate, from which each
      // measured window gets a number of requests (`amount`) rather than a duration, so that it ends with none in
      // flight: the CPU read after it is all and only the work of the requests it counts
      const amount: Record<string, number> = {};
      for (const t of targets) {
        const w = await loadInChild({
          ...t,
          connections: opts.connections,
          seconds: 2,
          expectBody: expected[t.target],
        });
        const rate = w.requests / Math.max(w.seconds, 0.001);
        amount[t.target] = Math.max(2 * opts.connections, Math.round((rate * opts.seconds) / opts.rounds));
      }
      const acc: Record<
        string,
        { load: LoadResult[]; cpu: Record<CostColumn, number>; bg: number; loader: number; machine: number }
      > = {};
      for (let round = 0; round < opts.rounds; round++) {
        // a round's targets alternate in order, so that a slow spell of the shared machine hits both alike
        for (const t of round % 2 ? [...targets].reverse() : targets) {
          const procs: Record<Exclude<CostColumn, 'postgres'>, Service> = {
            front: t.target === 'hub' ? d.services.gateway : d.services.floor,
            department: d.services.department,
            association: d.services.association,
            bailleur: d.services.bailleur,
            mandataire: d.services.mandataire,
          };
          const before = Object.fromEntries(Object.entries(procs).map(([k, s]) => [k, cpuMs(s.pid) ?? NaN]));
          const pgBefore = await pgCpu(monitor, opts.databaseName);
          const machineBefore = machineBusyMs();
          const load = await loadInChild({
            url: t.url,
            headers: t.headers,
            body: t.body,
            connections: opts.connections,
            seconds: opts.seconds / opts.rounds,
            amount: amount[t.target],
            expectBody: expected[t.target],
          });
          const machine = machineBusyMs() - machineBefore;
          const pgAfter = await pgCpu(monitor, opts.databaseName);
          const a = (acc[t.target] ??= {
            load: [],
            cpu: Object.fromEntries(COST_COLUMNS.map((c) => [c, 0])) as Record<CostColumn, number>,
            bg: 0,
            loader: 0,
            machine: 0,
          });
          a.load.push(load);
          for (const [k, s] of Object.entries(procs)) a.cpu[k as CostColumn] += (cpuMs(s.pid) ?? NaN) - before[k];
          a.cpu.postgres += spent(pgBefore.db, pgAfter.db);
          a.bg += spent(pgBefore.bg, pgAfter.bg);
          a.loader += load.loaderCpuMs;
          a.machine += machine;
        }
      }
      for (const t of targets) {
        const a = acc[t.target];
        const kinds = { socket: 0, timeouts: 0, non2xx: 0, mismatches: 0 };
        for (const l of a.load)
          for (const k of Object.keys(kinds) as Array<keyof typeof kinds>) kinds[k] += l.errorKinds?.[k] ?? 0;
        if (Object.values(kinds).some((n) => n > 0))
          result.checks.push(
            `deployed ${page.label} (${t.target}): under load ${kinds.socket} socket errors, ${kinds.timeouts} timeouts, ${kinds.non2xx} non-2xx, ${kinds.mismatches} answers not as the first`,
          );
        const requests = a.load.reduce((n, l) => n + l.requests, 0);
        const seconds = a.load.reduce((n, l) => n + l.seconds, 0);
        const per = (ms: number) => (requests ? ms / requests : NaN);
        const cpu = Object.fromEntries(COST_COLUMNS.map((c) => [c, per(a.cpu[c])])) as Record<CostColumn, number>;
        const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
        result.rows.push({
          page: page.label,
          target: t.target,
          requests,
          rps: requests / seconds,
          p50: median(a.load.map((l) => l.p50)),
          p99: median(a.load.map((l) => l.p99)),
          errors: a.load.reduce((n, l) => n + l.errors, 0),
          cpu,
          // the floor's cost is its HTTP server and PostgreSQL (the subgraphs idle beside it are not its work)
          total: t.target === 'hub' ? COST_COLUMNS.reduce((n, c) => n + cpu[c], 0) : cpu.front + cpu.postgres,
          pgBackground: per(a.bg),
          loader: per(a.loader),
          machine: per(a.machine),
        });
      }
    }
    for (const [name, s] of Object.entries(d.services)) {
      const rss = peakRssBytes(s.pid);
      if (rss !== undefined) result.rss[name] = rss;
      if (s.child.exitCode !== null) result.checks.push(`deployed: ${name} exited early: ${s.stderr().slice(-300)}`);
    }
  } finally {
    await d.stop();
    await monitor.end();
  }
  return result;
}

// ─── report ──────────────────────────────────────────────────────────────────────────────────────────────────────────
const f1 = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) : 'n/a');
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

/** The deployed tables: cost per page per process, and hub / (floor + hop). */
export function reportDeployed(
  results: Array<{ scale: number; deployed?: DeployedResult }>,
  opts: { seconds: number; connections: number; rounds: number },
  out: (line?: string) => void,
): void {
  out(
    `\n# As deployed: one process per service (NODE_ENV=production, Node 24, --max-semi-space-size=32), autocannon in its own process, ${opts.connections} connections, ${opts.seconds} s per target in ${opts.rounds} alternating rounds (each window a number of requests worth that time at a warm-up window's rate, so that it ends with none in flight); CPU ms per page from /proc/<pid>/stat over the windows\n`,
  );
  out(
    "front: the gateway for the hub, the floor's HTTP server for \"floor+hop\"; PostgreSQL: the backends of the bench database (the floor's included when it is the target); total = front + subgraphs + PostgreSQL (the floor: front + PostgreSQL). PG background (checkpointer, WAL writer, autovacuum, the postmaster: shared with the server's other databases) and the load generator are shown apart, not in the total. machine: the whole machine's busy CPU per page (all cores, /proc/stat: the kernel's loopback networking and the bench's own processes included), which bounds req/s when the cores are saturated.\n",
  );
  out(
    '| scale | page | target | req/s | p50 ms | p99 ms | errors | front | department | association | bailleur | mandataire | PostgreSQL | total CPU ms/page | PG background | load generator | machine |',
  );
  out('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    for (const x of r.deployed?.rows ?? []) {
      out(
        `| ${r.scale}× | ${x.page} | ${x.target} | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p99} | ${x.errors} | ${COST_COLUMNS.map((c) => (x.target === 'floor+hop' && c !== 'front' && c !== 'postgres' ? '—' : f1(x.cpu[c]))).join(' | ')} | ${f1(x.total)} | ${f1(x.pgBackground)} | ${f1(x.loader)} | ${f1(x.machine)} |`,
      );
    }
  }
  out(
    '\n| scale | page | CPU ms/page hub | CPU ms/page floor+hop | CPU hub/(floor+hop) | req/s hub | req/s floor+hop | req/s hub/(floor+hop) |',
  );
  out('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const rows = r.deployed?.rows ?? [];
    for (const hub of rows.filter((x) => x.target === 'hub')) {
      const floor = rows.find((x) => x.page === hub.page && x.target === 'floor+hop');
      if (!floor) continue;
      out(
        `| ${r.scale}× | ${hub.page} | ${f1(hub.total)} | ${f1(floor.total)} | ${(hub.total / floor.total).toFixed(2)}× | ${hub.rps.toFixed(0)} | ${floor.rps.toFixed(0)} | ${(hub.rps / floor.rps).toFixed(2)}× |`,
      );
    }
  }
  for (const r of results) {
    if (!r.deployed) continue;
    out(
      `\npeak RSS per process at ${r.scale}×: ${Object.entries(r.deployed.rss)
        .map(([n, b]) => `${n} ${mb(b)}`)
        .join(', ')}`,
    );
  }
}

/** Issue 21's targets as deployed (lines for the bench's "Targets"). */
export function deployedTargets(scale: number, deployed: DeployedResult): Array<[string, boolean, string]> {
  const lines: Array<[string, boolean, string]> = [];
  const page = deployed.rows.find((x) => x.page.startsWith('3 caseload page') && x.target === 'hub');
  if (scale >= 100 && page)
    lines.push([
      `${scale}×: caseload page of 50 at most 30 ms of CPU in all (as deployed)`,
      page.total <= 30,
      `${f1(page.total)} ms (gateway ${f1(page.cpu.front)}, department ${f1(page.cpu.department)}, association ${f1(page.cpu.association)}, bailleur ${f1(page.cpu.bailleur)}, mandataire ${f1(page.cpu.mandataire)}, PostgreSQL ${f1(page.cpu.postgres)}); ${page.rps.toFixed(0)} req/s`,
    ]);
  const errors = deployed.rows.reduce((n, x) => n + x.errors, 0);
  lines.push([`${scale}×: zero errors under load (as deployed)`, errors === 0, `${errors} errors / mismatches`]);
  for (const c of deployed.checks) lines.push([`${scale}×: ${c}`, false, 'check']);
  return lines;
}

/**
 * `npm run bench`: the hub's performance, measured side by side in one run (ratios are what matter on a shared
 * machine).
 *
 * For each scale (BENCH_SCALE, default "1,100": the demo département, then national scale generated in bulk SQL, see
 * lib/seed-scale.ts), on the same four subgraph servers and the same database:
 *  1. the journeys (gateway/sample-queries.ts) through our gateway (hub, on its default Rust query planner) vs the bare
 *     Hive runtime on the same planner vs plain @apollo/gateway (lib/gateways.ts) vs our gateway on the runtime's JS
 * planner (QUERY_PLANNER=js), vs the subgraphs queried directly (the calls the plan makes, replayed one after the
 * other,
 *     signed) and vs one hand-written SQL statement per journey, raw and behind one HTTP hop (lib/floor.ts);
 *  1b. the same gateways alone: each subgraph answer recorded once, then replayed (lib/replay.ts), so that the samples
 *     and the load measure the gateways' own work, which the subgraphs' (same process, same two cores) otherwise drown;
 *  2. throughput and p50/p99 latency under concurrent load (autocannon, loopback, BENCH_SECONDS per run) for the
 *     landlord's list and the caseload list; answers are checked byte for byte (a mismatch counts as an error);
 * 3. SQL statements per request for lists of 1, 10, 100 (through the gateway) and 1000 (each subgraph asked directly
 * for
 *     what the gateway asks it, over 1000 entities), and the peak RSS of this process.
 * Knobs: BENCH_SCALE, BENCH_SECONDS (load run length, default 5), BENCH_ITER (sequential samples per variant, default
 * 30),
 * BENCH_CONNECTIONS (default 8), BENCH_JS=0 to skip the JS-planner variant. Everything runs in this one process.
 */
import 'reflect-metadata';

import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateGatewayJwk, parseGatewayKeys } from '../../gateway/auth/gateway-keys';
import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { configure } from 'safe-stable-stringify';
import type { CallerClaims } from '../../schema/caller';
import { OrgKind, Role } from '../../schema/policy';
import { DevKeys, loadOrCreateDevKeys } from '../../gateway/auth/dev-keys';
import { mintDevToken } from '../../gateway/auth/mint-token';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { GatewayConfig, readGatewayConfig } from '../../gateway/env';
import { createHubGateway } from '../../gateway/gateway';
import { previousMonth, SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { BENCH_DOCUMENTS } from './lib/documents';
import { SUBGRAPHS } from '../../subgraphs';
import { openSubgraphDatabase } from '../../subgraphs/kit/server/open-database';
import { envRegistryCacheMs } from '../../subgraphs/kit/runtime/env';
import { rootLogger, serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { createSubgraphServer, SubgraphServer } from '../../subgraphs/kit/server/subgraph-server';
import {
  associationFilesSql,
  caseloadPageSql,
  caseloadSql,
  FloorQuery,
  landlordMonthSql,
  startFloor,
} from './lib/floor';
import { BENCH_CALLER_HEADER, createBareHive, listen, RecordedCall, startApolloGateway } from './lib/gateways';
import { startReplay } from './lib/replay';
import { grafbaseBinary, startGrafbase } from './lib/grafbase';
import { cpuMs, freePort, peakRssBytes, Service, startService, waitForHttp } from './lib/procs';
import { SIGNATURE_EXTENSION } from '../../schema/upstream-signature';
import { signedSubgraphBody } from './lib/subgraph-calls';
import { prepareDatabase, runCopy } from './lib/seed-scale';
import { benchDeployed, DeployedResult, deployedGatewayEnv, deployedTargets, reportDeployed } from './deployed';
import { spawnSync } from 'node:child_process';
import { asEntitiesQuery, callSubgraph, rootFieldTypes } from './lib/subgraph-calls';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon: (opts: Record<string, unknown>) => Promise<any> = require('autocannon');

const int = (name: string, def: number) => (process.env[name] ? Number(process.env[name]) : def);
const SCALES = (process.env.BENCH_SCALE ?? '1,100')
  .split(',')
  .map(Number)
  .filter((n) => n >= 1);
const SECONDS = int('BENCH_SECONDS', 5);
const ITER = int('BENCH_ITER', 30);
const CONNECTIONS = int('BENCH_CONNECTIONS', 8);
const LOAD_ROUNDS = 3;
// The deployed mode (deployed.ts, the main table) and the in-process comparisons (gateways side by side, statements).
const DEPLOYED = process.env.BENCH_DEPLOYED !== '0';
const IN_PROCESS = process.env.BENCH_INPROCESS !== '0';
// As the subgraphs run: REGISTRY_CACHE_MS (default 5 s); REGISTRY_CACHE_MS=0 measures a registry question per request.
const REGISTRY_CACHE = envRegistryCacheMs();
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// The subgraphs' logs (pino) off; not through LOG_LEVEL=silent, which the Hive runtime's logger refuses.
rootLogger.level = process.env.BENCH_LOG_LEVEL ?? 'silent';
// Each in-flight upstream fetch adds an abort listener to the request's signal: under load, more than 10 is normal.
EventEmitter.defaultMaxListeners = 1000;
/** The gateway's signing keys for the run (the subgraphs get the public JWKS only). */
export const BENCH_KEYS_JSON = JSON.stringify({ keys: [generateGatewayJwk('bench')] });
export const BENCH_KEYS = parseGatewayKeys(BENCH_KEYS_JSON);
export const SIGNER = BENCH_KEYS.signer;
const stable = configure({ deterministic: true });
const out = (line = '') => process.stdout.write(`${line}\n`);

// ─── memory ──────────────────────────────────────────────────────────────────────────────────────────────────────────
let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
rssTimer.unref();
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`;

// ─── the planners ────────────────────────────────────────────────────────────────────────────────────────────────────
// The hub's default (QUERY_PLANNER=rust); the bare engine runs on it too, so that hub/bare measures our plugins alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const RUST_PLANNER: unknown = require('@graphql-hive/router-runtime').unifiedGraphHandler;
const withJsPlanner = () => process.env.BENCH_JS !== '0';

// ─── the stack ───────────────────────────────────────────────────────────────────────────────────────────────────────
interface Variant {
  name: string;
  run: () => Promise<unknown>;
}

interface Gateways {
  hubUrl: string;
  bareUrl: string;
  apolloUrl: string;
  /** Our gateway on the runtime's JS planner (QUERY_PLANNER=js). */
  jsUrl?: string;
  stop(): Promise<void>;
}

interface Stack extends Gateways {
  subgraphs: Record<string, { server: SubgraphServer; url: string }>;
  urls: Record<string, string>;
  recorded: RecordedCall[];
  token(claims: CallerClaims): Promise<string>;
  /** The key pair `token` signs with (the deployed gateway of "the gateways alone" checks it). */
  tokenKeys: DevKeys;
  /** The same four gateways again, over other subgraph URLs (lib/replay.ts), the same token keys. */
  gatewaysOver(urls: Record<string, string>): Promise<Gateways>;
}

/** hub, bare, apollo (and js) over `urls`; `record` sees the bare engine's subgraph calls (the hub's plan). */
async function startGateways(
  config: GatewayConfig,
  supergraph: string,
  urls: Record<string, string>,
  record?: (call: RecordedCall) => void,
): Promise<Gateways> {
  const stops: Array<() => Promise<void>> = [];
  const gateways: GatewayRuntime[] = [];
  const hub = await createHubGateway({ ...config, subgraphUrls: urls }, { supergraph });
  gateways.push(hub);
  const hubServer = await listen(hub);
  const bare = createBareHive({
    supergraph,
    subgraphUrls: urls,
    signer: SIGNER,
    unifiedGraphHandler: RUST_PLANNER,
    record,
  });
  gateways.push(bare);
  const bareServer = await listen(bare);
  const apollo = await startApolloGateway({ supergraph, subgraphUrls: urls, signer: SIGNER });
  let jsUrl: string | undefined;
  if (withJsPlanner()) {
    const js = await createHubGateway({ ...config, subgraphUrls: urls, queryPlanner: 'js' }, { supergraph });
    gateways.push(js);
    const jsServer = await listen(js);
    jsUrl = jsServer.url;
    stops.push(jsServer.close);
  }
  stops.push(hubServer.close, bareServer.close, apollo.stop, async () => {
    for (const g of gateways) await g.dispose();
  });
  return {
    hubUrl: hubServer.url,
    bareUrl: bareServer.url,
    apolloUrl: apollo.url,
    jsUrl,
    async stop() {
      for (const s of stops) await s().catch(() => undefined);
    },
  };
}

export async function startStack(databaseUrl: string, supergraph: string): Promise<Stack> {
  const stops: Array<() => Promise<void>> = [];
  const subgraphs: Stack['subgraphs'] = {};
  for (const def of SUBGRAPHS) {
    const log = serviceLogger(def.name);
    const dataSource = await openSubgraphDatabase(def.database, databaseUrl, log, { migrate: false, poolSize: 10 });
    // The partner subgraphs ask the department (started first) which persons a département agent reaches, as in
    // local-hub.ts.
    const department = subgraphs.department?.url;
    const registry =
      (def as { usesRegistry?: boolean }).usesRegistry && department
        ? { url: department, cacheMs: REGISTRY_CACHE }
        : undefined;
    const server = await createSubgraphServer(def as never, {
      dataSource,
      gatewayKeys: { kind: 'jwks', jwks: BENCH_KEYS.jwks },
      log,
      registry,
    });
    const url = await server.listen(0);
    stops.push(async () => {
      await server.stop();
      await dataSource.destroy();
    });
    subgraphs[def.name] = { server, url };
  }
  const urls = Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url]));
  const keysDir = mkdtempSync(join(tmpdir(), 'masp-bench-keys-'));
  const keys = await loadOrCreateDevKeys(keysDir);
  const config = readGatewayConfig({ GATEWAY_SIGNING_KEYS: BENCH_KEYS_JSON, DEV_KEYS_DIR: keysDir, NODE_ENV: 'test' });
  const recorded: RecordedCall[] = [];
  const gateways = await startGateways(config, supergraph, urls, (c) => {
    if (recorded.length < 10_000) recorded.push(c);
  });
  stops.unshift(gateways.stop);
  return {
    ...gateways,
    subgraphs,
    urls,
    recorded,
    token: (claims) => mintDevToken(keys, claims),
    tokenKeys: keys,
    gatewaysOver: (other) => startGateways(config, supergraph, other),
    async stop() {
      for (const s of stops) await s().catch(() => undefined);
    },
  };
}

// ─── requests ────────────────────────────────────────────────────────────────────────────────────────────────────────
async function post(
  url: string,
  headers: Record<string, string>,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}

async function gql(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables?: Record<string, unknown>,
): Promise<any> {
  const { status, text } = await post(url, headers, { query, variables });
  const body = JSON.parse(text);
  if (status !== 200 || body.errors) throw new Error(`${url}: HTTP ${status} ${text.slice(0, 300)}`);
  return body;
}

interface Journey {
  key: string;
  label: string;
  /** A trusted document (gateway/trusted-documents/samples or bench): the bench runs with NODE_ENV=production. */
  query: string;
  variables?: Record<string, unknown>;
  claims: CallerClaims;
  floor: FloorQuery;
}

/** Issue 8's target journey: the caseload page of 50 persons with alerts. */
const CASELOAD_PAGE = 'caseload50';
/** Issue 21's three pages, measured as deployed; BENCH_PAGES (keys, e.g. `caseload50`) measures some of them only. */
const DEPLOYED_PAGES = process.env.BENCH_PAGES?.split(',') ?? ['files', 'leases', CASELOAD_PAGE];

export function journeys(): Journey[] {
  const ts = DEMO_CALLERS['TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)'];
  return [
    {
      key: 'files',
      label: '1 association files (5)',
      query: SAMPLE_QUERIES.associationFiles.query,
      claims: DEMO_CALLERS['DELEGUE (association A)'],
      floor: associationFilesSql(DEMO_ORGS.associationA, 5),
    },
    // as its sample query: expectedPayments(month: last month, first: 20) + myLeases(first: 5)
    {
      key: 'leases',
      label: '2 landlord month (20 + 5)',
      query: SAMPLE_QUERIES.landlordPayments.query,
      variables: SAMPLE_QUERIES.landlordPayments.variables,
      claims: DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'],
      floor: landlordMonthSql(DEMO_ORGS.bailleurs[0], previousMonth(), 20, 5),
    },
    {
      key: 'caseload5',
      label: '3 caseload (5)',
      query: SAMPLE_QUERIES.departmentCaseload.query,
      claims: ts,
      floor: caseloadSql(ts.sub, 5),
    },
    // issue 8's target: "the caseload page of 50 persons with alerts"
    {
      key: CASELOAD_PAGE,
      label: '3 caseload page (50 + alerts)',
      claims: ts,
      floor: caseloadPageSql(ts.sub, 50),
      query: BENCH_DOCUMENTS.caseloadPage,
    },
  ];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const fmt = (ms: number) => (Number.isFinite(ms) ? (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) : 'n/a');
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a';

const RATIOS: Array<[string, string]> = [
  ['hub', 'bare'],
  ['hub', 'apollo'],
  ['js', 'hub'],
  ['hub', 'direct'],
  ['hub', 'floor+hop'],
  ['hub', 'grafbase'],
  ['hub-process', 'grafbase'],
];
const pr = (l: Record<string, number>, a: string, b: string) =>
  Number.isFinite(l[`${a}/${b}`]) ? `${l[`${a}/${b}`].toFixed(2)}×` : 'n/a';

/**
 * Interleaved sequential samples: each round runs every variant once, in a rotating order, so noise hits them alike.
 */
async function sample(variants: Variant[], iterations: number): Promise<Record<string, number>> {
  const times: Record<string, number[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let w = 0; w < 3; w++) for (const v of variants) await v.run();
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < variants.length; k++) {
      const v = variants[(i + k) % variants.length];
      const t0 = performance.now();
      await v.run();
      times[v.name].push(performance.now() - t0);
    }
  }
  const out: Record<string, number> = Object.fromEntries(Object.entries(times).map(([n, xs]) => [n, median(xs)]));
  // Paired ratios: round i's sample of a over round i's sample of b (taken moments apart), then their median — a slow
  // spell of the shared machine hits both sides of a pair, which a ratio of two medians does not guarantee.
  for (const [a, b] of RATIOS) {
    if (!times[a] || !times[b]) continue;
    out[`${a}/${b}`] = median(times[a].map((t, i) => t / times[b][i]));
  }
  return out;
}

// ─── load ────────────────────────────────────────────────────────────────────────────────────────────────────────────
interface LoadRow {
  list: string;
  gateway: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU ms per page of a gateway in its own process (Grafbase's anchor); undefined for those in this process. */
  cpu?: number;
}

/**
 * autocannon on each gateway in interleaved rounds (hub, bare, apollo, hub, bare, apollo…), answers checked byte for
 * byte.
 */
async function loadRounds(
  list: string,
  body: { query: string; variables?: Record<string, unknown> },
  targets: Array<[string, string, Record<string, string>]>,
  pids: Record<string, number> = {},
): Promise<LoadRow[]> {
  const rounds = Math.max(1, Math.min(LOAD_ROUNDS, Math.floor(SECONDS)));
  const acc: Record<
    string,
    { requests: number; seconds: number; p50: number[]; p99: number[]; errors: number; cpu: number }
  > = {};
  const expected: Record<string, string> = {};
  for (const [name, url, headers] of targets) expected[name] = (await post(url, headers, body)).text;
  for (let round = 0; round < rounds; round++) {
    for (const [name, url, headers] of targets) {
      const cpu0 = pids[name] ? (cpuMs(pids[name]) ?? NaN) : NaN;
      const r = await autocannon({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        connections: CONNECTIONS,
        duration: SECONDS / rounds,
        expectBody: expected[name],
      });
      const a = (acc[name] ??= { requests: 0, seconds: 0, p50: [], p99: [], errors: 0, cpu: 0 });
      if (pids[name]) a.cpu += (cpuMs(pids[name]) ?? NaN) - cpu0;
      a.requests += r.requests.total;
      a.seconds += r.duration;
      a.p50.push(r.latency.p50);
      a.p99.push(r.latency.p99);
      a.errors += r.errors + r.timeouts + r.non2xx + (r.mismatches ?? 0);
    }
  }
  return Object.entries(acc).map(([name, a]) => ({
    list,
    gateway: name,
    rps: a.requests / a.seconds,
    p50: median(a.p50),
    p99: median(a.p99),
    errors: a.errors,
    ...(pids[name] ? { cpu: a.cpu / a.requests } : {}),
  }));
}

const targetsOf = (
  g: Gateways,
  token: string,
  claims: CallerClaims,
): Array<[string, string, Record<string, string>]> => [
  ['hub', g.hubUrl, { authorization: `Bearer ${token}` }],
  ['bare', g.bareUrl, { [BENCH_CALLER_HEADER]: JSON.stringify(claims) }],
  ['apollo', g.apolloUrl, { [BENCH_CALLER_HEADER]: JSON.stringify(claims) }],
  ...(g.jsUrl
    ? [['js', g.jsUrl, { authorization: `Bearer ${token}` }] as [string, string, Record<string, string>]]
    : []),
];

/**
 * 1b. The gateways alone: each journey asked once through every gateway with the subgraphs behind a recorder, then
 * sampled (and the two lists loaded) with the recorded answers replayed — same plans, same answers, no subgraph work.
 */
async function gatewaysAlone(stack: Stack, js: Journey[], result: ScaleResult): Promise<void> {
  // Grafbase's anchor sends its subgraph requests unsigned: the recorder signs them, as our gateway would, for the
  // caller it forwards (the real subgraphs refuse unsigned requests).
  const replay = await startReplay(stack.urls, {
    sign: (subgraph, raw, caller) => {
      const body = JSON.parse(raw) as { query: string; variables?: Record<string, unknown>; extensions?: object };
      if (!caller || (body.extensions && SIGNATURE_EXTENSION in body.extensions)) return raw;
      return JSON.stringify(signedSubgraphBody(SIGNER, subgraph, JSON.parse(caller), body.query, body.variables));
    },
  });
  const g = await stack.gatewaysOver(replay.urls);
  const binary = grafbaseBinary();
  let grafbase: Awaited<ReturnType<typeof startGrafbase>> | undefined;
  if ('path' in binary) {
    try {
      grafbase = await startGrafbase(binary.path, replay.urls);
      result.grafbase = { version: grafbase.version };
    } catch (e) {
      result.grafbase = { skipped: (e as Error).message.slice(0, 300) };
    }
  } else result.grafbase = { skipped: binary.skipped };
  // Our gateway as deployed (dist/, its own process) over the same replay: its CPU per page beside Grafbase's.
  let hubProcess: { service: Service; url: string } | undefined;
  if (DEPLOYED) {
    try {
      const port = await freePort();
      const service = startService(
        'gateway',
        ['dist/gateway/index.js'],
        await deployedGatewayEnv({
          signingKeysJson: BENCH_KEYS_JSON,
          tokenKeys: stack.tokenKeys,
          urls: replay.urls,
          port,
        }),
      );
      hubProcess = { service, url: `http://127.0.0.1:${port}/graphql` };
      await waitForHttp(service, hubProcess.url);
    } catch (e) {
      result.checks.push(
        `gateways alone: our gateway in its own process failed — ${(e as Error).message.slice(0, 200)}`,
      );
      await hubProcess?.service.stop();
      hubProcess = undefined;
    }
  }
  try {
    const targets: Record<string, Array<[string, string, Record<string, string>]>> = {};
    for (const j of js) {
      targets[j.key] = targetsOf(g, await stack.token(j.claims), j.claims);
      let hubData: unknown;
      for (const [name, url, headers] of targets[j.key]) {
        const body = await gql(url, headers, j.query, j.variables);
        if (name === 'hub') hubData = body.data;
      }
      if (hubProcess) {
        const target: [string, string, Record<string, string>] = [
          'hub-process',
          hubProcess.url,
          { authorization: `Bearer ${await stack.token(j.claims)}` },
        ];
        try {
          const body = await gql(target[1], target[2], j.query, j.variables);
          if (stable(body.data) !== stable(hubData))
            result.checks.push(
              `gateways alone: our gateway's own process answers ${j.label} otherwise than in-process`,
            );
          targets[j.key].push(target);
        } catch (e) {
          result.checks.push(
            `gateways alone: our gateway's own process failed on ${j.label} — ${(e as Error).message.slice(0, 200)}`,
          );
        }
      }
      if (grafbase) {
        const target: [string, string, Record<string, string>] = [
          'grafbase',
          grafbase.url,
          { [BENCH_CALLER_HEADER]: JSON.stringify(j.claims) },
        ];
        try {
          const body = await gql(target[1], target[2], j.query, j.variables);
          if (stable(body.data) !== stable(hubData))
            result.checks.push(`gateways alone: Grafbase's answer to ${j.label} differs from the hub's`);
          targets[j.key].push(target);
        } catch (e) {
          result.checks.push(`gateways alone: Grafbase failed on ${j.label} — ${(e as Error).message.slice(0, 200)}`);
        }
      }
    }
    replay.replaying = true;
    for (const j of js) {
      result.alone[j.label] = await sample(
        targets[j.key].map(([name, url, headers]) => ({ name, run: () => gql(url, headers, j.query, j.variables) })),
        ITER,
      );
    }
    for (const key of ['leases', CASELOAD_PAGE]) {
      const j = js.find((x) => x.key === key)!;
      result.aloneLoad.push(
        ...(await loadRounds(j.label, { query: j.query, variables: j.variables }, targets[key], {
          ...(grafbase ? { grafbase: grafbase.service.pid } : {}),
          ...(hubProcess ? { 'hub-process': hubProcess.service.pid } : {}),
        })),
      );
    }
    if (replay.misses) result.checks.push(`gateways alone: ${replay.misses} subgraph requests found nothing recorded`);
    if (grafbase && result.grafbase) result.grafbase.rss = peakRssBytes(grafbase.service.pid);
    if (hubProcess) result.hubProcessRss = peakRssBytes(hubProcess.service.pid);
  } catch (e) {
    result.checks.push(`gateways alone: failed — ${(e as Error).message.slice(0, 300)}`);
  } finally {
    await grafbase?.service.stop();
    await hubProcess?.service.stop();
    await g.stop();
    await replay.stop();
  }
}

// ─── one scale ───────────────────────────────────────────────────────────────────────────────────────────────────────
interface ScaleResult {
  scale: number;
  latency: Record<string, Record<string, number>>;
  load: LoadRow[];
  /** The gateways alone: the same journeys over replayed subgraph answers (lib/replay.ts). */
  alone: Record<string, Record<string, number>>;
  aloneLoad: LoadRow[];
  /** Per subgraph, per N: through the gateway for N = 1, 10, 100; asked directly (`direct 100`, `direct <big>`). */
  statements: Record<string, Record<string, number>>;
  stmtSizes: string[];
  peakRss: number;
  checks: string[];
  /** As deployed (deployed.ts): one process per service. */
  deployed?: DeployedResult;
  /** Grafbase's anchor in "the gateways alone" (lib/grafbase.ts): its version and peak RSS, or why it was skipped. */
  grafbase?: { version?: string; rss?: number; skipped?: string };
  /** Peak RSS of our gateway in its own process over the replay ("the gateways alone"). */
  hubProcessRss?: number;
}

async function benchScale(scale: number, supergraph: string): Promise<ScaleResult> {
  out(`\n## Scale ${scale}×`);
  const db = await prepareDatabase(SERVER_URL, scale, out);
  const counts = db.counts;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  out(
    `  database ${db.name}: ${db.reused ? 'reused' : `built in ${db.seconds.toFixed(1)} s`}; ${total.toLocaleString('en')} rows — ` +
      [
        'department.beneficiary',
        'department.measure',
        'bailleur.lease',
        'bailleur.rent_payment',
        'department.access_log',
      ]
        .map((t) => `${t.split('.')[1]} ${(counts[t] ?? 0).toLocaleString('en')}`)
        .join(', '),
  );
  // Every run on a fresh copy of the built database, dropped at the end: nothing a run writes reaches the next.
  const copy = await runCopy(SERVER_URL, db.name);
  out(`  this run's copy: ${copy.name} (copied in ${copy.seconds.toFixed(1)} s; dropped at the end)`);
  try {
    return await benchCopy(scale, supergraph, copy.url, copy.name, counts);
  } finally {
    await copy.drop().catch((e) => out(`  could not drop ${copy.name}: ${(e as Error).message}`));
  }
}

async function benchCopy(
  scale: number,
  supergraph: string,
  databaseUrl: string,
  databaseName: string,
  counts: Record<string, number>,
): Promise<ScaleResult> {
  const result: ScaleResult = {
    scale,
    latency: {},
    load: [],
    alone: {},
    aloneLoad: [],
    statements: {},
    stmtSizes: [],
    peakRss: 0,
    checks: [],
  };
  const js = journeys();
  if (DEPLOYED) {
    try {
      result.deployed = await benchDeployed(
        {
          databaseUrl,
          databaseName,
          pages: js.filter((j) => DEPLOYED_PAGES.includes(j.key)),
          seconds: SECONDS,
          connections: CONNECTIONS,
          rounds: LOAD_ROUNDS,
          warmup: Math.max(3, Math.min(ITER, 20)),
          log: out,
        },
        { signingKeysJson: BENCH_KEYS_JSON, jwks: BENCH_KEYS.jwks },
      );
    } catch (e) {
      result.checks.push(`deployed: failed — ${(e as Error).message.slice(0, 500)}`);
    }
  }
  if (!IN_PROCESS) return result;
  peakRss = process.memoryUsage().rss;
  const stack = await startStack(databaseUrl, supergraph);
  const floor = await startFloor(databaseUrl, Object.fromEntries(js.map((j) => [j.key, j.floor])));
  try {
    // ── 1. journeys, side by side ──
    for (const j of js) {
      try {
        const token = await stack.token(j.claims);
        const hubH = { authorization: `Bearer ${token}` };
        const benchH = { [BENCH_CALLER_HEADER]: JSON.stringify(j.claims) };
        // same answers everywhere (the baselines do the same work); record the subgraph calls of the plan
        const hubAnswer = await gql(stack.hubUrl, hubH, j.query, j.variables);
        stack.recorded.length = 0;
        const bareAnswer = await gql(stack.bareUrl, benchH, j.query, j.variables);
        const calls = [...stack.recorded];
        const apolloAnswer = await gql(stack.apolloUrl, benchH, j.query, j.variables);
        if (stable(hubAnswer.data) !== stable(bareAnswer.data))
          result.checks.push(`${j.label}: bare Hive answer differs from the hub's`);
        if (stable(hubAnswer.data) !== stable(apolloAnswer.data))
          result.checks.push(`${j.label}: @apollo/gateway answer differs from the hub's`);
        if (stack.jsUrl) {
          const jsAnswer = await gql(stack.jsUrl, hubH, j.query, j.variables);
          if (stable(hubAnswer.data) !== stable(jsAnswer.data))
            result.checks.push(`${j.label}: the JS planner's answer differs from the hub's`);
        }
        const items = (Object.values(hubAnswer.data) as unknown[][]).flat(); // every root list
        // the floor is hand-written against today's tables: if a subgraph's schema moved, report it and go on without
        // it
        let floorOk = true;
        try {
          // one list per root field: the floor answers the same lists (an object of them when the query has several
          // roots)
          const floorData = (await floor.run(j.key)) as unknown[] | Record<string, unknown[]>;
          const floorLists = Array.isArray(floorData) ? { [Object.keys(hubAnswer.data)[0]]: floorData } : floorData;
          for (const [field, list] of Object.entries(hubAnswer.data as Record<string, unknown[]>)) {
            const rows = floorLists[field]?.length ?? 0;
            if (rows !== list.length)
              result.checks.push(`${j.label}: the SQL floor returns ${rows} ${field}, the hub ${list.length}`);
          }
        } catch (e) {
          floorOk = false;
          result.checks.push(
            `${j.label}: the SQL floor failed (${(e as Error).message}); adapt test/bench/lib/floor.ts`,
          );
        }
        const variants: Variant[] = [
          { name: 'hub', run: () => gql(stack.hubUrl, hubH, j.query, j.variables) },
          { name: 'bare', run: () => gql(stack.bareUrl, benchH, j.query, j.variables) },
          { name: 'apollo', run: () => gql(stack.apolloUrl, benchH, j.query, j.variables) },
          ...(stack.jsUrl ? [{ name: 'js', run: () => gql(stack.jsUrl!, hubH, j.query, j.variables) }] : []),
          {
            name: 'direct',
            run: async () => {
              for (const c of calls) {
                const r = await callSubgraph(
                  stack.urls[c.subgraph],
                  SIGNER,
                  c.subgraph,
                  j.claims,
                  c.query,
                  c.variables,
                );
                if (r.status !== 200 || r.body.errors)
                  throw new Error(`direct ${c.subgraph}: ${JSON.stringify(r.body).slice(0, 300)}`);
              }
            },
          },
          ...(floorOk
            ? [
                { name: 'floor+hop', run: () => post(floor.url, {}, { journey: j.key }) },
                { name: 'sql', run: () => floor.run(j.key) },
              ]
            : []),
          // issue 8's page: each subgraph call of the plan alone, for "where the time goes"
          ...(j.key === CASELOAD_PAGE
            ? calls.map((c) => ({
                name: `call ${c.subgraph}`,
                run: async () => {
                  const r = await callSubgraph(
                    stack.urls[c.subgraph],
                    SIGNER,
                    c.subgraph,
                    j.claims,
                    c.query,
                    c.variables,
                  );
                  if (r.status !== 200 || r.body.errors)
                    throw new Error(`call ${c.subgraph}: ${JSON.stringify(r.body).slice(0, 300)}`);
                },
              }))
            : []),
        ];
        result.latency[j.label] = { ...(await sample(variants, ITER)), items: items.length, calls: calls.length };
      } catch (e) {
        result.checks.push(`${j.label}: failed — ${(e as Error).message.slice(0, 300)}`);
      }
    }

    // ── 1b. the gateways alone, on replayed subgraph answers ──
    await gatewaysAlone(stack, js, result);

    // ── 2. statements per request (before the load, so that no stray request is counted) ──
    const encadrant: CallerClaims = {
      sub: 'bench-encadrant',
      org_kind: OrgKind.DEPARTEMENT,
      org_id: DEMO_ORGS.departement,
      roles: [Role.ENCADRANT],
    };
    // Each measurement as a caller the partners have not seen: they remember the registry's answers per caller
    // (REGISTRY_CACHE_MS), and a count must not depend on what an earlier request left there (at 100× it read 3/6/5/5).
    let measurement = 0;
    const freshEncadrant = (): CallerClaims => ({ ...encadrant, sub: `${encadrant.sub}-${++measurement}` });
    const perSubgraph = async (run: () => Promise<void>) => {
      const per: Record<string, number> = {};
      const offs = Object.entries(stack.subgraphs).map(([name, s]) => {
        const l = (r: { statements: number }) => {
          per[name] = (per[name] ?? 0) + r.statements;
        };
        s.server.events.on('request', l);
        return () => s.server.events.off('request', l);
      });
      await run();
      offs.forEach((off) => off());
      return per;
    };
    const caseload = (n: 1 | 10 | 100) => BENCH_DOCUMENTS.caseload[n];
    for (const n of [1, 10, 100] as const) {
      const token = await stack.token(freshEncadrant());
      const per = await perSubgraph(async () => {
        await gql(stack.hubUrl, { authorization: `Bearer ${token}` }, caseload(n));
      });
      for (const [name, c] of Object.entries(per)) (result.statements[name] ??= {})[String(n)] = c;
    }
    // a list longer than a page: each subgraph asked directly what the gateway asks it, over 1000 entities
    stack.recorded.length = 0;
    await gql(stack.bareUrl, { [BENCH_CALLER_HEADER]: JSON.stringify(encadrant) }, caseload(100));
    const typeOf = rootFieldTypes(supergraph);
    const big = Math.min(1000, counts['department.beneficiary'] ?? 0);
    const idSql: Record<string, string> = {
      Beneficiary: 'SELECT id FROM department.beneficiary ORDER BY id LIMIT $1',
      Measure: 'SELECT id FROM department.measure ORDER BY id LIMIT $1',
      Lease: 'SELECT id FROM bailleur.lease ORDER BY id LIMIT $1',
      JudicialMeasure: 'SELECT id FROM mandataire.judicial_measure ORDER BY id LIMIT $1',
    };
    // asked directly at 100 items too: a direct call is not the gateway's (the department's root query is replayed as
    // `_entities`, persons and measures apart), so the flat check compares direct with direct; at 100 every partner
    // has rows of its own to check with the registry, as at all
    const recorded = [...stack.recorded];
    for (const size of [100, big]) {
      const counts: Record<string, number> = {};
      for (const call of recorded) {
        const e = asEntitiesQuery(call.query, typeOf);
        if (!e || !idSql[e.typename]) {
          if (size === big) result.checks.push(`statements: cannot replay ${call.subgraph}'s query at ${big} items`);
          continue;
        }
        const ids = (await floor.pool.query(idSql[e.typename], [size])).rows.map((r) => r.id as string);
        const representations = Array.from({ length: size }, (_, i) => ({
          __typename: e.typename,
          id: ids[i % ids.length],
        }));
        const per = await perSubgraph(async () => {
          const r = await callSubgraph(stack.urls[call.subgraph], SIGNER, call.subgraph, freshEncadrant(), e.query, {
            representations,
          });
          if (r.status !== 200 || r.body.errors)
            throw new Error(`statements ${call.subgraph}: ${JSON.stringify(r.body).slice(0, 300)}`);
        });
        // every subgraph's statements, as at 1/10/100: a partner's registry question costs the department a statement
        for (const [name, c] of Object.entries(per)) counts[name] = (counts[name] ?? 0) + c;
      }
      for (const [name, c] of Object.entries(counts)) (result.statements[name] ??= {})[`direct ${size}`] = c;
    }
    result.stmtSizes = ['1', '10', '100', 'direct 100', `direct ${big}`];
    // ── 3. load ──
    for (const key of ['leases', CASELOAD_PAGE]) {
      const j = js.find((x) => x.key === key)!;
      result.load.push(
        ...(await loadRounds(
          j.label,
          { query: j.query, variables: j.variables },
          targetsOf(stack, await stack.token(j.claims), j.claims),
        )),
      );
    }
  } finally {
    await floor.stop();
    await stack.stop();
  }
  result.peakRss = peakRss;
  return result;
}

// ─── report ──────────────────────────────────────────────────────────────────────────────────────────────────────────
function report(results: ScaleResult[]): void {
  const hasJs = results.some((r) => Object.values(r.latency).some((l) => l.js !== undefined));
  if (DEPLOYED) reportDeployed(results, { seconds: SECONDS, connections: CONNECTIONS, rounds: LOAD_ROUNDS }, out);
  if (IN_PROCESS) reportInProcess(results, hasJs);
  targets(results);
}

function reportInProcess(results: ScaleResult[], hasJs: boolean): void {
  out('\n# In one process: the gateways side by side, the floor, the gateways alone, statements per request\n');
  out(
    'The four subgraphs, the gateways compared and the load generator share this one Node thread here, which caps their throughput: the figures below are for the paired ratios and the statement counts; the table above is the deployed cost.',
  );
  out('\n# Results (median ms of sequential requests; ratios: median of paired samples taken in the same round)\n');
  out(
    `| scale | journey | items | sub-calls | hub | bare Hive | @apollo/gateway${hasJs ? ' | hub on JS planner' : ''} | subgraphs direct | SQL+hop | SQL | hub/bare | hub/apollo${hasJs ? ' | js/hub' : ''} | hub/direct | hub/(SQL+hop) |`,
  );
  out(`|---|---|---|---|---|---|---${hasJs ? '|---' : ''}|---|---|---|---|---${hasJs ? '|---' : ''}|---|---|`);
  for (const r of results) {
    for (const [label, l] of Object.entries(r.latency)) {
      out(
        `| ${r.scale}× | ${label} | ${l.items} | ${l.calls} | ${fmt(l.hub)} | ${fmt(l.bare)} | ${fmt(l.apollo)}${hasJs ? ` | ${fmt(l.js)}` : ''} | ${fmt(l.direct)} | ${fmt(l['floor+hop'])} | ${fmt(l.sql)} | ` +
          `${pr(l, 'hub', 'bare')} | ${pr(l, 'hub', 'apollo')}${hasJs ? ` | ${pr(l, 'js', 'hub')}` : ''} | ${pr(l, 'hub', 'direct')} | ${pr(l, 'hub', 'floor+hop')} |`,
      );
    }
  }
  const loadTable = (rows: (r: ScaleResult) => LoadRow[]) => {
    const withCpu = results.some((r) => rows(r).some((x) => x.cpu !== undefined));
    out(
      `| scale | list | gateway | req/s | p50 ms | p99 ms | errors | req/s vs hub |${withCpu ? ' CPU ms/page |' : ''}`,
    );
    out(`|---|---|---|---|---|---|---|---|${withCpu ? '---|' : ''}`);
    for (const r of results) {
      for (const x of rows(r)) {
        const hub = rows(r).find((y) => y.list === x.list && y.gateway === 'hub')!;
        out(
          `| ${r.scale}× | ${x.list} | ${x.gateway} | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p99} | ${x.errors} | ${ratio(x.rps, hub.rps)} |` +
            (withCpu ? ` ${x.cpu === undefined ? '—' : fmt(x.cpu)} |` : ''),
        );
      }
    }
  };
  out(
    "\n# Where the caseload page's time goes (median ms; each subgraph call of the plan asked alone, signed as the gateway signs it)\n",
  );
  out(
    "A federated answer waits at least for the gateway's own work, the department's call (the persons the partners are asked about come from it) and the slowest partner call after it; the floor is one statement.\n",
  );
  out(
    '| scale | hub | gateway alone | department | association | bailleur | mandataire | gateway alone + department + slowest partner | SQL floor + hop | 2 × (SQL floor + hop) |',
  );
  out('|---|---|---|---|---|---|---|---|---|---|');
  const pageLabel = journeys().find((j) => j.key === CASELOAD_PAGE)!.label;
  for (const r of results) {
    const l = r.latency[pageLabel];
    const alone = r.alone[pageLabel];
    if (!l || !alone) continue;
    const partners = ['association', 'bailleur', 'mandataire'].map((n) => l[`call ${n}`]).filter(Number.isFinite);
    const path = alone.hub + l['call department'] + Math.max(...partners);
    out(
      `| ${r.scale}× | ${fmt(l.hub)} | ${fmt(alone.hub)} | ${fmt(l['call department'])} | ${fmt(l['call association'])} | ${fmt(l['call bailleur'])} | ${fmt(l['call mandataire'])} | ${fmt(path)} | ${fmt(l['floor+hop'])} | ${fmt(2 * l['floor+hop'])} |`,
    );
  }
  out(
    `\n# Load (autocannon, ${CONNECTIONS} connections, ${SECONDS} s per gateway in ${LOAD_ROUNDS} interleaved rounds, loopback, same process; p50/p99: median of the rounds)\n`,
  );
  loadTable((r) => r.load);

  out(
    '\n# The gateways alone: the same journeys, each subgraph answer recorded once and replayed (no subgraph work; lib/replay.ts)\n',
  );
  const hasGb = results.some((r) => Object.values(r.alone).some((l) => l.grafbase !== undefined));
  const hasHp = results.some((r) => Object.values(r.alone).some((l) => l['hub-process'] !== undefined));
  for (const r of results) {
    const g = r.grafbase;
    if (!g) continue;
    out(
      g.skipped
        ? `${r.scale}×: Grafbase's anchor skipped — ${g.skipped}`
        : `${r.scale}×: Grafbase's anchor: ${g.version} (\`grafbase dev\`, Rust, its own process; peak RSS ${g.rss ? mb(g.rss) : 'n/a'}), over the same SDLs and the same replayed answers. It does not do what our gateway does: no token check, no armour, no policy filter (fields outside the caller's domains), no access rules (@requiresScopes taken out), no signing of subgraph requests (the recorder signed them once). Compare it with "hub-process", our gateway as deployed (dist/, NODE_ENV=production, its own process${r.hubProcessRss ? `; peak RSS ${mb(r.hubProcessRss)}` : ''}) over the same replay: CPU ms/page is each one's own process; hub, bare and apollo share this process with the load generator and the replay, so their req/s are not comparable with those two.`,
    );
  }
  out('');
  out(
    `| scale | journey | hub | bare Hive | @apollo/gateway${hasJs ? ' | hub on JS planner' : ''}${hasHp ? ' | hub-process' : ''}${hasGb ? ' | Grafbase (Rust)' : ''} | hub/bare | hub/apollo${hasJs ? ' | js/hub' : ''}${hasGb ? ' | hub/grafbase' : ''}${hasGb && hasHp ? ' | hub-process/grafbase' : ''} |`,
  );
  out(
    `|---|---|---|---|---${hasJs ? '|---' : ''}${hasHp ? '|---' : ''}${hasGb ? '|---' : ''}|---|---${hasJs ? '|---' : ''}${hasGb ? '|---' : ''}${hasGb && hasHp ? '|---' : ''}|`,
  );
  for (const r of results) {
    for (const [label, l] of Object.entries(r.alone)) {
      out(
        `| ${r.scale}× | ${label} | ${fmt(l.hub)} | ${fmt(l.bare)} | ${fmt(l.apollo)}${hasJs ? ` | ${fmt(l.js)}` : ''}${hasHp ? ` | ${fmt(l['hub-process'])}` : ''}${hasGb ? ` | ${fmt(l.grafbase)}` : ''} | ${pr(l, 'hub', 'bare')} | ${pr(l, 'hub', 'apollo')}${hasJs ? ` | ${pr(l, 'js', 'hub')}` : ''}${hasGb ? ` | ${pr(l, 'hub', 'grafbase')}` : ''}${hasGb && hasHp ? ` | ${pr(l, 'hub-process', 'grafbase')}` : ''} |`,
      );
    }
  }
  out('');
  loadTable((r) => r.aloneLoad);
  out(
    '\n# SQL statements per request, per subgraph (caseload of N persons through the gateway; "direct N": each subgraph asked directly what the gateway asks it, over N entities)\n',
  );
  for (const r of results) {
    out(`| ${r.scale}× subgraph | ${r.stmtSizes.map((n) => `N=${n}`).join(' | ')} |`);
    out(`|---|${r.stmtSizes.map(() => '---').join('|')}|`);
    for (const [name, per] of Object.entries(r.statements))
      out(`| ${name} | ${r.stmtSizes.map((n) => per[n] ?? '—').join(' | ')} |`);
    out(`\npeak RSS of the process at ${r.scale}×: ${mb(r.peakRss)}\n`);
  }
}

function targets(results: ScaleResult[]): void {
  out('\n# Targets\n');
  const lines: Array<[string, boolean, string]> = [];
  for (const r of results) {
    if (r.deployed) lines.push(...deployedTargets(r.scale, r.deployed));
    if (!IN_PROCESS) {
      for (const c of r.checks) lines.push([`${r.scale}×: ${c}`, false, 'check']);
      continue;
    }
    if (!Object.keys(r.latency).length) {
      lines.push([`${r.scale}×: journeys`, false, 'none ran']);
      continue;
    }
    const overheads = Object.entries(r.latency).map(([label, l]) => [label, l['hub/bare']] as const);
    const worst = overheads.reduce((a, b) => (b[1] > a[1] ? b : a));
    lines.push([
      `${r.scale}×: our gateway's overhead over the bare engine ≤ 15 % on every journey`,
      overheads.every(([, o]) => o <= 1.15),
      `worst ${((worst[1] - 1) * 100).toFixed(0)} % (${worst[0]})`,
    ]);
    const fasterThanApollo = (what: string, latency: Record<string, Record<string, number>>, load: LoadRow[]) => {
      const vsApollo = Object.entries(latency).map(([label, l]) => [label, l['hub/apollo']] as const);
      const loadVsApollo = load
        .filter((x) => x.gateway === 'apollo')
        .map((a) => [a.list, load.find((h) => h.list === a.list && h.gateway === 'hub')!.rps / a.rps] as const);
      if (!vsApollo.length) return;
      lines.push([
        `${r.scale}×: our full gateway faster than plain @apollo/gateway (${what})`,
        vsApollo.every(([, x]) => x < 1) && loadVsApollo.every(([, x]) => x > 1),
        `latency hub/apollo ${vsApollo.map(([, x]) => x.toFixed(2)).join(', ')}; throughput hub/apollo ${loadVsApollo.map(([, x]) => x.toFixed(2)).join(', ')}`,
      ]);
    };
    fasterThanApollo('the gateways alone, subgraph answers replayed', r.alone, r.aloneLoad);
    fasterThanApollo('end to end, with the subgraphs working in the same process', r.latency, r.load);
    // through the gateway: 10 and 100 alike, 1 no more; asked directly: 100 and all alike
    const flat = Object.entries(r.statements).every(
      ([, per]) =>
        per['10'] === per['100'] && (per['1'] ?? 0) <= per['10'] && per['direct 100'] === per[r.stmtSizes.at(-1)!],
    );
    lines.push([
      `${r.scale}×: statements flat from 1 to ${r.stmtSizes.at(-1)!.replace('direct ', '')}`,
      flat,
      Object.entries(r.statements)
        .map(([n, per]) => `${n} ${r.stmtSizes.map((s) => per[s]).join('/')}`)
        .join('; '),
    ]);
    const c50 = r.latency['3 caseload page (50 + alerts)'];
    if (r.scale >= 100 && c50)
      lines.push([
        `${r.scale}×: caseload page of 50 persons with alerts within 2× of the SQL floor + one HTTP hop`,
        c50['hub/floor+hop'] <= 2,
        `${pr(c50, 'hub', 'floor+hop')} (${fmt(c50.hub)} vs ${fmt(c50['floor+hop'])} ms)`,
      ]);
    const errors = r.load.reduce((a, x) => a + x.errors, 0);
    lines.push([`${r.scale}×: zero errors under load`, errors === 0, `${errors} errors / mismatches`]);
    for (const c of r.checks) lines.push([`${r.scale}×: ${c}`, false, 'check']);
  }
  for (const [what, ok, detail] of lines) out(`- ${ok ? 'PASS' : 'MISS'} ${what} — ${detail}`);
  out(
    `\npeak RSS of the process over the whole run: ${mb(process.resourceUsage().maxRSS * 1024)} (node ${process.version}, ${cpus().length} cores shared)`,
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  const supergraph = readFileSync(join(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  out(
    `masp-hub bench: scales ${SCALES.join(', ')}; ${ITER} samples per variant; load ${SECONDS} s × ${CONNECTIONS} connections; hub and bare on the Rust planner${withJsPlanner() ? ', the hub also on the JS planner' : ''}; registry answers remembered ${REGISTRY_CACHE} ms`,
  );
  if (DEPLOYED) {
    // the deployed services run from dist/, as `npm run start:*` and the image do
    const t0 = Date.now();
    const build = spawnSync(join(__dirname, '..', '..', 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
      cwd: join(__dirname, '..', '..'),
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error('npm run build failed: the deployed bench needs dist/');
    out(`built dist/ in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const results: ScaleResult[] = [];
  for (const scale of SCALES) results.push(await benchScale(scale, supergraph));
  report(results);
  out(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

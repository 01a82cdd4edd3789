/**
 * Processes for the deployed bench (`test/bench/deployed.ts`): each service started as its own node process, its CPU
 * read from /proc/<pid>/stat (utime + stime, in clock ticks) before and after each load window, its peak RSS from
 * /proc/<pid>/status (VmHWM); the load generator (autocannon) in a child process of its own.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');

/** Node 24 of the repository (devDependency `node`), as the npm scripts run the services; else the running node. */
export const NODE = existsSync(join(ROOT, 'node_modules', '.bin', 'node'))
  ? join(ROOT, 'node_modules', '.bin', 'node')
  : process.execPath;

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time a process has used so far (user + system), in ms; undefined once it is gone. */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state is field 3, utime field 14, stime field 15
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return undefined;
  }
}

/**
 * The machine's busy CPU so far, all cores (ms): user, nice, system, irq, softirq and steal of /proc/stat. Over a
 * window, beside the processes' own: what the kernel spends on loopback networking in softirq, and any other process.
 */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK;
}

/** Peak resident set size of a process (VmHWM), in bytes. */
export function peakRssBytes(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The parent pid of a process (from /proc/<pid>/stat, field 4). */
export function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const handedOut = new Set<number>();

/** Whether `port` can be listened on at 127.0.0.1 now (then released). */
const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

/**
 * A free loopback TCP port for a service started next, below the kernel's ephemeral range (32768 and up on Linux):
 * a port from that range, released until the service binds it, can meanwhile become the local port of any outgoing
 * connection on the machine (a full run lost its department subgraph to EADDRINUSE that way). Never the same twice.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000 on 127.0.0.1');
}

export interface Service {
  name: string;
  pid: number;
  child: ChildProcess;
  /** The last lines it wrote on stderr (its one-line start-up failure, if any). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `node <args>` with `env` (and nothing of this process's environment but PATH and HOME). */
export function startService(name: string, args: string[], env: Record<string, string>): Service {
  // BENCH_CPU_PROF=<dir>: each service writes a V8 CPU profile there when it stops (where its CPU per page goes)
  const prof = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, `--cpu-prof-name=${name}.cpuprofile`]
    : [];
  const child = spawn(NODE, ['--max-semi-space-size=32', ...prof, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    // stdout (pino's logs, as deployed) discarded; stderr kept for the start-up failure line
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let tail = '';
  child.stderr!.on('data', (c: Buffer) => {
    tail = (tail + c.toString('utf8')).slice(-2000);
  });
  return {
    name,
    pid: child.pid!,
    child,
    stderr: () => tail.trim(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Waits until `url` answers HTTP (any status), or the service exits, or `timeoutMs` passes. */
export async function waitForHttp(service: Service, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null)
      throw new Error(`${service.name} exited (${service.child.exitCode}): ${service.stderr().slice(-500)}`);
    try {
      await fetch(url, { method: 'GET', signal: AbortSignal.timeout(2000) });
      return;
    } catch {
      if (Date.now() > until) throw new Error(`${service.name} not answering at ${url}: ${service.stderr()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export interface LoadResult {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  errors: number;
  /** What the errors were (autocannon's counters): mismatches are answers that differ from the first one. */
  errorKinds?: { socket: number; timeouts: number; non2xx: number; mismatches: number };
  /** The load generator's own CPU (ms), for information: it is not counted in a page's cost. */
  loaderCpuMs: number;
}

// Runs in the load generator's process: autocannon's options on argv, its summary as JSON on stdout.
const LOADER = `
const autocannon = require('autocannon');
const opts = JSON.parse(process.argv[1]);
const u0 = process.cpuUsage(); // from here: its start-up (node, require) is not the load's
autocannon(opts).then((r) => {
  const u = process.cpuUsage(u0);
  process.stdout.write(JSON.stringify({ requests: r.requests.total, seconds: r.duration, p50: r.latency.p50,
    p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx + (r.mismatches || 0),
    errorKinds: { socket: r.errors, timeouts: r.timeouts, non2xx: r.non2xx, mismatches: r.mismatches || 0 },
    loaderCpuMs: (u.user + u.system) / 1000 }));
}, (e) => { console.error(String(e && e.message || e)); process.exit(1); });
`;

/** One load window by autocannon in its own process (so that it does not share a thread with anything measured). */
export async function loadInChild(opts: {
  url: string;
  headers: Record<string, string>;
  body: string;
  connections: number;
  /** For this long; or, with `amount`, until that many requests are answered (none left in flight at the end). */
  seconds: number;
  amount?: number;
  expectBody?: string;
}): Promise<LoadResult> {
  const options = {
    url: opts.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.body,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds }),
    ...(opts.expectBody !== undefined ? { expectBody: opts.expectBody } : {}),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, ['-e', LOADER, JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let outText = '';
    let errText = '';
    child.stdout!.on('data', (c: Buffer) => (outText += c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => (errText += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}: ${errText.slice(-500)}`));
      try {
        resolve(JSON.parse(outText) as LoadResult);
      } catch {
        reject(new Error(`load generator: unreadable summary ${outText.slice(0, 200)}`));
      }
    });
  });
}

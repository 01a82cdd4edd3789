/**
 * Grafbase's gateway (Rust) as an anchor in the "gateways alone" table (issue 21 §5): `grafbase dev` of the pinned
 * Grafbase CLI over the same subgraph SDLs (schema/<name>.graphql), pointed at the replayed subgraph answers
 * (lib/replay.ts). The CLI is installed on demand into .data/bench/grafbase (git-ignored), never as a dependency: CI
 * does not download it. BENCH_GRAFBASE=0 skips it; without the registry (offline) it is skipped with the reason.
 *
 * What it does not do, unlike our gateway: no authentication (the caller travels in the x-bench-caller header, as for
 * the bare baselines), no armour, no policy filter (schema/policy.md: fields outside the caller's domains), no access
 * rules (@requiresScopes is taken out of the SDLs it reads, as @apollo/gateway ignores it), no signing of subgraph
 * requests (the replay answers without checking, and signs what it records as the gateway would).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_CALLER_HEADER } from './gateways';
import { freePort, ROOT, Service } from './procs';

export const GRAFBASE_PACKAGE = '@grafbase/cli-x86_64-unknown-linux-musl';
export const GRAFBASE_VERSION = '0.103.0';
const CACHE = join(ROOT, '.data', 'bench', 'grafbase');
const BINARY = join(CACHE, 'node_modules', ...GRAFBASE_PACKAGE.split('/'), 'grafbase');

/** The CLI's path, installed on demand (npm, pinned version); or why there is none. */
export function grafbaseBinary(): { path: string } | { skipped: string } {
  if (process.env.BENCH_GRAFBASE === '0') return { skipped: 'BENCH_GRAFBASE=0' };
  if (process.platform !== 'linux' || process.arch !== 'x64') return { skipped: 'the pinned CLI is for linux x64' };
  const installed = () => {
    try {
      const pkg = JSON.parse(readFileSync(join(CACHE, 'node_modules', GRAFBASE_PACKAGE, 'package.json'), 'utf8'));
      return pkg.version === GRAFBASE_VERSION && existsSync(BINARY);
    } catch {
      return false;
    }
  };
  if (!installed()) {
    mkdirSync(CACHE, { recursive: true });
    const r = spawnSync(
      'npm',
      ['install', '--prefix', CACHE, '--no-save', '--no-audit', '--no-fund', `${GRAFBASE_PACKAGE}@${GRAFBASE_VERSION}`],
      { cwd: CACHE, encoding: 'utf8', timeout: 180_000 },
    );
    if (r.status !== 0 || !installed())
      return {
        skipped: `cannot install ${GRAFBASE_PACKAGE}@${GRAFBASE_VERSION} (${(r.stderr || r.error?.message || '').trim().split('\n').slice(-1)[0] ?? 'npm failed'})`,
      };
  }
  const v = spawnSync(BINARY, ['--version'], { encoding: 'utf8' });
  if (v.status !== 0)
    return { skipped: `the Grafbase CLI does not run here (${(v.stderr || '').trim().slice(0, 200)})` };
  return { path: BINARY };
}

/** `grafbase dev` over the subgraph SDLs, routing to `urls` (the replay), on a free loopback port. */
export async function startGrafbase(
  binary: string,
  urls: Record<string, string>,
): Promise<{ url: string; service: Service; version: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'masp-bench-grafbase-'));
  const lines: string[] = [
    '# the caller, forwarded to every subgraph (the replay signs what it records with it)',
    '[[headers]]',
    'rule = "forward"',
    `name = "${BENCH_CALLER_HEADER}"`,
    '',
  ];
  for (const [name, url] of Object.entries(urls)) {
    // the access rules are our gateway's work, not the anchor's (as @apollo/gateway, it would ignore or refuse them)
    const sdl = readFileSync(join(ROOT, 'schema', `${name}.graphql`), 'utf8')
      .replace(/\s*@requiresScopes\(scopes:\s*\[[^\]]*\](\s*\])?\)/g, '')
      .replace(/, "@requiresScopes"/, '');
    writeFileSync(join(dir, `${name}.graphql`), sdl);
    lines.push(`[subgraphs.${name}]`, `url = "${url}"`, `schema_path = "${join(dir, `${name}.graphql`)}"`, '');
  }
  writeFileSync(join(dir, 'grafbase.toml'), lines.join('\n'));
  const port = await freePort();
  const child = spawn(binary, ['dev', '-c', join(dir, 'grafbase.toml'), '-p', String(port)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, GRAFBASE_DISABLE_TELEMETRY: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (c: Buffer) => {
    tail = (tail + c.toString('utf8')).slice(-2000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const service: Service = {
    name: 'grafbase',
    pid: child.pid!,
    child,
    stderr: () => tail.trim(),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  const url = `http://127.0.0.1:${port}/graphql`;
  const until = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`grafbase dev exited (${child.exitCode}): ${tail.slice(-400)}`);
    try {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(2000),
      });
      if (r.status === 200) break;
    } catch {
      // not yet listening
    }
    if (Date.now() > until) {
      await service.stop();
      throw new Error(`grafbase dev not answering: ${tail.slice(-400)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { url, service, version };
}

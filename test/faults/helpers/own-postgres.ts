import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..');
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

/** The suite's own PostgreSQL (never the shared server), which a test may stop and start again. */
export interface OwnPostgres {
  /** Server URL (database `postgres`). */
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its data directory. */
  dispose(): Promise<void>;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const root = mkdtempSync(join(tmpdir(), 'masp-faults-pg-'));
  chmodSync(root, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data directory
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'pg-controller.ts'), join(root, 'pg'), String(port)],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const waiting: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  const send = (command: string) =>
    new Promise<string>((resolve, reject) => {
      waiting.push((line) =>
        line.startsWith('error') ? reject(new Error(`own PostgreSQL ${command}: ${line}`)) : resolve(line),
      );
      child.stdin!.write(`${command}\n`);
    });
  const started = await send('start');
  return {
    url: started.slice('started '.length),
    stop: async () => void (await send('stop')),
    start: async () => void (await send('start')),
    async dispose() {
      await send('stop').catch(() => undefined);
      child.stdin!.end();
      await new Promise((r) => child.once('exit', r));
      rmSync(root, { recursive: true, force: true });
    },
  };
}

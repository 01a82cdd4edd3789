import { InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { spawn } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { memoryPino } from '../helpers/memory-log';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { contextualLogger, requestChildLogger, withRequestLogger } from '../../subgraphs/kit/runtime/request-log';
import { setupTracing } from '../../subgraphs/kit/runtime/tracing';
import { signedRequestBody } from '../../schema/upstream-signature';
import { startTestHub, TestHub, writeHubJwks } from '../helpers/hub';
import { hubMetrics } from '../../subgraphs/kit/runtime/metrics';
import { serveGateway } from '../../gateway/serve';
import { sampleDocument } from '../../gateway/sample-queries';

// Spans go to memory: set up before the hub, so that every service of this process records into it.
const exporter = new InMemorySpanExporter();
setupTracing({ processors: [new SimpleSpanProcessor(exporter)] });

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub?.stop();
});

const delegueA = DEMO_CALLERS['DELEGUE (association A)'];
const landlord = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];

/** What Prometheus scrapes (served on the metrics port: see "served on its own port" below). */
const metricsText = (): Promise<string> => hubMetrics().registry.metrics();

/** The value of one sample line (0 when absent). */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('observability › metrics at /metrics', () => {
  it('counts a journey per operation and per subgraph, with its latency', async () => {
    const before = await metricsText();
    const { status, body } = await hub.query(await hub.token(delegueA), SAMPLE_QUERIES.associationFiles.query);
    expect(status).toBe(200);
    expect(body.data.myDelegatedFiles.length).toBeGreaterThan(0);
    const after = await metricsText();
    expect(
      sample(after, 'masp_gateway_requests_total', { operation: 'MyDelegatedFiles', status: '200' }) -
        sample(before, 'masp_gateway_requests_total', { operation: 'MyDelegatedFiles', status: '200' }),
    ).toBe(1);
    expect(
      sample(after, 'masp_gateway_request_duration_seconds_count', { operation: 'MyDelegatedFiles' }),
    ).toBeGreaterThanOrEqual(1);
    for (const subgraph of ['association', 'department', 'bailleur']) {
      expect(
        sample(after, 'masp_subgraph_requests_total', { subgraph, operation: 'MyDelegatedFiles', outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      expect(
        sample(after, 'masp_subgraph_request_duration_seconds_count', { subgraph, operation: 'MyDelegatedFiles' }),
      ).toBeGreaterThanOrEqual(1);
    }
    // Pool usage of each subgraph's PostgreSQL pool (same process here).
    expect(after).toMatch(/masp_db_pool_connections\{subgraph="department",state="total"\} [1-9]/);
    expect(after).toContain('masp_db_pool_connections{subgraph="bailleur",state="waiting"} 0');
  });

  it("counts a denial under its domain (a landlord asking for the tenant's first name: IDENTITY)", async () => {
    const before = sample(await metricsText(), 'masp_policy_denials_total', { domain: 'IDENTITY' });
    const { body } = await hub.query(
      await hub.token(landlord),
      'query LeaseNames { myLeases(first: 2) { id beneficiary { firstName } } }',
    );
    expect(body.errors.length).toBeGreaterThan(0);
    expect(body.errors[0].extensions).toEqual({ code: 'FORBIDDEN', domain: 'IDENTITY' });
    const after = sample(await metricsText(), 'masp_policy_denials_total', { domain: 'IDENTITY' });
    expect(after - before).toBe(1);
  });

  it('labels operations from the trusted documents only: an invented name adds no series (bounded labels)', async () => {
    const token = await hub.token(landlord);
    const before = await metricsText();
    // registered and unnamed (the README's example): "anonymous"
    await hub.query(token, sampleDocument('LandlordLeases'));
    // not registered (development lets it run): "unregistered", whatever the name it claims
    for (let i = 0; i < 30; i++) await hub.query(token, `query Invented${i} { myLeases(first: 1) { id } }`);
    const res = await hub.gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query A { myLeases(first: 1) { id } }', operationName: 'x"}\n evil' }),
    });
    await res.text();
    const text = await metricsText();
    const delta = (labels: Record<string, string>) =>
      sample(text, 'masp_gateway_requests_total', labels) - sample(before, 'masp_gateway_requests_total', labels);
    expect(delta({ operation: 'anonymous', status: '200' })).toBe(1);
    expect(delta({ operation: 'unregistered', status: '200' })).toBe(30);
    expect(text).not.toMatch(/Invented|LeaseNames|evil/);
  });
});

describe('observability › /metrics is served on its own port, not on the public one', () => {
  it('answers on METRICS_PORT and 404 on the GraphQL port', async () => {
    const served = await serveGateway(hub.gateway, { port: 0, host: '127.0.0.1', dispose: false });
    try {
      const pub = new URL(served.url);
      const onPublic = await fetch(`${pub.origin}/metrics`);
      expect(onPublic.status).toBe(404);
      await onPublic.text();
      expect(served.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(served.metricsUrl!).port).not.toBe(pub.port);
      const res = await fetch(served.metricsUrl!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(await res.text()).toContain('masp_gateway_requests_total');
      expect((await fetch(served.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
    } finally {
      await served.stop();
    }
  });
});

describe('observability › traces', () => {
  it('records one trace per request: the gateway span, a span per subgraph fetch and subgraph, and the SQL spans', async () => {
    exporter.reset();
    const res = await hub.gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await hub.token(delegueA)}`,
        'x-request-id': 'trace-test-1',
      },
      body: JSON.stringify({ query: SAMPLE_QUERIES.associationFiles.query }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-test-1');
    await res.json();
    await new Promise((r) => setTimeout(r, 50));
    const spans: ReadableSpan[] = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'gateway MyDelegatedFiles');
    expect(root).toBeDefined();
    const traceId = root!.spanContext().traceId;
    const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
    const names = inTrace.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'subgraph fetch association',
        'subgraph fetch department',
        'subgraph association',
        'subgraph department',
        'subgraph bailleur',
      ]),
    );
    // The subgraph span is the child of the gateway's fetch span: the traceparent crossed HTTP.
    const fetchSpan = inTrace.find((s) => s.name === 'subgraph fetch association')!;
    const serverSpan = inTrace.find((s) => s.name === 'subgraph association')!;
    expect(serverSpan.parentSpanId).toBe(fetchSpan.spanContext().spanId);
    expect(fetchSpan.parentSpanId).toBe(root!.spanContext().spanId);
    // SQL statements, children of a subgraph span, without parameters.
    const sql = inTrace.filter((s) => s.name.startsWith('sql '));
    expect(sql.length).toBeGreaterThanOrEqual(3);
    const subgraphSpanIds = new Set(
      inTrace.filter((s) => /^subgraph [a-z]+$/.test(s.name)).map((s) => s.spanContext().spanId),
    );
    expect(sql.filter((s) => !subgraphSpanIds.has(s.parentSpanId!))).toEqual([]);
    expect(
      sql.some(
        (s) =>
          s.attributes['db.namespace'] === 'association' && String(s.attributes['db.query.text']).startsWith('SELECT'),
      ),
    ).toBe(true);
    // No other trace: spans of this request all share the root's trace id.
    expect(new Set(spans.filter((s) => s.name.startsWith('subgraph')).map((s) => s.spanContext().traceId))).toEqual(
      new Set([traceId]),
    );
  });

  it("continues the caller's trace when it sends a W3C traceparent", async () => {
    exporter.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await hub.gateway.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await hub.token(landlord)}`,
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ query: 'query One { myLeases(first: 1) { id } }' }),
    });
    await res.json();
    await new Promise((r) => setTimeout(r, 50));
    const spans = exporter.getFinishedSpans();
    expect(spans.find((s) => s.name === 'gateway One')?.spanContext().traceId).toBe(traceId);
    expect(spans.find((s) => s.name === 'subgraph bailleur')?.spanContext().traceId).toBe(traceId);
  });
});

describe('observability › the registry call of a partner subgraph', () => {
  it("reaches the department with the request's trace and request id: one trace, one request id for the whole caseload", async () => {
    // What the department subgraph receives: the headers of each registry question (read off its HTTP server).
    const departmentPort = new URL(hub.subgraphs.department.url).port;
    const received: Array<Record<string, string | string[] | undefined>> = [];
    const onRequest = (message: unknown) => {
      const request = (message as { request: IncomingMessage }).request;
      if (String(request.socket.localPort) !== departmentPort) return;
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => {
        if (body.includes('RegistryReachablePersons')) received.push(request.headers);
      });
    };
    subscribe('http.server.request.start', onRequest);
    exporter.reset();
    try {
      // An agent the registry has not answered yet (its answers are remembered per caller): the partners must ask.
      const agent = {
        ...DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)'],
        sub: 'encadrant-registry-trace',
      };
      const res = await hub.gateway.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await hub.token(agent)}`,
          'x-request-id': 'registry-trace-1',
        },
        body: JSON.stringify({ query: SAMPLE_QUERIES.departmentCaseload.query }),
      });
      expect(res.status).toBe(200);
      expect((await res.json()).errors).toBeUndefined();
      await new Promise((r) => setTimeout(r, 50));
    } finally {
      unsubscribe('http.server.request.start', onRequest);
    }
    const spans = exporter.getFinishedSpans();
    const traceId = spans.find((s) => s.name === 'gateway Caseload')!.spanContext().traceId;
    expect(received.length).toBeGreaterThanOrEqual(1);
    for (const headers of received) {
      expect(headers['x-request-id']).toBe('registry-trace-1');
      expect(String(headers.traceparent)).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    }
    // The department's registry span sits in the caseload's trace, under the partner subgraph that asked.
    const registrySpans = spans.filter(
      (s) => s.name === 'subgraph department' && s.attributes['graphql.operation.name'] === 'RegistryReachablePersons',
    );
    expect(registrySpans.length).toBe(received.length);
    const partnerSpanIds = new Set(
      spans
        .filter((s) => /^subgraph (association|bailleur|mandataire)$/.test(s.name))
        .map((s) => s.spanContext().spanId),
    );
    for (const span of registrySpans) {
      expect(span.spanContext().traceId).toBe(traceId);
      expect(partnerSpanIds.has(span.parentSpanId!)).toBe(true);
    }
  });
});

describe('observability › spans are flushed on shutdown', () => {
  const ROOT = join(__dirname, '..', '..');
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });

  /** An OTLP/HTTP collector on a free port: the bodies it received (JSON, the exporter's default encoding). */
  async function collector() {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString();
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      bodies,
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  /**
   * Runs `entry` as its own process with OTLP export to a collector, serves one request through `ask`, sends SIGTERM
   * at once (well within the batch processor's 5 s delay) and returns what the collector received before the exit.
   */
  async function spansAfterSigterm(
    entry: string[],
    env: Record<string, string>,
    ask: (port: number) => Promise<void>,
  ): Promise<string> {
    const otlp = await collector();
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ...entry], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null || i > 200)
          throw new Error(`${entry.join(' ')} did not start (exit ${child.exitCode}): ${stderr}`);
        if (
          await fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        await sleep(100);
      }
      await ask(port);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      return otlp.bodies.join('\n');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await otlp.close();
    }
  }

  it('the gateway as its own process exports the spans of its last request before exiting', async () => {
    const token = await hub.token(landlord);
    const received = await spansAfterSigterm(
      ['gateway/index.ts'],
      {
        DEV_KEYS_DIR: (hub.config.tokenKeys as { dir: string }).dir,
        ...Object.fromEntries(
          Object.entries(hub.config.subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]),
        ),
      },
      async (port) => {
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: 'query LastBeforeSigterm { myLeases(first: 1) { id } }' }),
        });
        expect(((await res.json()) as { data: { myLeases: unknown[] } }).data.myLeases).toHaveLength(1);
      },
    );
    expect(received).toContain('"gateway LastBeforeSigterm"');
    expect(received).toContain('"subgraph fetch bailleur"');
  }, 90_000);

  it('a subgraph as its own process exports the spans of its last request before exiting', async () => {
    const metricsPort = await freePort();
    const received = await spansAfterSigterm(
      ['subgraphs/serve.ts', 'department'],
      {
        DATABASE_URL: process.env.TEST_DATABASE_URL!,
        GATEWAY_JWKS_FILE: writeHubJwks(hub),
        MIGRATE_ON_START: 'false',
        DB_POOL_SIZE: '2',
        METRICS_PORT: String(metricsPort),
      },
      async (port) => {
        // /metrics on METRICS_PORT, not on the subgraph's GraphQL port
        expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).not.toBe(200);
        const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
        expect(metrics.status).toBe(200);
        expect(await metrics.text()).toContain('masp_db_pool_connections');
        const body = signedRequestBody(
          hub.gatewayKeys.signer,
          'department',
          DEMO_CALLERS['ENCADRANT (département, territoire MDD-ORLEANS)'],
          { query: 'query LastBeforeSigterm { caseload(first: 1) { id } }', operationName: 'LastBeforeSigterm' },
        );
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(((await res.json()) as { data: { caseload: unknown[] } }).data.caseload).toHaveLength(1);
      },
    );
    expect(received).toContain('"subgraph department"');
    expect(received).toContain('"LastBeforeSigterm"');
    expect(received).toMatch(/"sql SELECT/);
  }, 90_000);
});

describe('observability › request ids in log lines', () => {
  it('writes the request id on every line logged while a request is served', () => {
    const { lines, log: base } = memoryPino();
    const log = contextualLogger(base);
    withRequestLogger(base, 'req-42', () => {
      log.warn('inside');
      log.child({ sub: 'x' }).info('child inside');
    });
    log.info('outside');
    expect(lines.map((l) => JSON.parse(l)).map((l) => [l.msg, l.requestId])).toEqual([
      ['inside', 'req-42'],
      ['child inside', 'req-42'],
      ['outside', undefined],
    ]);
  });

  it("keeps the request's id on a request logger first used after the request (a live subscription's event)", () => {
    const { lines, log: base } = memoryPino();
    const later = withRequestLogger(base, 'req-7', () => requestChildLogger(base, { sub: 'ref-1' }));
    requestChildLogger(base, { sub: 'none' })().info('no request');
    later().info('after the request');
    expect(lines.map((l) => JSON.parse(l)).map((l) => [l.msg, l.requestId, l.sub])).toEqual([
      ['no request', undefined, 'none'],
      ['after the request', 'req-7', 'ref-1'],
    ]);
  });
});

import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GRAPHQL_ENDPOINT } from './gateway';
import { metricsServingOf, serveMetrics } from './observability/metrics-server';

export interface ServedGateway {
  server: Server;
  /** http://host:port/graphql */
  url: string;
  /** http://host:metricsPort/metrics: Prometheus' metrics, on their own port (METRICS_PORT), never on the public one. */
  metricsUrl?: string;
  /** Requests being answered right now. */
  inFlight(): number;
  /**
   * Graceful stop: no new connection is accepted, every request already accepted is answered (up to `graceMs`),
   * keep-alive connections are told to close, then the runtime is disposed (unless `dispose: false`).
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Serves a gateway runtime over node:http, with a draining stop (gateway/index.ts and local-hub.ts), and its /metrics
 * on the metrics port its configuration names.
 */
export async function serveGateway(
  gateway: GatewayRuntime,
  opts: { port: number; host: string; /** Dispose the runtime after draining (default true). */ dispose?: boolean },
): Promise<ServedGateway> {
  let inFlight = 0;
  let stopping = false;
  const server = createServer((req, res) => {
    inFlight += 1;
    if (stopping) res.setHeader('connection', 'close');
    res.once('close', () => {
      inFlight -= 1;
    });
    void gateway(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(opts.port, opts.host, resolve));
  const serving = metricsServingOf(gateway);
  const metrics = serving
    ? await serveMetrics(serving).catch((err) => {
        server.close();
        throw err;
      })
    : undefined;
  const port = (server.address() as AddressInfo).port;
  const host = opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host;
  return {
    server,
    url: `http://${host}:${port}${GRAPHQL_ENDPOINT}`,
    metricsUrl: metrics?.url,
    inFlight: () => inFlight,
    async stop(graceMs = 10_000) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + graceMs;
      while (inFlight > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 10));
        server.closeIdleConnections();
      }
      server.closeAllConnections();
      await closed;
      await metrics?.stop();
      if (opts.dispose ?? true) await gateway.dispose();
    },
  };
}

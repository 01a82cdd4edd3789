import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HubMetrics } from '../../subgraphs/kit/runtime/metrics';

export const METRICS_PATH = '/metrics';

export interface MetricsServing {
  metrics: HubMetrics;
  port: number;
  host: string;
  /** Outside production, a busy port falls back to any free one (several local hubs, parallel tests). */
  production: boolean;
}

/** What each gateway runtime's metrics server should be (set by createHubGateway, read by serveGateway). */
const servings = new WeakMap<object, MetricsServing>();
export const setMetricsServing = (gateway: object, serving: MetricsServing): void => {
  servings.set(gateway, serving);
};
export const metricsServingOf = (gateway: object): MetricsServing | undefined => servings.get(gateway);

export interface ServedMetrics {
  server: Server;
  /** http://host:port/metrics */
  url: string;
  stop(): Promise<void>;
}

/**
 * Prometheus' /metrics on its own port (METRICS_PORT, METRICS_HOST), not on the public GraphQL one: the label sets,
 * the pools and the process figures are for the cluster's monitoring, not for callers. GET /metrics only.
 */
export async function serveMetrics(serving: MetricsServing): Promise<ServedMetrics> {
  const { metrics } = serving;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      const fail = (err: Error) => {
        server.off('listening', done);
        reject(err);
      };
      const done = () => {
        server.off('error', fail);
        resolve();
      };
      server.once('error', fail).once('listening', done).listen(port, serving.host);
    });
  await listen(serving.port).catch((err: NodeJS.ErrnoException) => {
    if (serving.production || err.code !== 'EADDRINUSE' || serving.port === 0) throw err;
    return listen(0);
  });
  const port = (server.address() as AddressInfo).port;
  const host = serving.host === '0.0.0.0' ? '127.0.0.1' : serving.host;
  return {
    server,
    url: `http://${host}:${port}${METRICS_PATH}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HubMetrics } from './metrics';

export const METRICS_PATH = '/metrics';

export interface MetricsServing {
  metrics: HubMetrics;
  /** METRICS_PORT (default 9464); 0: any free port. */
  port: number;
  /** METRICS_HOST (default 127.0.0.1, or 0.0.0.0 in production: the pod's address, for the cluster's Prometheus). */
  host: string;
  /** Outside production, a busy port falls back to any free one (several services on one machine, parallel tests). */
  production: boolean;
}

export interface ServedMetrics {
  server: Server;
  /** http://host:port/metrics */
  url: string;
  stop(): Promise<void>;
}

/**
 * Prometheus' /metrics on its own port, never on a GraphQL one (the gateway's is public): the label sets, the pools and
 * the process figures are for the cluster's monitoring, not for callers. GET /metrics only; 404 otherwise.
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

import { createServer, request as httpRequest, Server } from 'node:http';
import type { Socket } from 'node:net';
import { AddressInfo } from 'node:net';

/**
 * How the proxy treats the next requests:
 * - pass: forwards as is;
 * - delay: waits `ms` before forwarding (a slow subgraph);
 * - drop: reads the request, then destroys the connection without an answer (a crash mid-request);
 * - refuse: no listener on the port any more (connection refused, the subgraph is down);
 * - error: answers 502 with an HTML body (a load balancer in front of a dead subgraph);
 * - hold: keeps each request until `release()` (requests deterministically in flight, however loaded the machine).
 */
export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'refuse' }
  | { kind: 'error' }
  | { kind: 'hold' };

export interface FaultProxy {
  /** The URL to give the gateway in place of the subgraph's (same path). */
  url: string;
  setMode(mode: FaultMode): Promise<void>;
  /** Requests that reached the proxy, by mode. */
  seen: Record<string, number>;
  /** Requests held right now (mode `hold`). */
  held(): number;
  /** Forwards every held request (the mode stays as it is for the next ones). */
  release(): void;
  /** Resolves once `n` requests are held; rejects after `timeoutMs`. */
  waitHeld(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A small node:http proxy in front of one subgraph, which can delay, drop or refuse its requests. */
export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let mode: FaultMode = { kind: 'pass' };
  const seen: Record<string, number> = {};
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | undefined;
  let holding: Array<() => void> = [];

  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const current = mode;
    seen[current.kind] = (seen[current.kind] ?? 0) + 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (current.kind === 'drop' || current.kind === 'refuse') {
        req.socket.destroy();
        return;
      }
      if (current.kind === 'error') {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html><body>502 Bad Gateway</body></html>');
        return;
      }
      const forward = () => {
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: target.host },
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      };
      if (current.kind === 'hold') {
        holding.push(forward);
        res.on('close', () => {
          holding = holding.filter((f) => f !== forward);
        });
      } else if (current.kind === 'delay') {
        const timer = setTimeout(forward, current.ms);
        res.on('close', () => clearTimeout(timer));
      } else forward();
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(handler);
      server.keepAliveTimeout = 65_000;
      server.on('connection', (s) => {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      const s = server;
      server = undefined;
      s.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  await listen();
  const release = () => {
    const released = holding;
    holding = [];
    for (const forward of released) forward();
  };
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    seen,
    held: () => holding.length,
    release,
    async waitHeld(n, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (holding.length < n) {
        if (Date.now() > deadline)
          throw new Error(`the proxy holds ${holding.length} requests, not ${n}, after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    async setMode(next) {
      const wasDown = mode.kind === 'refuse';
      if (mode.kind === 'hold' && next.kind !== 'hold') release();
      mode = next;
      if (next.kind === 'refuse' && !wasDown) await unlisten();
      if (next.kind !== 'refuse' && wasDown) await listen();
    },
    close: unlisten,
  };
}

/**
 * Subgraph answers recorded, then replayed: one small HTTP server per subgraph, in front of the real one. While
 * recording it forwards each request and keeps the answer (keyed by subgraph, query and variables: the signature and
 * the caller's jti change on every call, the work asked does not); while replaying it answers from what it kept,
 * without reaching the subgraph. The gateways compared then differ in their own work only — the subgraphs' (same
 * process, same cores) no longer weighs on one gateway's sample more than another's.
 */
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Replay {
  /** The replaying servers' URLs, per subgraph name. */
  urls: Record<string, string>;
  /** false: forward and record; true: answer from the record only. */
  replaying: boolean;
  /** Requests that found nothing recorded while replaying (each one is answered 502). */
  misses: number;
  stop(): Promise<void>;
}

/**
 * `sign`, while recording: the body to forward for a request a gateway sent unsigned (Grafbase's anchor, which does
 * not sign), from the caller it forwarded in the x-bench-caller header; a signed body is forwarded as it is.
 */
export async function startReplay(
  upstream: Record<string, string>,
  opts: { sign?: (subgraph: string, raw: string, caller: string | undefined) => string } = {},
): Promise<Replay> {
  const kept = new Map<string, string>();
  const servers: Server[] = [];
  const replay: Replay = {
    urls: {},
    replaying: false,
    misses: 0,
    stop: async () => {
      for (const s of servers)
        await new Promise<void>((r) => {
          s.close(() => r());
          s.closeAllConnections();
        });
    },
  };
  for (const [name, url] of Object.entries(upstream)) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const { query, variables } = JSON.parse(raw) as { query?: string; variables?: unknown };
        const key = `${name}\n${query}\n${JSON.stringify(variables ?? {})}`;
        const answer = (status: number, text: string) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
          res.end(text);
        };
        if (replay.replaying) {
          const text = kept.get(key);
          if (text === undefined) {
            replay.misses++;
            answer(502, '{"errors":[{"message":"bench replay: nothing recorded for this request"}]}');
            return;
          }
          answer(200, text);
          return;
        }
        const caller = req.headers['x-bench-caller'];
        const body = opts.sign ? opts.sign(name, raw, Array.isArray(caller) ? caller[0] : caller) : raw;
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
          .then(async (r) => {
            const text = await r.text();
            if (r.status === 200) kept.set(key, text);
            answer(r.status, text);
          })
          .catch(() => answer(502, '{"errors":[{"message":"bench replay: subgraph unreachable"}]}'));
      });
    });
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    replay.urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return replay;
}

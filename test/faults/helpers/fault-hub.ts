import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { createHubGateway } from '../../../gateway/gateway';
import { plannerEnv, startTestHub, TestHub } from '../../helpers/hub';
import { FaultProxy, startFaultProxy } from './fault-proxy';

export interface GatewayAnswer {
  status: number;
  body: { data?: any; errors?: any };
  ms: number;
}

/** One POST to a gateway runtime (no port), with the time it took. */
export async function askGateway(
  gateway: GatewayRuntime,
  token: string | undefined,
  query: string,
  variables?: Record<string, unknown>,
): Promise<GatewayAnswer> {
  const started = Date.now();
  const res = await gateway.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: GatewayAnswer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { errors: [{ message: `non-JSON answer: ${text.slice(0, 200)}` }] };
  }
  return { status: res.status, body, ms: Date.now() - started };
}

export interface FaultHub {
  hub: TestHub;
  /** A second gateway, whose transport URL for `subgraph` goes through the proxy. */
  gateway: GatewayRuntime;
  proxy: FaultProxy;
  ask(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<GatewayAnswer>;
  stop(): Promise<void>;
}

/**
 * The test hub (four subgraphs on the run's database) plus a gateway that reaches `subgraph` through a fault proxy,
 * with its own upstream timeout (like local-hub.ts, which sets config.subgraphUrls to the subgraphs it started).
 */
export async function startFaultHub(subgraph: string, opts: { upstreamTimeoutMs: number }): Promise<FaultHub> {
  const hub = await startTestHub();
  const proxy = await startFaultProxy(hub.subgraphs[subgraph].url);
  const config = {
    ...hub.config,
    upstreamTimeoutMs: opts.upstreamTimeoutMs,
    subgraphUrls: { ...hub.config.subgraphUrls, [subgraph]: proxy.url },
  };
  const gateway = await createHubGateway(config);
  return {
    hub,
    gateway,
    proxy,
    ask: (token, query, variables) => askGateway(gateway, token, query, variables),
    async stop() {
      await gateway.dispose();
      await proxy.close();
      await hub.stop();
    },
  };
}

/**
 * A whole hub (four subgraphs + gateway, like startTestHub) on any database: used with the suite's own embedded
 * PostgreSQL, which the tests restart. `migrate`/`seed` as startLocalHub.
 */
export async function startHubOn(databaseUrl: string, opts: { migrate: boolean; seed: boolean }): Promise<TestHub> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { startLocalHub } = await import('../../../gateway/dev/local-hub');
  const { loadOrCreateDevKeys } = await import('../../../gateway/auth/dev-keys');
  const { mintDevToken } = await import('../../../gateway/auth/mint-token');
  const keysDir = mkdtempSync(join(tmpdir(), 'masp-keys-'));
  const hub = await startLocalHub({
    databaseUrl,
    env: { DEV_KEYS_DIR: keysDir, NODE_ENV: 'test', ...plannerEnv() },
    ephemeralPorts: true,
    ...opts,
  });
  const keys = await loadOrCreateDevKeys(keysDir);
  return Object.assign(hub, {
    token: (claims: Record<string, unknown>) => mintDevToken(keys, claims),
    async query(token: string | undefined, query: string, variables?: Record<string, unknown>) {
      const a = await askGateway(hub.gateway, token, query, variables);
      return { status: a.status, body: a.body };
    },
  }) as TestHub;
}

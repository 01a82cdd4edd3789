import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { DataSource } from 'typeorm';
import { defaultPortOf } from '../../schema/supergraph';
import { SUBGRAPHS } from '../../subgraphs';
import { openSubgraphDatabase } from '../../subgraphs/kit/server/open-database';
import { serviceLogger } from '../../subgraphs/kit/runtime/logger';
import { envRegistryCacheMs } from '../../subgraphs/kit/runtime/env';
import { buildDemoPlan, DemoPlan } from '../../subgraphs/kit/seed/demo-plan';
import {
  createSubgraphServer,
  SubgraphServer,
  SubgraphServerOptions,
} from '../../subgraphs/kit/server/subgraph-server';
import { GatewayConfig, readGatewayConfig } from '../env';
import { resolveGatewayKeys } from '../auth/gateway-keys';
import { createHubGateway } from '../gateway';
import { serveGateway } from '../serve';

export interface LocalSubgraph {
  server: SubgraphServer;
  dataSource: DataSource;
  url: string;
}

export interface LocalHub {
  gateway: GatewayRuntime;
  config: GatewayConfig;
  subgraphs: Record<string, LocalSubgraph>;
  plan: DemoPlan;
  /** Set when the gateway listens on a port. */
  gatewayUrl?: string;
  stop(): Promise<void>;
}

export interface LocalHubOptions {
  databaseUrl: string;
  /** Environment for the gateway's configuration (tokens, limits, GATEWAY_SIGNING_KEYS…). */
  env: Record<string, string | undefined>;
  /** Ports: the subgraphs' defaults (4001…) or any free port (0). */
  ephemeralPorts?: boolean;
  /** Listen with the gateway too (on config.port); tests use `gateway.fetch` without a port. */
  listen?: boolean;
  migrate?: boolean;
  seed?: boolean;
}

/**
 * The whole hub in one process: the four subgraphs (each on its own schema of one PostgreSQL database, migrated,
 * optionally seeded with the demo plan) and the gateway pointed at them. `npm start` and the tests use it.
 */
export async function startLocalHub(opts: LocalHubOptions): Promise<LocalHub> {
  const config = readGatewayConfig(opts.env);
  // The subgraphs get the gateway's public keys only, as a deployed subgraph reads them from GATEWAY_JWKS_URL.
  const gatewayKeys: SubgraphServerOptions['gatewayKeys'] = {
    kind: 'jwks',
    jwks: resolveGatewayKeys(config.signingKeys).jwks,
  };
  const plan = buildDemoPlan();
  const subgraphs: Record<string, LocalSubgraph> = {};
  const stops: Array<() => Promise<void>> = [];
  try {
    for (const def of SUBGRAPHS) {
      const log = serviceLogger(def.name);
      const dataSource = await openSubgraphDatabase(def.database, opts.databaseUrl, log, {
        migrate: opts.migrate ?? true,
        poolSize: 5,
      });
      stops.push(() => dataSource.destroy());
      if (opts.seed) await def.seed(dataSource, plan);
      // The partner subgraphs ask the department (started first) which persons a département agent reaches.
      const department = subgraphs.department?.url;
      const registry =
        (def as { usesRegistry?: boolean }).usesRegistry && department
          ? { url: department, cacheMs: envRegistryCacheMs(opts.env) }
          : undefined;
      const server = await createSubgraphServer(def as never, {
        dataSource,
        gatewayKeys,
        log,
        registry,
      });
      const url = await server.listen(opts.ephemeralPorts ? 0 : defaultPortOf(def.name));
      stops.push(() => server.stop());
      subgraphs[def.name] = { server, dataSource, url };
    }
    config.subgraphUrls = Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url]));
    const gateway = await createHubGateway(config);
    stops.push(async () => {
      await gateway.dispose();
    });
    let gatewayUrl: string | undefined;
    if (opts.listen) {
      const served = await serveGateway(gateway, { port: config.port, host: config.host, dispose: false });
      gatewayUrl = served.url;
      stops.push(() => served.stop()); // drains accepted requests before the subgraphs stop
    }
    return {
      gateway,
      config,
      subgraphs,
      plan,
      gatewayUrl,
      async stop() {
        // Reverse order: gateway first, then servers (draining), then pools.
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (err) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw err;
  }
}

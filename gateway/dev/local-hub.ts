import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { DataSource } from 'typeorm';
import { defaultPortOf } from '../../schema/supergraph';
import { SUBGRAPHS } from '../../subgraphs';
import { openSubgraphDatabase } from '../../subgraphs/kit/server/open-database';
import { bootstrapRoles, databaseOfUrl, localRoleUrls } from '../../subgraphs/kit/db/roles';
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
import type { PartnerName } from '../../schema/events';
import type { RunnableSubgraph } from '../../subgraphs/kit/server/run-subgraph';
import { devKeysDir, DevEventsKeys, loadOrCreateDevEventsKeys } from '../../subgraphs/kit/events/keys';
import { EventsWorker, startEventsWorker } from '../../subgraphs/kit/events/worker';
import { drainEvents, DrainOptions } from '../../subgraphs/kit/events/drain';
import { seedingWithoutEvents } from '../../subgraphs/kit/events/outbox';

export interface LocalSubgraph {
  server: SubgraphServer;
  dataSource: DataSource;
  url: string;
  /** Its events runner: delivers its outbox, runs its scheduled jobs (`runScheduled` for tests). */
  events: EventsWorker;
}

export interface LocalHub {
  gateway: GatewayRuntime;
  config: GatewayConfig;
  subgraphs: Record<string, LocalSubgraph>;
  plan: DemoPlan;
  /** Set when the gateway listens on a port. */
  gatewayUrl?: string;
  /** The partners' events keys (development keys folder): tests sign deliveries of their own with them. */
  eventsKeys: DevEventsKeys;
  /**
   * Waits until every subgraph has delivered its outbox (no pending `deliver_event` job); retries waiting for their
   * backoff are run at once. Throws after `timeoutMs` naming what is still pending.
   */
  drainEvents(opts?: DrainOptions): Promise<void>;
  /** Stops a subgraph's HTTP server (its database and events runner stay): a partner down. */
  stopSubgraph(name: string): Promise<void>;
  /** Serves a stopped subgraph again, on the same port (a partner back). */
  restartSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

export interface LocalHubOptions {
  /**
   * A superuser's connection to the database: with `migrate` it creates each subgraph's owner and application roles
   * (kit/db/roles.ts); migrations and seed run as the owner, each subgraph serves as its application role.
   */
  databaseUrl: string;
  /** Roles are `<rolePrefix>_<subgraph>_owner|app` (default: the database's name, so one per database). */
  rolePrefix?: string;
  /** Environment for the gateway's configuration (tokens, limits, GATEWAY_SIGNING_KEYS…). */
  env: Record<string, string | undefined>;
  /** Ports: the subgraphs' defaults (4001…) or any free port (0). */
  ephemeralPorts?: boolean;
  /** Connections of each subgraph's pool (default 5); the test hubs take fewer, several of them share one server. */
  poolSize?: number;
  /** Listen with the gateway too (on config.port); tests use `gateway.fetch` without a port. */
  listen?: boolean;
  migrate?: boolean;
  seed?: boolean;
  /** How often each events runner looks for retries due (ms); graphile-worker's 2 s unless set (tests: 100). */
  eventsPollIntervalMs?: number;
}

const runnable = (def: unknown) => def as RunnableSubgraph<unknown>;

/**
 * Each subgraph's roles (created with the superuser's `adminUrl` when `migrate`), its migrations and grants, and the
 * demo plan with `seed`, all run as its owner role. The test run's global setup and `startLocalHub` use it.
 */
export async function prepareLocalDatabase(
  adminUrl: string,
  opts: { migrate?: boolean; seed?: boolean; plan?: DemoPlan; rolePrefix?: string } = {},
): Promise<void> {
  const plan = opts.plan ?? buildDemoPlan();
  const migrate = opts.migrate ?? true;
  for (const def of SUBGRAPHS) {
    const log = serviceLogger(def.name);
    const roles = localRoleUrls(adminUrl, def.database.schema, opts.rolePrefix ?? databaseOfUrl(adminUrl));
    // The superuser only creates the roles; the owner migrates and seeds.
    if (migrate) await bootstrapRoles(adminUrl, def.database.schema, roles);
    const owner = await openSubgraphDatabase(def.database, roles.ownerUrl, log, {
      migrate,
      appRole: roles.app,
      poolSize: 2,
    });
    try {
      if (opts.seed) await seedingWithoutEvents(() => def.seed(owner, plan));
    } finally {
      await owner.destroy();
    }
  }
}

/**
 * The whole hub in one process: the four subgraphs (each on its own schema of one PostgreSQL database, migrated and
 * optionally seeded with the demo plan as its owner role, served as its application role) and the gateway pointed at
 * them. `npm start` and the tests use it.
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
  const prefix = opts.rolePrefix ?? databaseOfUrl(opts.databaseUrl);
  const migrate = opts.migrate ?? true;
  if (migrate || opts.seed)
    await prepareLocalDatabase(opts.databaseUrl, { migrate, seed: opts.seed, plan, rolePrefix: prefix });
  // Each partner's events key pair, generated in the development keys folder (one process, four partners).
  const eventsKeys = await loadOrCreateDevEventsKeys(devKeysDir(opts.env));
  const serverOptions: Record<string, Parameters<typeof createSubgraphServer>[1]> = {};
  try {
    for (const def of SUBGRAPHS) {
      const log = serviceLogger(def.name);
      const roles = localRoleUrls(opts.databaseUrl, def.database.schema, prefix);
      const dataSource = await openSubgraphDatabase(def.database, roles.appUrl, log, {
        migrate: false,
        poolSize: opts.poolSize ?? 5,
      });
      stops.push(() => dataSource.destroy());
      // The partner subgraphs ask the department (started first) which persons a département agent reaches.
      const department = subgraphs.department?.url;
      const registry =
        (def as { usesRegistry?: boolean }).usesRegistry && department
          ? { url: department, cacheMs: envRegistryCacheMs(opts.env) }
          : undefined;
      serverOptions[def.name] = {
        dataSource,
        gatewayKeys,
        log,
        registry,
        events: { partner: def.name as PartnerName, jwks: eventsKeys.jwks, consumes: runnable(def).consumes },
      };
      const server = await createSubgraphServer(def as never, serverOptions[def.name]);
      const url = await server.listen(opts.ephemeralPorts ? 0 : defaultPortOf(def.name));
      stops.push(() => subgraphs[def.name].server.stop());
      subgraphs[def.name] = { server, dataSource, url } as LocalSubgraph;
    }
    // The producers' runners, once every schema is migrated: graphile-worker stops a runner when a worker schema of the
    // same database is migrated (its NOTIFY channel is the database's, not the schema's). Each delivers to the partners
    // of this hub, at the ports they listen on.
    for (const def of SUBGRAPHS) {
      const events = await startEventsWorker({
        partner: def.name as PartnerName,
        schema: def.database.schema,
        connectionString: localRoleUrls(opts.databaseUrl, def.database.schema, prefix).appUrl,
        dataSource: subgraphs[def.name].dataSource,
        signingKey: eventsKeys.signingKeys[def.name as PartnerName],
        consumerUrl: (to) => subgraphs[to]?.url,
        schedule: runnable(def).schedule,
        log: serviceLogger(def.name),
        pollIntervalMs: opts.eventsPollIntervalMs,
      });
      stops.push(() => events.stop()); // before the servers stop (reverse order): deliveries in flight finish
      subgraphs[def.name].events = events;
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
      eventsKeys,
      drainEvents: (drain) =>
        drainEvents(
          Object.values(subgraphs).map((s) => s.dataSource),
          drain,
        ),
      async stopSubgraph(name) {
        await subgraphs[name].server.stop();
      },
      async restartSubgraph(name) {
        const def = SUBGRAPHS.find((d) => d.name === name)!;
        const server = await createSubgraphServer(def as never, serverOptions[name]);
        await server.listen(Number(new URL(subgraphs[name].url).port));
        subgraphs[name].server = server;
      },
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

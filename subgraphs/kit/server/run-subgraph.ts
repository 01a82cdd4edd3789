import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { defaultPortOf } from '../../../schema/supergraph';
import type { DemoPlan } from '../seed/demo-plan';
import type { EventHandlers, ScheduledJob } from '../events/consumer';
import { startAccessLogPurge } from '../access-log/audit';
import { databaseUrlFor, SubgraphDatabase } from '../db/data-source';
import { leastPrivilegeProblem, ownerDatabaseUrlFor, roleOfUrl, unreadableTables } from '../db/roles';
import { openSubgraphDatabase } from './open-database';
import {
  ConfigError,
  envDepartmentUrl,
  envInt,
  envOptional,
  envRegistryCacheMs,
  envString,
  envUrl,
} from '../runtime/env';
import { GatewayKeySource, JWKS_CACHE_MS_DEFAULT, JWKS_COOLDOWN_MS_DEFAULT } from '../access/gateway-keys';
import { openReplayStore } from '../access/replay-store';
import { checkUrlPassword, envMetrics, isProduction } from '../runtime/env';
import { hubMetrics } from '../runtime/metrics';
import { serveMetrics } from '../runtime/metrics-server';
import { isTransientDatabaseError } from '../db/failures';
import { serviceLogger } from '../runtime/logger';
import { onTerminationSignal } from '../runtime/shutdown';
import { shutdownTracing } from '../runtime/tracing';
import { createSubgraphServer, SubgraphDefinition } from './subgraph-server';
import type { PartnerName } from '../../../schema/events';
import { readEventsKeys } from '../events/keys';
import { partnerUrlsFromEnv } from '../events/delivery';
import { startEventsWorker } from '../events/worker';

/**
 * A subgraph as the runners know it: its definition, its database and its part of the demo seed (its port:
 * schema/supergraph.yaml).
 */
export interface RunnableSubgraph<L> extends SubgraphDefinition<L> {
  database: SubgraphDatabase;
  /** Asks the department's registry which persons a département agent reaches (the partner subgraphs). */
  usesRegistry?: boolean;
  seed(ds: DataSource, plan: DemoPlan): Promise<boolean>;
  /** The facts it learns from other partners (schema/events.ts), and how it applies each. */
  consumes?: EventHandlers;
  /** Its scheduled, idempotent jobs (status transitions at a term). */
  schedule?: ScheduledJob[];
}

/** A PostgreSQL connection string; the message never repeats it (it may hold a password). */
function checkDatabaseUrl(variable: string, url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(
      variable,
      'must be a URL like postgres://user:password@host:5432/database (the value is not repeated: it may hold a password)',
    );
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
    throw new ConfigError(variable, `must use postgres: or postgresql:, got "${parsed.protocol}"`);
  if (!parsed.hostname) throw new ConfigError(variable, 'must name a host');
  checkUrlPassword(variable, url); // production: no placeholder password (CHANGE-ME, masp)
}

/**
 * The gateway's public keys (GATEWAY_JWKS_URL, the gateway's /.well-known/jwks.json, or GATEWAY_JWKS_FILE). A subgraph
 * holds no key that could sign for the gateway: a leftover shared secret, or the gateway's private keys, stop it.
 */
export function readGatewayKeySource(env: Record<string, string | undefined> = process.env): GatewayKeySource {
  if (envOptional('UPSTREAM_SIGNING_SECRET', env))
    throw new ConfigError('UPSTREAM_SIGNING_SECRET', 'is no longer used: set GATEWAY_JWKS_URL (see .env.example)');
  if (envOptional('GATEWAY_SIGNING_KEYS', env))
    throw new ConfigError('GATEWAY_SIGNING_KEYS', "is the gateway's private key: a subgraph must not hold it");
  const url = envOptional('GATEWAY_JWKS_URL', env);
  const file = envOptional('GATEWAY_JWKS_FILE', env);
  if (url)
    return {
      kind: 'url',
      url: envUrl('GATEWAY_JWKS_URL', { env, protocols: ['https:', 'http:'] }),
      cacheMaxAgeMs: envInt('GATEWAY_JWKS_CACHE_MS', { env, default: JWKS_CACHE_MS_DEFAULT, min: 1000 }),
      cooldownMs: envInt('GATEWAY_JWKS_COOLDOWN_MS', { env, default: JWKS_COOLDOWN_MS_DEFAULT, min: 0 }),
    };
  if (file) {
    try {
      const jwks = JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown };
      if (!Array.isArray(jwks.keys) || !jwks.keys.length) throw new Error();
    } catch {
      throw new ConfigError('GATEWAY_JWKS_FILE', `must name a readable JWKS file ({"keys": [...]}), got "${file}"`);
    }
    return { kind: 'file', path: file };
  }
  throw new ConfigError('GATEWAY_JWKS_URL (or GATEWAY_JWKS_FILE)', 'is required but not set');
}

/**
 * Runs one subgraph as its own process (docker-compose, production): reads and checks its configuration,
 * migrates its schema (as its owner, `<SCHEMA>_DATABASE_OWNER_URL` or `DB_OWNER_URL`), serves as its application role
 * (`<SCHEMA>_DATABASE_URL` or `DATABASE_URL`; in production, refused if that role is a superuser or owns anything),
 * and drains on SIGTERM/SIGINT.
 */
export async function runSubgraph<L>(def: RunnableSubgraph<L>): Promise<void> {
  const log = serviceLogger(def.name);
  try {
    const url = databaseUrlFor(def.database.schema);
    const variable = process.env[`${def.database.schema.toUpperCase()}_DATABASE_URL`]
      ? `${def.database.schema.toUpperCase()}_DATABASE_URL`
      : 'DATABASE_URL';
    if (!url)
      throw new ConfigError(
        `DATABASE_URL (or ${def.database.schema.toUpperCase()}_DATABASE_URL)`,
        'is required but not set',
      );
    checkDatabaseUrl(variable, url);
    const port = envInt('PORT', { default: defaultPortOf(def.name), min: 1, max: 65535 });
    const host = envString('HOST', { default: '0.0.0.0' });
    const gatewayKeys = readGatewayKeySource();
    const replayStoreUrl = envOptional('REPLAY_STORE_URL')
      ? envUrl('REPLAY_STORE_URL', { protocols: ['redis:', 'rediss:'] })
      : undefined;
    const poolSize = envInt('DB_POOL_SIZE', { default: 10, min: 1, max: 200 });
    const migrate = envString('MIGRATE_ON_START', { default: 'true' }) === 'true';
    const production = process.env.NODE_ENV === 'production';
    // Migrations run as the schema owner (kit/db/roles.ts), never as the role that serves.
    const owner = ownerDatabaseUrlFor(def.database.schema);
    if (owner) checkDatabaseUrl(owner.variable, owner.url);
    if (migrate && !owner && production)
      throw new ConfigError(
        `DB_OWNER_URL (or ${def.database.schema.toUpperCase()}_DATABASE_OWNER_URL)`,
        'is required with MIGRATE_ON_START=true in production (migrations run as the schema owner); or set MIGRATE_ON_START=false and run `npm run db:migrate` before',
      );
    const registry = def.usesRegistry ? { url: envDepartmentUrl(), cacheMs: envRegistryCacheMs() } : undefined;

    // An unreachable or refusing server at start-up is a configuration problem: one line, no stack.
    const unusable = (variable: string, url: string) => (err: unknown) => {
      if (
        isTransientDatabaseError(err) ||
        /password authentication|does not exist|no pg_hba/i.test(String((err as Error)?.message))
      ) {
        const where = new URL(url);
        throw new ConfigError(
          variable,
          `does not lead to a usable database: cannot connect to ${where.hostname}:${where.port || 5432}${where.pathname} (${(err as { code?: string }).code ?? (err as Error).message})`,
        );
      }
      throw err;
    };
    if (migrate && owner) {
      // As the owner, then granting the serving role (the user of the subgraph's DATABASE_URL) its privileges.
      const ownerDs = await openSubgraphDatabase(def.database, owner.url, log, {
        migrate: true,
        poolSize: 2,
        appRole: roleOfUrl(url) !== roleOfUrl(owner.url) ? roleOfUrl(url) : undefined,
      }).catch(unusable(owner.variable, owner.url));
      await ownerDs.destroy();
    }
    const dataSource = await openSubgraphDatabase(def.database, url, log, {
      migrate: migrate && !owner, // development with one URL: migrates as whoever it is
      poolSize,
    }).catch(unusable(variable, url));
    const unreadable = await unreadableTables(dataSource, def.database.schema);
    if (unreadable.length) {
      await dataSource.destroy();
      throw new ConfigError(
        variable,
        `connects as a role that cannot read ${unreadable.length} of its tables (${unreadable[0]}…): run the migrations with the owner's URL, which grants them`,
      );
    }
    if (production) {
      // Least privilege (README › Running in production): the access log holds only against a role that owns nothing.
      const problem = await leastPrivilegeProblem(dataSource, def.database.schema);
      if (problem) {
        await dataSource.destroy();
        throw new ConfigError(
          variable,
          `${problem}: in production a subgraph connects as its application role, which owns nothing (README › Running in production)`,
        );
      }
    }
    // Its events key pair and the partners' public keys (EVENTS_SIGNING_KEY, PARTNER_EVENTS_JWKS), and where they are.
    const partner = def.name as PartnerName;
    const eventsKeys = await readEventsKeys(partner);
    const partnerUrls = partnerUrlsFromEnv();
    // Shared by the replicas: Redis when REPLAY_STORE_URL is set, else the subgraph's own schema (server default).
    const replays = replayStoreUrl
      ? await openReplayStore({
          url: replayStoreUrl,
          dataSource,
          schema: def.database.schema,
          name: def.name,
          log,
        }).catch((err) => {
          throw new ConfigError('REPLAY_STORE_URL', `does not lead to a usable Redis (${(err as Error).message})`);
        })
      : undefined;
    const server = await createSubgraphServer(def, {
      dataSource,
      gatewayKeys,
      log,
      registry,
      replays,
      events: { partner, jwks: eventsKeys.jwks, consumes: def.consumes },
    });
    // The outbox's delivery and the scheduled jobs (graphile-worker), in this process.
    const events = await startEventsWorker({
      partner,
      schema: def.database.schema,
      connectionString: url,
      dataSource,
      signingKey: eventsKeys.signingKey,
      consumerUrl: (to) => partnerUrls[to],
      schedule: def.schedule,
      log,
      pollIntervalMs: envInt('EVENTS_POLL_INTERVAL_MS', { default: 2000, min: 50, max: 60_000 }),
    });
    // the retention job (schema/policy.md › Audit)
    const stopPurge = startAccessLogPurge(dataSource, def.database.schema, log);
    const endpoint = await server.listen(port, host);
    // /metrics on its own port (METRICS_PORT), not on the GraphQL one
    const metricsServer = await serveMetrics({
      metrics: hubMetrics(),
      ...envMetrics(process.env, { servicePort: port }),
      production: isProduction(),
    });
    log.info({ endpoint, metrics: metricsServer.url }, `${def.name} subgraph ready`);

    const shutdown = async (signal: string) => {
      log.info({ signal }, 'shutting down: draining in-flight requests');
      stopPurge();
      await events.stop(); // the deliveries in flight finish; the rest wait in the outbox
      await server.stop();
      await metricsServer.stop();
      await replays?.close();
      await dataSource.destroy();
      await shutdownTracing(); // the last requests' spans, before exit drops them
      process.exit(0);
    };
    onTerminationSignal(shutdown);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
    } else {
      log.fatal({ err }, `${def.name} subgraph failed to start`);
      // one line, even with logs off
      console.error(`${def.name} subgraph failed to start: ${(err as Error)?.message ?? err}`);
    }
    process.exit(1);
  }
}

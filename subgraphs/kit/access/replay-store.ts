import Redis from 'ioredis';
import { Pool } from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { requestStats } from '../db/data-source';
import type { Logger } from '../runtime/logger';

/**
 * Remembers the jti of each signed request until it expires, so that a captured request cannot be replayed — on
 * this replica or any other replica of the same subgraph: the store is shared (the subgraph's PostgreSQL schema by
 * default, Redis when REPLAY_STORE_URL is set). In memory only for a single process that has neither (unit tests).
 */
export interface ReplayStore {
  /** false when this jti was already used (a replay). `exp` is the request's expiry, in seconds since the epoch. */
  claim(jti: string, exp: number): Promise<boolean>;
  close(): Promise<void>;
  /**
   * The table of a store in the subgraph's own PostgreSQL schema: a query's claim may then be deferred to the end of
   * its request and made in the same statement as its access-log rows (kit/access-log/audit.ts `claimAndLog`).
   */
  readonly deferrableTable?: string;
}

/**
 * A query's claim, deferred to the end of its request (issue 21 §3: one statement for the claim and the access log):
 * nothing of the answer leaves the subgraph before the claim is made, and a replay gets the same refusal as before.
 */
export interface DeferredClaim {
  jti: string;
  exp: number;
  /** The store's table (`"<schema>".request_replay`). */
  table: string;
}

/** One process only. */
export class MemoryReplayStore implements ReplayStore {
  private readonly seen = new Map<string, number>();
  constructor(private readonly maxEntries = 200_000) {}

  async claim(jti: string, exp: number): Promise<boolean> {
    const now = Math.floor(Date.now() / 1000);
    if (this.seen.size >= this.maxEntries) for (const [k, e] of this.seen) if (e < now) this.seen.delete(k);
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, exp);
    return true;
  }

  async close(): Promise<void> {}
}

/** How often the PostgreSQL store deletes the jtis of expired requests. */
const PURGE_EVERY_MS = 60_000;
/** The store's connections, each running one batch of claims at a time. */
const REPLAY_POOL_SIZE = 2;
/** The most jtis one statement claims. */
const MAX_BATCH = 500;

interface PendingClaim {
  jti: string;
  exp: number;
  resolve(claimed: boolean): void;
  reject(err: unknown): void;
}

/**
 * The subgraph's own schema, table `request_replay` (replayMigration): `INSERT … ON CONFLICT DO NOTHING`, the primary
 * key deciding between two replicas racing on the same jti; expired rows purged every minute. On a pool of its own
 * (2 connections, same database): a claim must not queue behind the request's own statements when the subgraph's pool
 * is busy. The claims that arrive while both connections are busy go together in the next statement: one claim per
 * statement queued a burst of requests (100 at once) one round trip after another, each waiting for a busy event loop,
 * until the last waited out the pool's 5 s and its request was refused SERVICE_UNAVAILABLE. Each request counts one
 * statement for its claim.
 */
export class PostgresReplayStore implements ReplayStore {
  private readonly table: string;
  readonly deferrableTable: string;
  private readonly timer: NodeJS.Timeout;
  private readonly pool?: Pool;
  private readonly waiting: PendingClaim[] = [];
  private running = 0;

  constructor(
    private readonly dataSource: DataSource,
    schema: string,
    log?: Logger,
  ) {
    this.table = `"${schema}".request_replay`;
    this.deferrableTable = this.table;
    const url = (dataSource.options as { url?: string }).url;
    if (url) {
      this.pool = new Pool({
        connectionString: url,
        max: REPLAY_POOL_SIZE,
        connectionTimeoutMillis: 5000,
        application_name: `masp-hub-${schema}-replay`,
      });
      this.pool.on('error', (err) => log?.warn({ err }, 'replay store connection lost'));
    }
    this.timer = setInterval(() => {
      this.purge().catch((err) => log?.warn({ err }, 'replay store purge failed'));
    }, PURGE_EVERY_MS);
    this.timer.unref();
  }

  async claim(jti: string, exp: number): Promise<boolean> {
    const sql = `INSERT INTO ${this.table} (jti, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT DO NOTHING RETURNING 1`;
    if (!this.pool) return ((await this.dataSource.query(sql, [jti, exp])) as unknown[]).length === 1;
    const stats = requestStats.getStore();
    if (stats) stats.statements += 1;
    return new Promise<boolean>((resolve, reject) => {
      this.waiting.push({ jti, exp, resolve, reject });
      this.pump();
    });
  }

  /** Starts a batch on each free connection: everything waiting, up to MAX_BATCH claims. */
  private pump(): void {
    while (this.running < REPLAY_POOL_SIZE && this.waiting.length) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.running += 1;
      void this.claimBatch(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  /** One statement for the batch; within it, a jti twice is a replay too (the first one claims it). */
  private async claimBatch(batch: PendingClaim[]): Promise<void> {
    try {
      const { rows } = await this.pool!.query<{ jti: string }>(
        `INSERT INTO ${this.table} (jti, expires_at) SELECT c.jti, to_timestamp(c.exp) FROM unnest($1::text[], $2::float8[]) AS c(jti, exp) ON CONFLICT DO NOTHING RETURNING jti`,
        [batch.map((c) => c.jti), batch.map((c) => c.exp)],
      );
      const claimed = new Set(rows.map((r) => r.jti));
      for (const c of batch) {
        c.resolve(claimed.has(c.jti));
        claimed.delete(c.jti);
      }
    } catch (err) {
      for (const c of batch) c.reject(err);
    }
  }

  /** Deletes the jtis of expired requests (a replay of one is refused as expired anyway). */
  async purge(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM ${this.table} WHERE expires_at < now() - interval '5 seconds'`,
    )) as [unknown, number];
    return count;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.pool?.end();
  }
}

/** Redis (REPLAY_STORE_URL=redis://…): `SET key 1 EX ttl NX`, the key expiring with the request. */
export class RedisReplayStore implements ReplayStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Fail fast rather than queue: a request waits at most for one connection attempt, then is refused (fail closed).
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
  }

  async connect(): Promise<void> {
    await this.redis.connect();
  }

  async claim(jti: string, exp: number): Promise<boolean> {
    const ttl = Math.max(1, exp - Math.floor(Date.now() / 1000) + 5);
    return (await this.redis.set(`${this.prefix}${jti}`, '1', 'EX', ttl, 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/**
 * The replay store a subgraph uses: Redis when `url` is set (its keys prefixed by the subgraph's name), else the
 * table in its own PostgreSQL schema.
 */
export async function openReplayStore(opts: {
  url?: string;
  dataSource: DataSource;
  schema: string;
  name: string;
  log?: Logger;
}): Promise<ReplayStore> {
  if (!opts.url) return new PostgresReplayStore(opts.dataSource, opts.schema, opts.log);
  const store = new RedisReplayStore(opts.url, `masp:jti:${opts.name}:`);
  await store.connect();
  return store;
}

/** The kit's migration of every subgraph's schema: the replay table (listed in each partner's migrations/index.ts). */
export function replayMigration(schema: string) {
  const s = `"${schema}"`;
  return class RequestReplay1765100000000 implements MigrationInterface {
    name = 'RequestReplay1765100000000';
    async up(q: QueryRunner): Promise<void> {
      // Logged (not UNLOGGED): a standby promoted after a failover must still know the jtis of the last minute.
      await q.query(`
        CREATE TABLE ${s}.request_replay (
          jti text PRIMARY KEY,
          expires_at timestamptz NOT NULL
        )`);
      await q.query(`CREATE INDEX request_replay_expires_idx ON ${s}.request_replay (expires_at)`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.request_replay`);
    }
  };
}

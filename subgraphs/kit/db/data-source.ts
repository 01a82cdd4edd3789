import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, Logger as TypeOrmLogger, MixedList } from 'typeorm';
import { envOptional } from '../runtime/env';
import type { Logger } from '../runtime/logger';
import { contextualLogger } from '../runtime/request-log';
import { tracedPgClient } from './sql-tracing';

/** What a subgraph owns in PostgreSQL: one schema (named after the subgraph), its entities and migrations. */
export interface SubgraphDatabase {
  /** PostgreSQL schema name; also the subgraph's name. */
  schema: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

/** Per-request statistics, carried through async calls so that every SQL statement of a request is counted. */
export interface RequestStats {
  statements: number;
}
export const requestStats = new AsyncLocalStorage<RequestStats>();

/**
 * A statement as a log line may show it: its shape, with every literal (string, number, dollar-quoted body) replaced
 * by `?`: typeorm's statements bind their values as parameters, but a raw statement may carry them inline.
 */
export function statementShape(query: string): string {
  return query
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/(?<![$\w])\d+(?:\.\d+)?\b/g, '?')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * Counts statements per request (the N+1 test reads them) and logs slow or failed SQL by its shape only: never its
 * parameters (a person's name, birth date, address…) nor a literal; the error through the logger's scrubbing
 * (kit/runtime/logger.ts: SQLSTATE, constraint, table, no `detail`).
 */
class StatementLogger implements TypeOrmLogger {
  constructor(private readonly out: Logger) {}
  logQuery(): void {
    const stats = requestStats.getStore();
    if (stats) stats.statements += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.out.warn(
      { err: error instanceof Error ? error : new Error(String(error)), statement: statementShape(query) },
      'sql error',
    );
  }
  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, statement: statementShape(query) }, 'slow sql');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.out.info({ migration: message }, 'migration');
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn({ message }, 'typeorm');
  }
}

/**
 * The connection string of a subgraph: `<SCHEMA>_DATABASE_URL` if set (one server per partner), else `DATABASE_URL`.
 */
export function databaseUrlFor(
  schema: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  return envOptional(`${schema.toUpperCase()}_DATABASE_URL`, env) ?? envOptional('DATABASE_URL', env);
}

export function createSubgraphDataSource(db: SubgraphDatabase, url: string, log: Logger, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false, // migrations only
    uuidExtension: 'pgcrypto', // gen_random_uuid is built into PostgreSQL ≥ 13
    installExtensions: false, // nothing to install (see above); the application role may not CREATE EXTENSION
    logger: new StatementLogger(contextualLogger(log)),
    maxQueryExecutionTime: 500,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      application_name: `masp-hub-${db.schema}`,
      Client: tracedPgClient(db.schema),
    },
  });
}

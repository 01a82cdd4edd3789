import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Domain } from '../../../schema/policy';
import type { SubgraphContext } from '../server/context.type';
import { envInt } from '../runtime/env';
import { failureAnswer } from '../db/failures';
import type { Logger } from '../runtime/logger';
import type { DeferredClaim } from '../access/replay-store';
import { replayedRefusal } from '../access/caller';
import { readRows } from '../db/loaders';

/**
 * The access log of schema/policy.md › Audit: every read of a classified field of a person, and every write, is
 * recorded
 * by the subgraph that served it, in its own schema (`<schema>.access_log`): when, who (sub, org, role), which
 * person, which domains, which operation. Append-only (see the migration).
 */
export type AccessAction = 'READ' | 'WRITE';

export interface AccessLogEntry {
  beneficiaryId: string;
  domains: readonly Domain[];
  action: AccessAction;
  /** What was done, for writes (e.g. "signContract"); the operation name for reads. */
  detail?: string;
}

/** Default retention of the log (schema/policy.md › Audit: one year), overridable with ACCESS_LOG_RETENTION_DAYS. */
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 365;

/**
 * Appends entries in ONE statement whatever their number (a request's reads are batched, not written field by
 * field): the caller's columns are parameters, the per-person columns are arrays unnested by PostgreSQL, so the
 * statement has a fixed number of parameters.
 */
export async function appendAccessLog(
  manager: EntityManager,
  schema: string,
  ctx: SubgraphContext,
  entries: readonly AccessLogEntry[],
): Promise<void> {
  if (!entries.length) return;
  await manager.query(
    `${LOG_INSERT(schema)} FROM unnest($6::uuid[], $7::text[], $8::text[], $9::text[]) AS e(${LOG_COLUMNS})`,
    [...logParameters(ctx, entries)],
  );
}

const LOG_COLUMNS = 'beneficiary_id, domains, action, detail';
const LOG_INSERT = (schema: string) =>
  `INSERT INTO "${schema}".access_log (sub, org_id, org_kind, roles, beneficiary_id, domains, action, detail, request_id)
     SELECT $1, $2, $3, $4, e.beneficiary_id, string_to_array(e.domains, ','), e.action, e.detail, $5`;

/** $1…$5 the caller's columns, $6…$9 the per-person arrays. */
function logParameters(ctx: SubgraphContext, entries: readonly AccessLogEntry[]): unknown[] {
  return [
    ctx.caller.sub,
    ctx.caller.orgId,
    ctx.caller.orgKind,
    ctx.caller.roles.join(','),
    ctx.requestId ?? null,
    entries.map((e) => e.beneficiaryId),
    entries.map((e) => [...new Set(e.domains)].sort().join(',')),
    entries.map((e) => e.action),
    entries.map((e) => e.detail ?? ctx.operationName ?? null),
  ];
}

/**
 * A query's replay claim and its access-log rows in ONE statement (issue 21 §3), made once the query has executed
 * and before its answer leaves: the jti is inserted (`ON CONFLICT DO NOTHING`, the primary key deciding between
 * replicas racing on it) and the rows are inserted only if the claim was made. false when the jti was already claimed
 * (a replay: nothing recorded, nothing served). Should either insert fail, neither is kept and the caller withholds
 * the answer.
 */
export async function claimAndLog(
  ds: DataSource,
  schema: string,
  ctx: SubgraphContext,
  claim: DeferredClaim,
  entries: readonly AccessLogEntry[],
): Promise<boolean> {
  // on the pool, as a statement prepared once per connection (kit/db/loaders.ts `readRows`): one per request
  const rows = await readRows<{ claimed: boolean }>(
    ds,
    `WITH claim AS (
       INSERT INTO ${claim.table} (jti, expires_at) VALUES ($10, to_timestamp($11)) ON CONFLICT DO NOTHING RETURNING 1
     ), logged AS (
       ${LOG_INSERT(schema)}
       FROM unnest($6::uuid[], $7::text[], $8::text[], $9::text[]) AS e(${LOG_COLUMNS})
       WHERE EXISTS (SELECT 1 FROM claim)
       RETURNING 1
     )
     SELECT EXISTS (SELECT 1 FROM claim) AS claimed, (SELECT count(*) FROM logged) AS logged`,
    [...logParameters(ctx, entries), claim.jti, claim.exp],
  );
  return rows[0]?.claimed === true;
}

/**
 * Records a write (contract signed, payment confirmed, judgment recorded…) with its author, inside the write's own
 * transaction: the write and its record commit together or not at all.
 */
export function recordWrite(
  manager: EntityManager,
  schema: string,
  ctx: SubgraphContext,
  beneficiaryId: string,
  detail: string,
  domains: readonly Domain[],
): Promise<void> {
  return appendAccessLog(manager, schema, ctx, [{ beneficiaryId, domains, action: 'WRITE', detail }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Reads: collected per request by the audit middleware (audit-reads.ts), written once at the end of the request.

const pendingReads = new WeakMap<object, Map<string, Set<Domain>>>();

/** Notes that this request served a classified field of this person (in memory; written by `accessLogPlugin`). */
export function noteRead(ctx: object, beneficiaryId: string, domain: Domain): void {
  let byPerson = pendingReads.get(ctx);
  if (!byPerson) pendingReads.set(ctx, (byPerson = new Map()));
  const key = beneficiaryId.toLowerCase();
  const domains = byPerson.get(key);
  if (domains) domains.add(domain);
  else byPerson.set(key, new Set([domain]));
}

/** The reads this request noted, one entry per person, and forgets them. */
export function takeReads(ctx: object): AccessLogEntry[] {
  const byPerson = pendingReads.get(ctx);
  pendingReads.delete(ctx);
  if (!byPerson) return [];
  return [...byPerson].map(([beneficiaryId, domains]) => ({
    beneficiaryId,
    domains: [...domains],
    action: 'READ' as const,
  }));
}

/**
 * Apollo Server plugin of every subgraph: once the operation has executed, writes the reads it noted in one
 * INSERT — for a query, in the same statement as its replay claim (`claimAndLog`): a replayed query is then refused
 * here, 401 UNAUTHENTICATED `replayed` as when claimed first, with no data. Fail closed: if the log cannot be written,
 * the answer is replaced by an error (nothing is served that was not recorded): SERVICE_UNAVAILABLE (retryable) when
 * the database was lost, "Unexpected error." otherwise. Counted in the request's statements
 * (test/e2e/statement-count.test.ts).
 */
export function accessLogPlugin(
  dataSource: DataSource,
  schema: string,
  log: Logger,
): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const entries = takeReads(contextValue);
          const claim = contextValue.replayClaim;
          if (!entries.length && !claim) return;
          try {
            if (!claim) {
              await appendAccessLog(dataSource.manager, schema, contextValue, entries);
              return;
            }
            if (await claimAndLog(dataSource, schema, contextValue, claim, entries)) return;
            const refusal = replayedRefusal();
            log.warn({ reason: 'replayed' }, 'unsigned or invalid subgraph request refused');
            if (response.http) response.http.status = 401;
            if (response.body.kind === 'single')
              response.body.singleResult = {
                errors: [{ message: refusal.message, extensions: { code: 'UNAUTHENTICATED', reason: 'replayed' } }],
              };
          } catch (err) {
            // Answered as the error formatter answers any failure: the database lost between the read and its record
            // (a restart) is the same retryable SERVICE_UNAVAILABLE as any read that lost it.
            const { transient, message, extensions } = failureAnswer(err);
            log[transient ? 'warn' : 'error'](
              { err, persons: entries.length },
              'access log write failed: answer withheld',
            );
            if (response.body.kind === 'single') response.body.singleResult = { errors: [{ message, extensions }] };
          }
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Retention and privileges.

export interface AccessLogSettings {
  retentionDays: number;
}

/** ACCESS_LOG_RETENTION_DAYS (default 365), checked at start-up. */
export function readAccessLogSettings(env: Record<string, string | undefined> = process.env): AccessLogSettings {
  return {
    retentionDays: envInt('ACCESS_LOG_RETENTION_DAYS', {
      env,
      default: DEFAULT_ACCESS_LOG_RETENTION_DAYS,
      min: 1,
      max: 36_500,
    }),
  };
}

/**
 * Stores the retention term where the trigger reads it. Runs with the migrations, as the owner; the application role's
 * privileges on the log (SELECT, INSERT and the purge, nothing else) are granted by kit/db/roles.ts `grantAppRole`.
 */
export async function applyAccessLogSettings(
  ds: DataSource,
  schema: string,
  settings: AccessLogSettings,
): Promise<void> {
  await ds.query(`UPDATE "${schema}".access_log_retention SET days = $1`, [settings.retentionDays]);
}

/** Deletes the rows older than the retention term (the only DELETE the trigger lets through); returns how many. */
export async function purgeAccessLog(ds: DataSource, schema: string): Promise<number> {
  const rows: Array<{ purged: string }> = await ds.query(`SELECT "${schema}".purge_access_log() AS purged`);
  return Number(rows[0]?.purged ?? 0);
}

/** The retention job of a subgraph process: purges at start, then every `everyMs` (default daily). */
export function startAccessLogPurge(
  ds: DataSource,
  schema: string,
  log: Logger,
  everyMs = 24 * 3600 * 1000,
): () => void {
  const run = () =>
    purgeAccessLog(ds, schema).then(
      (purged) => log.info({ purged }, 'access log purged past its retention term'),
      (err) => log.error({ err }, 'access log purge failed'),
    );
  void run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * The access-log table of one subgraph's schema, as a migration each subgraph lists after its own init.
 * Append-only at the database level, whoever connects (in development the app may be a superuser, for whom
 * privileges prove nothing): a trigger stamps `at`, refuses every UPDATE, any DELETE of a row younger than the
 * retention term and any TRUNCATE; PUBLIC holds no UPDATE/DELETE/TRUNCATE; `purge_access_log()` (owner's rights)
 * deletes what is past the term.
 */
export function accessLogMigration(schema: string) {
  const s = `"${schema}"`;
  return class AccessLog1764100000000 implements MigrationInterface {
    name = 'AccessLog1764100000000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE ${s}.access_log (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at timestamptz NOT NULL DEFAULT now(),
          sub text NOT NULL,
          org_id uuid NOT NULL,
          org_kind text NOT NULL,
          roles text NOT NULL,
          beneficiary_id uuid NOT NULL,
          domains text[] NOT NULL,
          action text NOT NULL CHECK (action IN ('READ', 'WRITE')),
          detail text,
          request_id text
        )`);
      await q.query(`CREATE INDEX access_log_beneficiary_idx ON ${s}.access_log (beneficiary_id, id DESC)`);
      await q.query(`CREATE INDEX access_log_at_idx ON ${s}.access_log (at)`);
      // The retention term, where the trigger and the purge read it (one row; set at start-up from the configuration).
      await q.query(`
        CREATE TABLE ${s}.access_log_retention (
          singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
          days integer NOT NULL CHECK (days BETWEEN 1 AND 36500)
        )`);
      await q.query(`INSERT INTO ${s}.access_log_retention (days) VALUES (${DEFAULT_ACCESS_LOG_RETENTION_DAYS})`);
      await q.query(`
        CREATE FUNCTION ${s}.access_log_guard() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE
          keep integer;
        BEGIN
          IF TG_OP = 'INSERT' THEN
            NEW.at := now(); -- no back-dated entry
            RETURN NEW;
          ELSIF TG_OP = 'UPDATE' THEN
            RAISE EXCEPTION 'access_log is append-only: UPDATE refused' USING ERRCODE = 'insufficient_privilege';
          ELSIF TG_OP = 'TRUNCATE' THEN
            RAISE EXCEPTION 'access_log is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
          END IF;
          SELECT days INTO keep FROM ${s}.access_log_retention;
          IF OLD.at > now() - make_interval(days => coalesce(keep, ${DEFAULT_ACCESS_LOG_RETENTION_DAYS})) THEN
            RAISE EXCEPTION 'access_log: DELETE refused, the entry is within its retention term' USING ERRCODE = 'insufficient_privilege';
          END IF;
          RETURN OLD;
        END
        $fn$`);
      await q.query(
        `CREATE TRIGGER access_log_stamp BEFORE INSERT ON ${s}.access_log FOR EACH ROW EXECUTE FUNCTION ${s}.access_log_guard()`,
      );
      await q.query(
        `CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON ${s}.access_log FOR EACH ROW EXECUTE FUNCTION ${s}.access_log_guard()`,
      );
      await q.query(
        `CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON ${s}.access_log FOR EACH STATEMENT EXECUTE FUNCTION ${s}.access_log_guard()`,
      );
      await q.query(`
        CREATE FUNCTION ${s}.purge_access_log() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
        DECLARE
          purged bigint;
        BEGIN
          DELETE FROM ${s}.access_log WHERE at <= now() - make_interval(days => (SELECT days FROM ${s}.access_log_retention));
          GET DIAGNOSTICS purged = ROW_COUNT;
          RETURN purged;
        END
        $fn$`);
      await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${s}.access_log FROM PUBLIC`);
      await q.query(`REVOKE ALL ON ${s}.access_log_retention FROM PUBLIC`);
      await q.query(`REVOKE ALL ON FUNCTION ${s}.purge_access_log() FROM PUBLIC`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE ${s}.access_log`);
      await q.query(`DROP FUNCTION ${s}.purge_access_log()`);
      await q.query(`DROP FUNCTION ${s}.access_log_guard()`);
      await q.query(`DROP TABLE ${s}.access_log_retention`);
    }
  };
}

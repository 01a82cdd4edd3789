import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Domain } from '../../schema/policy';
import type { SubgraphContext } from './context.type';

/**
 * The access log of policy.md ("Audit"): every read of a classified field of a person, and every write, is recorded
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

/** The columns written for one entry, from the request's caller. */
function rowOf(ctx: SubgraphContext, entry: AccessLogEntry): unknown[] {
  return [
    ctx.caller.sub, ctx.caller.orgId, ctx.caller.orgKind, ctx.caller.roles.join(','), entry.beneficiaryId,
    [...new Set(entry.domains)].sort(), entry.action, entry.detail ?? ctx.operationName ?? null, ctx.requestId ?? null,
  ];
}

const COLUMNS = '(sub, org_id, org_kind, roles, beneficiary_id, domains, action, detail, request_id)';

/** Appends entries in one statement (a request's reads are batched, not written field by field). */
export async function appendAccessLog(manager: EntityManager, schema: string, ctx: SubgraphContext, entries: readonly AccessLogEntry[]): Promise<void> {
  if (!entries.length) return;
  const params: unknown[] = [];
  const tuples = entries.map((e) => {
    const row = rowOf(ctx, e);
    const base = params.length;
    params.push(...row);
    return `(${row.map((_, i) => `$${base + i + 1}`).join(', ')})`;
  });
  await manager.query(`INSERT INTO "${schema}".access_log ${COLUMNS} VALUES ${tuples.join(', ')}`, params);
}

/**
 * Records a write (contract signed, payment confirmed, judgment recorded…) with its author, inside the write's own
 * transaction: the write and its record commit together or not at all.
 */
export function recordWrite(manager: EntityManager, schema: string, ctx: SubgraphContext, beneficiaryId: string, detail: string, domains: readonly Domain[]): Promise<void> {
  return appendAccessLog(manager, schema, ctx, [{ beneficiaryId, domains, action: 'WRITE', detail }]);
}

/** The access-log table of one subgraph's schema, as a migration each subgraph lists after its own init. */
export function accessLogMigration(schema: string) {
  return class AccessLog1764100000000 implements MigrationInterface {
    name = 'AccessLog1764100000000';
    async up(q: QueryRunner): Promise<void> {
      await q.query(`
        CREATE TABLE "${schema}".access_log (
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
      await q.query(`CREATE INDEX access_log_beneficiary_idx ON "${schema}".access_log (beneficiary_id, at DESC)`);
      await q.query(`CREATE INDEX access_log_at_idx ON "${schema}".access_log (at)`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}".access_log`);
    }
  };
}

import type { GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Client } from 'pg';
import { askGateway, GatewayAnswer } from './helpers/fault-hub';

/**
 * Reusable concurrency helpers (issue 9): fire N requests at the gateway at once, then check the database with SQL.
 *
 * const run = await inParallel(20, (i) => ({ gateway: hub.gateway, token, query: CONFIRM, variables: { leaseId, month }
 * }));
 *   expect(run.byCode).toEqual({ served: 1, ALREADY_CONFIRMED: 19 });
 * expect(await sqlViolations(url, [{ name: 'one payment per lease and month', sql: `SELECT lease_id, month FROM
 * bailleur.rent_payment GROUP BY 1, 2 HAVING count(*) > 1` }])).toEqual([]);
 */
export interface GatewayCall {
  gateway: GatewayRuntime;
  token: string | undefined;
  query: string;
  variables?: Record<string, unknown>;
}

export interface ParallelRun<T> {
  results: T[];
  /** Answers by outcome: `served` (no error) or the first error's code ("THROWN" when the call itself threw). */
  byCode: Record<string, number>;
  ms: number;
  slowestMs: number;
}

const outcomeOf = (r: unknown): string => {
  const a = r as Partial<GatewayAnswer> | undefined;
  if (a && a.body) {
    const errors = a.body.errors as Array<{ extensions?: { code?: string } }> | undefined;
    if (a.status !== undefined && a.status >= 500) return `HTTP_${a.status}`;
    return errors?.length ? String(errors[0].extensions?.code ?? 'NO_CODE') : 'served';
  }
  return 'done';
};

/**
 * Runs `n` calls at once (released together on the same tick). A call is either a gateway request (GatewayCall) or
 * any async function (a direct transaction through a subgraph's DataSource, for writes without a mutation yet).
 */
export async function inParallel<T = GatewayAnswer>(
  n: number,
  make: (i: number) => GatewayCall | (() => Promise<T>),
): Promise<ParallelRun<T | { thrown: unknown }>> {
  const calls = Array.from({ length: n }, (_, i) => make(i));
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let slowest = 0;
  const started = Date.now();
  const running = calls.map(async (call) => {
    await gate;
    const t = Date.now();
    try {
      return typeof call === 'function'
        ? await call()
        : ((await askGateway(call.gateway, call.token, call.query, call.variables)) as unknown as T);
    } catch (thrown) {
      return { thrown };
    } finally {
      slowest = Math.max(slowest, Date.now() - t);
    }
  });
  release();
  const results = await Promise.all(running);
  const byCode: Record<string, number> = {};
  for (const r of results) {
    const k = r && typeof r === 'object' && 'thrown' in r ? 'THROWN' : outcomeOf(r);
    byCode[k] = (byCode[k] ?? 0) + 1;
  }
  return { results, byCode, ms: Date.now() - started, slowestMs: slowest };
}

/** An invariant as SQL that returns the rows breaking it (none when it holds). */
export interface SqlInvariant {
  name: string;
  sql: string;
  params?: unknown[];
}

/** Runs each invariant; returns "name: offending rows" for those that do not hold (empty when all hold). */
export async function sqlViolations(databaseUrl: string, invariants: readonly SqlInvariant[]): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const out: string[] = [];
    for (const inv of invariants) {
      const { rows } = await client.query(inv.sql, inv.params ?? []);
      if (rows.length)
        out.push(`${inv.name}: ${JSON.stringify(rows.slice(0, 5))}${rows.length > 5 ? ` (+${rows.length - 5})` : ''}`);
    }
    return out;
  } finally {
    await client.end();
  }
}

/** One value from SQL (a count, a sum). */
export async function sqlValue<T = number>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return Object.values(rows[0] ?? {})[0] as T;
  } finally {
    await client.end();
  }
}

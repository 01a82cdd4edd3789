import { EVENT_ROUTES, EXTRA_ROUTES } from '../../../schema/events';
import { DELIVER_TASK, workerSchemaOf } from './outbox';

/** The partners a producer delivers to (schema/events.ts): its backlog shows each, 0 when nothing is pending. */
function consumersOfProducer(producer: string): string[] {
  const routes = [...Object.values(EVENT_ROUTES), ...EXTRA_ROUTES];
  return [...new Set(routes.filter((r) => r.from === producer).flatMap((r) => r.to))];
}

/** Anything that runs SQL with parameters: a DataSource, an EntityManager, a pg client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** The events a producer has not delivered yet (its outbox), per consumer. */
export interface EventsBacklog {
  /** Deliveries not done yet (waiting, running or retrying); a permanently refused one is a dead letter instead. */
  pending: number;
  byConsumer: Record<string, number>;
  /** Age of the oldest pending delivery, in seconds (0 when none). */
  oldestSeconds: number;
  /** Deliveries a consumer refused for good (4xx): recorded in `<schema>.event_dead_letter`, never retried. */
  deadLetters: number;
}

/** Beyond this age a pending delivery makes /health say `degraded` (a consumer down, or refusing, for long). */
export const BACKLOG_DEGRADED_SECONDS = 15 * 60;

/** The queue of one consumer (outbox.ts names them `events-to-<consumer>`). */
const consumerOfQueue = (queue: string | null): string => queue?.replace(/^events-to-/, '') ?? 'unknown';

/** Reads a producer's backlog from graphile-worker's tables and its dead letters. */
export async function readEventsBacklog(db: Queryable, schema: string): Promise<EventsBacklog> {
  const rows = (await db.query(
    `SELECT queue_name, count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
       FROM "${workerSchemaOf(schema)}".jobs
      WHERE task_identifier = $1 AND attempts < max_attempts
      GROUP BY queue_name`,
    [DELIVER_TASK],
  )) as { queue_name: string | null; pending: number; oldest: number }[];
  const [dead] = (await db.query(`SELECT count(*)::int AS n FROM "${schema}".event_dead_letter`)) as { n: number }[];
  const byConsumer: Record<string, number> = Object.fromEntries(consumersOfProducer(schema).map((c) => [c, 0]));
  let oldestSeconds = 0;
  for (const r of rows) {
    byConsumer[consumerOfQueue(r.queue_name)] = (byConsumer[consumerOfQueue(r.queue_name)] ?? 0) + r.pending;
    oldestSeconds = Math.max(oldestSeconds, Math.round(r.oldest));
  }
  const pending = Object.values(byConsumer).reduce((a, b) => a + b, 0);
  return { pending, byConsumer, oldestSeconds, deadLetters: dead?.n ?? 0 };
}

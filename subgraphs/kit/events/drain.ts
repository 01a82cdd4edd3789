import type { DataSource } from 'typeorm';
import { DELIVER_TASK, workerSchemaOf } from './outbox';

export interface DrainOptions {
  /** Give up after this long (ms), naming what is still pending. Default 10 s. */
  timeoutMs?: number;
  /** Run at once the retries waiting for their backoff (default true): a test does not wait e^n seconds. */
  retryNow?: boolean;
  /**
   * Only the deliveries of events about this person (every event's `data.beneficiaryId`, schema/events.ts), and of
   * those their handlers publish about them in turn. The test hubs of a jest run share one database and deliver each
   * other's outboxes: a test waits for its own facts, not for the other files' (nor reschedules their retries).
   */
  beneficiaryId?: string;
}

const schemaOf = (ds: DataSource) => (ds.options as { schema?: string }).schema!;

/**
 * Waits until the outboxes of these subgraphs are empty: no `deliver_event` job waiting, running or retrying (a
 * permanently refused one is a dead letter, not pending). Tests call it after a mutation that publishes, then read the
 * consumer's side. With `beneficiaryId`, only the events about that person: a handler publishes what follows from a
 * fact in the transaction that applies it, before its delivery is done, so a chain of facts about a person always has
 * one delivery pending until its end.
 */
export async function drainEvents(dataSources: DataSource[], opts: DrainOptions = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    let pending: { schema: string; queue: string; attempts: number; last_error: string | null; held: number | null }[] =
      [];
    for (const ds of dataSources) {
      if (!ds.isInitialized) continue;
      const worker = workerSchemaOf(schemaOf(ds));
      // graphile-worker's `jobs` view does not show the payload: the person is read from its private table
      const about = `($2::text IS NULL OR id IN (
          SELECT j.id FROM "${worker}"._private_jobs j WHERE j.payload #>> '{event,data,beneficiaryId}' = $2))`;
      const params = [DELIVER_TASK, opts.beneficiaryId ?? null];
      if (opts.retryNow ?? true)
        await ds.query(
          `SELECT "${worker}".reschedule_jobs(array_agg(id), run_at => now())
             FROM "${worker}".jobs
            WHERE task_identifier = $1 AND attempts < max_attempts AND locked_at IS NULL AND run_at > now()
              AND ${about}
           HAVING count(*) > 0`,
          params,
        );
      // `held`: for how long (s) a job of the same queue has been running — a queue runs one job at a time
      const rows = (await ds.query(
        `SELECT queue_name AS queue, attempts, last_error,
                (SELECT extract(epoch FROM now() - q.locked_at)::int FROM "${worker}"._private_job_queues q
                  WHERE q.queue_name = jobs.queue_name AND q.locked_at IS NOT NULL) AS held
           FROM "${worker}".jobs
          WHERE task_identifier = $1 AND attempts < max_attempts AND ${about}`,
        params,
      )) as { queue: string; attempts: number; last_error: string | null; held: number | null }[];
      pending = pending.concat(rows.map((r) => ({ schema: schemaOf(ds), ...r })));
    }
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `drainEvents: ${pending.length} event(s) still pending: ${pending
          .slice(0, 5)
          .map(
            (p) =>
              `${p.schema} → ${p.queue} (attempts ${p.attempts}${p.last_error ? `: ${p.last_error}` : ''}` +
              `${p.held !== null ? `; queue held for ${p.held} s` : ''})`,
          )
          .join('; ')}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

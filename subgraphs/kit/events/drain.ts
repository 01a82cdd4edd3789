import type { DataSource } from 'typeorm';
import { DELIVER_TASK, workerSchemaOf } from './outbox';

export interface DrainOptions {
  /** Give up after this long (ms), naming what is still pending. Default 10 s. */
  timeoutMs?: number;
  /** Run at once the retries waiting for their backoff (default true): a test does not wait e^n seconds. */
  retryNow?: boolean;
}

const schemaOf = (ds: DataSource) => (ds.options as { schema?: string }).schema!;

/**
 * Waits until the outboxes of these subgraphs are empty: no `deliver_event` job waiting, running or retrying (a
 * permanently refused one is a dead letter, not pending). Tests call it after a mutation that publishes, then read the
 * consumer's side.
 */
export async function drainEvents(dataSources: DataSource[], opts: DrainOptions = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    let pending: { schema: string; queue: string; attempts: number; last_error: string | null }[] = [];
    for (const ds of dataSources) {
      if (!ds.isInitialized) continue;
      const worker = workerSchemaOf(schemaOf(ds));
      if (opts.retryNow ?? true)
        await ds.query(
          `SELECT "${worker}".reschedule_jobs(array_agg(id), run_at => now())
             FROM "${worker}".jobs
            WHERE task_identifier = $1 AND attempts < max_attempts AND locked_at IS NULL AND run_at > now()
           HAVING count(*) > 0`,
          [DELIVER_TASK],
        );
      const rows = (await ds.query(
        `SELECT queue_name AS queue, attempts, last_error FROM "${worker}".jobs
          WHERE task_identifier = $1 AND attempts < max_attempts`,
        [DELIVER_TASK],
      )) as { queue: string; attempts: number; last_error: string | null }[];
      pending = pending.concat(rows.map((r) => ({ schema: schemaOf(ds), ...r })));
    }
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `drainEvents: ${pending.length} event(s) still pending: ${pending
          .slice(0, 5)
          .map((p) => `${p.schema} → ${p.queue} (attempts ${p.attempts}${p.last_error ? `: ${p.last_error}` : ''})`)
          .join('; ')}`,
      );
    await new Promise((r) => setTimeout(r, 25));
  }
}

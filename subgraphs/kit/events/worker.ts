import { parseCronItems, run, Runner, TaskList, WorkerEvents } from 'graphile-worker';
import { EventEmitter } from 'node:events';
import type { KeyLike } from 'jose';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PartnerName } from '../../../schema/events';
import type { Logger } from '../runtime/logger';
import { parisToday } from '../rules/calendar';
import { hubMetrics } from '../runtime/metrics';
import { readEventsBacklog } from './backlog';
import type { ScheduledJob } from './consumer';
import { createDeliveryTask } from './delivery';
import { DELIVER_TASK, workerSchemaOf } from './outbox';
import { workerLogger } from './worker-logger';

/** A scheduled job's task name in graphile-worker: prefixed by its subgraph (`department:end-expired-contracts`). */
export const scheduledTaskName = (partner: string, task: string): string => `${partner}:${task}`;

/** Runs one scheduled job now, in one transaction, with `today` (Europe/Paris unless given). Tests call it directly. */
export async function runScheduledJob(dataSource: DataSource, job: ScheduledJob, today = parisToday()): Promise<void> {
  await dataSource.transaction((manager) => job.run(manager, today));
}

export interface EventsWorkerOptions {
  partner: PartnerName;
  /** The subgraph's PostgreSQL schema; graphile-worker's is `<schema>_worker`. */
  schema: string;
  /** The producer's own database (its outbox). */
  connectionString: string;
  /** The subgraph's data source: scheduled jobs run their transaction on it. */
  dataSource: DataSource;
  signingKey: KeyLike;
  consumerUrl(to: PartnerName): string | undefined;
  schedule?: ScheduledJob[];
  log: Logger;
  /** How often the runner looks for retries due (new jobs arrive by LISTEN/NOTIFY at once). graphile-worker: 2 s. */
  pollIntervalMs?: number;
  deliveryTimeoutMs?: number;
}

export interface EventsWorker {
  /** Runs one of the subgraph's scheduled jobs now (tests; an operator's catch-up), in one transaction. */
  runScheduled(task: string, today?: string): Promise<void>;
  /** Finishes the deliveries in progress, then stops (shutdown). */
  stop(): Promise<void>;
}

/**
 * A subgraph's graphile-worker runner: delivers its outbox (`deliver_event`, one queue per consumer) and runs its
 * scheduled jobs (crontab, UTC). Signals are the kit's (run-subgraph.ts drains, then calls stop()). Its backlog is
 * published in /metrics while it runs.
 */
export async function startEventsWorker(opts: EventsWorkerOptions): Promise<EventsWorker> {
  const schedule = opts.schedule ?? [];
  const taskList: TaskList = {
    [DELIVER_TASK]: createDeliveryTask({
      schema: opts.schema,
      signingKey: opts.signingKey,
      consumerUrl: opts.consumerUrl,
      log: opts.log,
      timeoutMs: opts.deliveryTimeoutMs,
    }),
  };
  for (const job of schedule) {
    taskList[scheduledTaskName(opts.partner, job.task)] = async () => {
      await runScheduledJob(opts.dataSource, job);
      opts.log.info({ task: job.task }, 'scheduled job done');
    };
  }
  // The runner's pool is ours, not graphile-worker's: graphile-worker ends a pool of its own without waiting for it and
  // stops listening to its errors first, so a connection still closing when the runner has stopped (the server shut
  // down, the test database dropped) would raise an unhandled error. Ours keeps its handlers, is ended once the runner
  // has stopped, and outlives a runner started again (below).
  const pool = new Pool({
    connectionString: opts.connectionString,
    // a LISTEN connection, one for the jobs, one for the crontab
    max: 3,
    application_name: `masp-hub-${opts.schema}-events`,
  });
  const onError = (err: Error) => opts.log.warn({ errName: err?.name }, 'events runner: connection lost');
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  // The worker pools this process ran: a pool stopped while it was taking a job leaves that job and its queue locked
  // (for 4 hours, graphile-worker's stale lock) and every later event of that queue waits; stop() releases them.
  const poolIds = new Set<string>();
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => poolIds.add(workerPool.id));
  // every connection closed, or at most 5 s (a connection graphile-worker never gave back keeps its error handler)
  const endPool = () =>
    Promise.race([
      pool.end().catch(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, 5000).unref()),
    ]);
  const start = (): Promise<Runner> =>
    run({
      events,
      pgPool: pool,
      schema: workerSchemaOf(opts.schema),
      // A job's completion (or failure) goes through a batch, which the runner flushes before it stops: unbatched,
      // graphile-worker does not wait for it, and a runner stopped right after a delivery (shutdown, a test holding
      // its deliveries) could leave the job and its consumer's queue locked for 4 hours.
      preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      concurrency: 2,
      pollInterval: opts.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      logger: workerLogger(opts.log),
      taskList,
      parsedCronItems: parseCronItems(
        schedule.map((job) => ({
          task: scheduledTaskName(opts.partner, job.task),
          match: job.cron,
          // a missed run is not replayed: the next one does the same (every job is idempotent and catches up)
          options: { backfillPeriod: 0, maxAttempts: 5 },
        })),
      ),
    });
  let runner: Runner;
  try {
    runner = await start();
  } catch (err) {
    await endPool();
    throw err;
  }
  let stopping = false;
  // graphile-worker stops its runner when it hears that a worker schema was migrated in the same database (its NOTIFY
  // channel is the database's, not the schema's, and it sets process.exitCode = 57): with one database for several
  // subgraphs (docker-compose), another subgraph's first start would silently end this one's deliveries. Start again.
  const watch = (r: Runner): void => {
    void r.promise
      .catch(() => undefined)
      .then(async () => {
        if (stopping) return;
        if (process.exitCode === 57) process.exitCode = undefined;
        opts.log.warn('events runner stopped on its own: starting it again');
        for (let delay = 500; !stopping; delay = Math.min(delay * 2, 30_000)) {
          await new Promise((resolve) => setTimeout(resolve, delay).unref());
          if (stopping) return;
          try {
            runner = await start();
            if (stopping) await runner.stop();
            else watch(runner);
            return;
          } catch (err) {
            opts.log.error({ errName: (err as Error)?.name }, 'events runner could not start again: will retry');
          }
        }
      });
  };
  watch(runner);
  const metrics = hubMetrics();
  const backlog = () => readEventsBacklog(opts.dataSource, opts.schema);
  metrics.registerEventsBacklog(opts.partner, backlog);
  let stopped: Promise<void> | undefined;
  return {
    async runScheduled(task, today) {
      const job = schedule.find((j) => j.task === task);
      if (!job) throw new Error(`${opts.partner} has no scheduled job "${task}"`);
      await runScheduledJob(opts.dataSource, job, today);
    },
    stop() {
      stopped ??= (async () => {
        stopping = true;
        metrics.unregisterEventsBacklog(opts.partner, backlog);
        await runner.stop().catch(() => undefined); // stopped on its own already (then being started again)
        if (poolIds.size > 0)
          await opts.dataSource
            .query(`SELECT "${workerSchemaOf(opts.schema)}".force_unlock_workers($1::text[])`, [[...poolIds]])
            .catch((err) => opts.log.warn({ errName: (err as Error)?.name }, 'events runner locks not released'));
        await endPool();
      })();
      return stopped;
    },
  };
}

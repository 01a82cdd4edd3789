import { Logger as WorkerLogger } from 'graphile-worker';
import type { Logger } from '../runtime/logger';

/**
 * graphile-worker's log lines without what they carry of a job: its payload is an event (personal data) and its
 * error a stack. The first line of the message, the job's id, task and attempt; debug and info dropped.
 */
export function workerLogger(log: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    if (level !== 'error' && level !== 'warning') return;
    const job = (meta as { job?: { id?: string; task_identifier?: string; attempts?: number } } | undefined)?.job;
    const fields = { worker: job ? { jobId: job.id, task: job.task_identifier, attempt: job.attempts } : {} };
    (level === 'error' ? log.error : log.warn).call(log, fields, message.split('\n')[0].slice(0, 300));
  });
}

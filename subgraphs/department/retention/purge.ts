import type { EntityManager } from 'typeorm';
import type { ScheduledJob } from '../../kit/events/consumer';
import {
  RETENTION_ARCHIVE_STEPS,
  RETENTION_ERASE_STEPS,
  RETENTION_FILES_SQL,
  RETENTION_PARAMETERS_SQL,
  RetentionStep,
} from '../sql';
import { FileState, RetentionStage, retentionParameters, retentionStage } from './retention.rule';

/** What one purge does, or would do: how many rows of each kind (never a name nor an id). */
export interface PurgeCounts {
  asOf: string;
  archiveMonths: number;
  eraseMonths: number;
  personsToArchive: number;
  personsToErase: number;
  counts: Array<{ kind: string; count: number }>;
}

/** The persons the purge of `today` archives and erases (rules: retention.rule.ts). */
async function planPurge(manager: EntityManager, today: string) {
  const [raw] = await manager.query(RETENTION_PARAMETERS_SQL, [today]);
  const parameters = retentionParameters(raw ?? {});
  const files: Array<FileState & { id: string }> = await manager.query(RETENTION_FILES_SQL, [today]);
  const archive: string[] = [];
  const erase: string[] = [];
  for (const f of files) {
    const stage = retentionStage(f, today, parameters);
    if (stage === RetentionStage.ARCHIVE) archive.push(f.id);
    else if (stage === RetentionStage.ERASE) erase.push(f.id);
  }
  return { parameters, archive, erase };
}

async function runSteps(manager: EntityManager, steps: RetentionStep[], ids: string[], today: string, dryRun: boolean) {
  const counts: Array<{ kind: string; count: number }> = [];
  for (const step of steps) {
    const [row] = ids.length
      ? await manager.query(dryRun ? step.count : step.apply, dryRun ? [ids] : [ids, today])
      : [];
    counts.push({ kind: step.kind, count: Number(row?.n ?? 0) });
  }
  return counts;
}

/**
 * The purge of `today`: archives the closed files past the archive term, erases those past the retention term
 * (sql.ts RETENTION_*_STEPS), in the caller's transaction. `dryRun`: counts only, writes nothing — what
 * `retentionPurgePreview` shows, and exactly what the purge of the same day does.
 */
export async function purgePersonalData(manager: EntityManager, today: string, dryRun = false): Promise<PurgeCounts> {
  const { parameters, archive, erase } = await planPurge(manager, today);
  const counts = [
    ...(await runSteps(manager, RETENTION_ARCHIVE_STEPS, archive, today, dryRun)),
    ...(await runSteps(manager, RETENTION_ERASE_STEPS, erase, today, dryRun)),
  ];
  return {
    asOf: today,
    ...parameters,
    personsToArchive: archive.length,
    personsToErase: erase.length,
    counts,
  };
}

/**
 * Scheduled (daily, 03:17 UTC): the retention purge (CNIL). Idempotent: an archived file is not archived again, an
 * erased one is no longer a candidate, and each step touches only what is still there.
 */
export const retentionPurgeJob: ScheduledJob = {
  task: 'retention-purge',
  cron: '17 3 * * *',
  run: async (tx, today) => void (await purgePersonalData(tx, today)),
};

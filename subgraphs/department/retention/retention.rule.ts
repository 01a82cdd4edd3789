import { addMonths } from '../../kit/rules/calendar';
import { PARAMETER_RANGES, parameterInForce } from '../rules/parameter.rule';

/**
 * Retention of a person's file (CNIL; RGPD art. 5-1-e, storage limitation; CNIL référentiel « accompagnement social »:
 * kept while the person is followed, then two years after the last contact). Dated département parameters:
 * - RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS (default 6, pratique départementale): a closed file is archived — its
 *   référent (TRAVAILLEUR_SOCIAL) no longer reaches it, the encadrant still does, for a claim or a new request;
 * - RETENTION_AFTER_LAST_CONTACT_MONTHS (default 24): a closed file is erased — identity replaced, personal rows
 *   deleted; the measures stay, without identity, for the L271-7 statistics.
 * A file is closed when nothing runs: no contract proposed or in force, no MAJ, no open L271-6 report, no direct
 * payment or delegation running.
 */
export interface RetentionParameters {
  archiveMonths: number;
  eraseMonths: number;
}

export const DEFAULT_RETENTION: RetentionParameters = {
  archiveMonths: PARAMETER_RANGES.RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS.fallback,
  eraseMonths: PARAMETER_RANGES.RETENTION_AFTER_LAST_CONTACT_MONTHS.fallback,
};

export enum RetentionStage {
  KEEP = 'KEEP',
  ARCHIVE = 'ARCHIVE',
  ERASE = 'ERASE',
}

export interface FileState {
  /** Something still runs on the file (see above). */
  open: boolean;
  /** The last contact: the latest date of the file (referral, check, evaluation, measure, refusal, MAJ, request…). */
  lastContact: string;
  /** Already archived on that day (null: not yet). */
  archivedOn: string | null;
}

/**
 * The parameters in force, each within its range (rules/parameter.rule.ts): a value the département did not set, or an
 * older row out of range (0, or an erasure later than the RGPD's « time necessary »), is the default; erasing never
 * comes before archiving.
 */
export function retentionParameters(values: {
  archiveMonths?: number | null;
  eraseMonths?: number | null;
}): RetentionParameters {
  const months = (key: string, v: number | null | undefined) => parameterInForce(key, v ?? undefined).value;
  const eraseMonths = months('RETENTION_AFTER_LAST_CONTACT_MONTHS', values.eraseMonths);
  const archiveMonths = Math.min(
    months('RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS', values.archiveMonths),
    eraseMonths,
  );
  return { archiveMonths, eraseMonths };
}

/**
 * What the next purge does with a file on `today`: ERASE from `lastContact + eraseMonths`, ARCHIVE (once) from
 * `lastContact + archiveMonths`, KEEP otherwise — and always KEEP an open file, whatever its age.
 */
export function retentionStage(file: FileState, today: string, p: RetentionParameters): RetentionStage {
  if (file.open) return RetentionStage.KEEP;
  if (addMonths(file.lastContact, p.eraseMonths) <= today) return RetentionStage.ERASE;
  if (!file.archivedOn && addMonths(file.lastContact, p.archiveMonths) <= today) return RetentionStage.ARCHIVE;
  return RetentionStage.KEEP;
}

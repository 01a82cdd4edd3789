import type { EntityManager } from 'typeorm';
import { notify } from '../../kit/events/notify';
import { DelegatedFile, DelegatedFileStatus } from '../entities';
import type { KnownDelegation } from '../rules/delegation.rule';
import { FILES_TO_CLOSED_SQL, FILES_TO_CLOSING_SQL, OPEN_ACCOUNT_SQL } from '../sql';

/**
 * A delegated file's lifecycle (CASF L271-3), shared by the resolvers, the event handlers, the scheduled job and the
 * demo seed: born from a delegation in force, CLOSING (read-only, final bilan due) from the delegation's end, out of
 * the association's reach after the département's closing window.
 */

/** The status the rules apply: an ACTIVE file whose delegation has ended is CLOSING, whether or not a job ran. */
export function effectiveStatus(
  file: Pick<DelegatedFile, 'status' | 'delegationEndsOn'>,
  today: string,
): DelegatedFileStatus {
  if (file.status === DelegatedFileStatus.ACTIVE && file.delegationEndsOn != null && file.delegationEndsOn <= today)
    return DelegatedFileStatus.CLOSING;
  return file.status;
}

interface ClosingFile {
  id: string;
  measureId: string;
  beneficiaryId: string;
  associationOrgId: string;
  endsOn: string;
  reachEndsOn: string;
}

/** The ACTIVE files whose delegation ended by `today` go CLOSING; the association is told of each (FILE_CLOSING). */
export async function moveFilesToClosing(manager: EntityManager, today: string, eventId?: string): Promise<number> {
  const [rows] = (await manager.query(FILES_TO_CLOSING_SQL, [today])) as [ClosingFile[], number];
  for (const f of rows) {
    await notify(manager, {
      audience: { orgId: f.associationOrgId },
      beneficiaryId: f.beneficiaryId,
      kind: 'FILE_CLOSING',
      data: { fileId: f.id, measureId: f.measureId, delegationEndedOn: f.endsOn, finalBilanDueBefore: f.reachEndsOn },
      ...(eventId ? { eventId } : {}),
    });
  }
  return rows.length;
}

/**
 * Scheduled (close-files-after-window): files whose delegation ended go CLOSING, files whose closing window passed go
 * CLOSED. Idempotent; reach never waited for it (the row rule compares the dates with today).
 */
export async function closeFilesAfterWindow(manager: EntityManager, today: string): Promise<void> {
  await moveFilesToClosing(manager, today);
  await manager.query(FILES_TO_CLOSED_SQL, [today]);
}

/**
 * Opens the file of a delegation in force (checked by the caller) with its managed account: the association, the
 * person, the dates and the managed benefits are the delegation's (the contract's in force). `id`: the demo seed's.
 */
export async function openFileFor(
  tx: EntityManager,
  delegation: KnownDelegation & { reachEndsOn: string },
  fields: {
    workerSub: string;
    startedOn: string;
    handoverSummary: string;
    rentAndChargesCents: number;
    monthlyResourcesCents: number;
  },
  id?: string,
): Promise<DelegatedFile> {
  const file = tx.getRepository(DelegatedFile).create({
    ...(id ? { id } : {}),
    measureId: delegation.measureId,
    beneficiaryId: delegation.beneficiaryId,
    associationOrgId: delegation.associationOrgId,
    delegationId: delegation.id,
    delegationEndsOn: delegation.endsOn,
    reachEndsOn: delegation.reachEndsOn,
    workerSub: fields.workerSub,
    status: DelegatedFileStatus.ACTIVE,
    startedOn: fields.startedOn,
    endedOn: null,
    monthlyResourcesCents: fields.monthlyResourcesCents,
    rentAndChargesCents: fields.rentAndChargesCents,
    handoverSummary: fields.handoverSummary,
    managedBenefits: [...delegation.managedBenefits],
  });
  await tx.getRepository(DelegatedFile).insert(file);
  await tx.query(OPEN_ACCOUNT_SQL, [file.id, file.beneficiaryId]);
  return file;
}

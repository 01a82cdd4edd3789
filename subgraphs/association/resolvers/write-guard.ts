import type { EntityManager } from 'typeorm';
import type { Caller } from '../../kit/access/caller';
import { assertPersonReached, PersonRegistry } from '../../kit/access/department-registry';
import { notReachable } from '../../kit/rules/errors';
import { isUuid } from '../../kit/db/loaders';
import { DelegatedFile, DelegatedFileStatus } from '../entities';
import { delegatedFileReach } from '../permissions/reach';
import { AssociationCode, badInput, refusal } from '../rules/errors';
import { todayIso } from '../../kit/rules/calendar';
import { effectiveStatus } from './file-lifecycle';
import { labelFr } from '../../kit/rules/french';

/** A file's status in French, for the French half of a refusal. */
const FILE_STATUS_FR: Readonly<Record<DelegatedFileStatus, string>> = {
  ACTIVE: 'en cours',
  CLOSING: 'en clôture (lecture seule)',
  CLOSED: 'clos',
};

/**
 * The file a write applies to, read inside the write's transaction with the caller's reach (out of reach or
 * nonexistent: the same FORBIDDEN) and locked (`FOR SHARE`, or `FOR UPDATE` for a status change), and checked
 * to be in one of the statuses the action allows. Département staff's writes pass the request's `registry`: the
 * file's person must be one the département says they reach (without it, they reach no file).
 */
export async function fileForWrite(
  tx: EntityManager,
  caller: Caller,
  fileId: string,
  statuses: readonly DelegatedFileStatus[],
  lock: 'share' | 'update' = 'share',
  registry?: PersonRegistry,
): Promise<DelegatedFile> {
  if (!isUuid(fileId)) throw notReachable('DelegatedFile');
  const reach = delegatedFileReach(caller, 'f', registry);
  const file = await tx
    .getRepository(DelegatedFile)
    .createQueryBuilder('f')
    .where('f.id = :fileId', { fileId })
    .andWhere(reach.sql, reach.params)
    .setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read')
    .getOne();
  if (!file) throw notReachable('DelegatedFile');
  if (registry) await assertPersonReached(registry, file.beneficiaryId, 'DelegatedFile');
  // the delegation's end date decides, even before the scheduled job moved the file to CLOSING (CASF L271-3)
  const status = effectiveStatus(file, todayIso());
  if (!statuses.includes(status)) {
    const closing = status === DelegatedFileStatus.CLOSING;
    throw refusal(
      AssociationCode.DELEGATED_FILE_NOT_ACTIVE,
      'CASF L271-3',
      closing
        ? `CASF L271-3 : la délégation a pris fin ; le dossier est en lecture seule jusqu'au bilan de fin de délégation. / CASF L271-3: the delegation has ended; the file is read-only until the end-of-delegation bilan.`
        : `Le dossier délégué est ${labelFr(FILE_STATUS_FR, status)} : action impossible (il doit être ${statuses.map((x) => labelFr(FILE_STATUS_FR, x)).join(' ou ')}). / Delegated file is ${status}: not allowed (needs ${statuses.join(', ')}).`,
      { status, requiredStatus: [...statuses] },
    );
  }
  return { ...file, status } as DelegatedFile;
}

/** An amount in euro cents: a positive integer. */
export function assertPositiveCents(field: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0)
    throw badInput(
      field,
      `« ${field} » doit être un nombre entier de centimes positif.`,
      `"${field}" must be a positive whole number of cents.`,
    );
}

export function assertText(field: string, value: string, max = 4000): string {
  const v = (value ?? '').trim();
  if (!v || v.length > max)
    throw badInput(
      field,
      `« ${field} » doit être renseigné (${max} caractères au plus).`,
      `"${field}" is required (at most ${max} characters).`,
    );
  return v;
}

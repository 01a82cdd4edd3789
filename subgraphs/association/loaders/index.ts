import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Caller } from '../../kit/access/caller';
import type { PersonRegistry } from '../../kit/access/department-registry';
import { createGroupLoader, createRowLoader, select } from '../../kit/db/loaders';
import {
  DelegatedAccount,
  DelegatedBenefit,
  DelegatedBudgetPlan,
  DelegatedFile,
  DelegatedOperation,
  DelegationBilan,
} from '../entities';
import { delegatedFileReach } from '../permissions/reach';
import { OPERATIONS_BELOW, OVERDRAFT_LIMIT_TODAY, ROW_OF_FILE } from '../sql';

/** How many operations a file's ledger shows at most in one answer. */
export const MAX_OPERATIONS = 100;

/**
 * Every loader applies the caller's reach in its statement and, for département staff, keeps the rows of the persons
 * the département's registry says they reach (`keep`, one registry call per request).
 */
export function createLoaders(ds: DataSource, caller: Caller, registry: PersonRegistry) {
  const reach = delegatedFileReach(caller, 'f', registry);
  const keep = registry.keep;
  const files = () => select(ds, DelegatedFile, 'f').where(reach.sql, reach.params);
  // Rows hanging off a file (alias x, column file_id) are reached through their file.
  const viaFile = ROW_OF_FILE(reach.sql);
  const operationLoaders = new Map<string, DataLoader<string, DelegatedOperation[]>>();
  return {
    file: createRowLoader(
      (ids) => files().andWhere('f.id = ANY(:ids)', { ids }).getMany().then(keep),
      (f) => f.id,
    ),
    // A measure delegated again after a closed file: the newest file wins (rows come oldest first).
    fileByMeasure: createRowLoader(
      (ids) =>
        files().andWhere('f.measure_id = ANY(:ids)', { ids }).orderBy('f.started_on', 'ASC').getMany().then(keep),
      (f) => f.measureId,
    ),
    benefitsByFile: createGroupLoader(
      (ids) =>
        select(ds, DelegatedBenefit, 'x')
          .where('x.file_id = ANY(:ids)', { ids })
          .andWhere(viaFile, reach.params)
          .orderBy('x.kind')
          .getMany()
          .then(keep),
      (b) => b.fileId,
    ),
    plansByFile: createGroupLoader(
      (ids) =>
        select(ds, DelegatedBudgetPlan, 'x')
          .where('x.file_id = ANY(:ids)', { ids })
          .andWhere(viaFile, reach.params)
          .orderBy('x.month', 'DESC')
          .getMany()
          .then(keep),
      (p) => p.fileId,
    ),
    account: createRowLoader(
      (ids) =>
        ds
          .getRepository(DelegatedAccount)
          .createQueryBuilder('x')
          .where('x.file_id = ANY(:ids)', { ids })
          .andWhere(viaFile, reach.params)
          .addSelect(OVERDRAFT_LIMIT_TODAY, 'overdraft_limit_cents')
          .getRawAndEntities()
          .then(({ raw, entities }) =>
            entities.map((a) =>
              Object.assign(a, {
                overdraftLimitCents: Number(raw.find((r) => r.x_file_id === a.fileId)?.overdraft_limit_cents ?? 0),
              }),
            ),
          )
          .then(keep),
      (a) => a.fileId,
    ),
    /**
     * A page of each file's ledger, newest first: the `last` operations numbered below `beforeSeq` (default: the
     * newest). One statement per batch and page shape.
     */
    operationsByFile(last: number, beforeSeq: number | null): DataLoader<string, DelegatedOperation[]> {
      const key = `${last}:${beforeSeq ?? ''}`;
      let loader = operationLoaders.get(key);
      if (!loader) {
        loader = createGroupLoader(
          (ids) =>
            select(ds, DelegatedOperation, 'x')
              .where('x.file_id = ANY(:ids)', { ids })
              .andWhere(viaFile, reach.params)
              .andWhere(OPERATIONS_BELOW(beforeSeq), { last, beforeSeq })
              .orderBy('x.seq', 'DESC')
              .getMany()
              .then(keep),
          (o) => o.fileId,
        );
        operationLoaders.set(key, loader);
      }
      return loader;
    },
    bilansByFile: createGroupLoader(
      (ids) =>
        select(ds, DelegationBilan, 'x')
          .where('x.file_id = ANY(:ids)', { ids })
          .andWhere(viaFile, reach.params)
          .orderBy('x.written_on', 'DESC')
          .addOrderBy('x.created_at', 'DESC')
          .getMany()
          .then(keep),
      (b) => b.fileId,
    ),
  };
}

export type AssociationLoaders = ReturnType<typeof createLoaders>;

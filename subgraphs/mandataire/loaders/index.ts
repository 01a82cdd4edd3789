import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { Caller } from '../../kit/access/caller';
import type { PersonRegistry } from '../../kit/access/department-registry';
import { createGroupLoader, createRowLoader, RawSelect, select } from '../../kit/db/loaders';
import { MajAccount, MajAccountOperation } from '../entities/maj-account.entity';
import { JudicialMeasure } from '../entities/judicial-measure.entity';
import { MajProtectionMeasure } from '../entities/protection-measure.entity';
import { MajRenewal } from '../entities/maj-renewal.entity';
import { MajReport } from '../entities/maj-report.entity';
import { attachedToMeasureReach, judicialMeasureReach, personReach } from '../permissions/reach';
import { PAGE_IDS, PageOrder } from '../sql';

/**
 * A one-to-many relation read a page at a time: one DataLoader per (first, after) pair, each issuing one statement per
 * batch of parents that keeps the first `first` rows of every parent (window function), after the `after` row.
 */
export interface PagedGroupLoader<T> {
  load(parentId: string, first: number, after?: string): Promise<T[]>;
}

function pagedGroupLoader<T extends ObjectLiteral & { beneficiaryId: string }>(
  keep: (rows: T[]) => Promise<T[]>,
  base: () => RawSelect<T>,
  spec: { table: string; parentColumn: string; order: PageOrder },
  parentIdOf: (row: T) => string,
): PagedGroupLoader<T> {
  const loaders = new Map<string, DataLoader<string, T[]>>();
  return {
    load(parentId, first, after) {
      const key = `${first}|${after ?? ''}`;
      let loader = loaders.get(key);
      if (!loader) {
        loader = createGroupLoader((ids) => {
          const pageIds = PAGE_IDS(spec.table, spec.parentColumn, spec.order, !!after);
          const qb = base();
          qb.andWhere(`${qb.alias}.id IN (${pageIds})`, { ids, first, after });
          spec.order.forEach(([c, d], i) =>
            i === 0 ? qb.orderBy(`${qb.alias}.${c}`, d) : qb.addOrderBy(`${qb.alias}.${c}`, d),
          );
          return qb.getMany().then(keep);
        }, parentIdOf);
        loaders.set(key, loader);
      }
      return loader.load(parentId);
    },
  };
}

/**
 * The mandataire's per-request loaders: every one applies the caller's reach in the same statement and, for
 * département staff, keeps the rows of the persons the département's registry says they reach (one call per request).
 */
export function createLoaders(ds: DataSource, caller: Caller, registry: PersonRegistry) {
  const keep = registry.keep;
  const reach = judicialMeasureReach(caller, 'j', registry);
  const measures = () => select(ds, JudicialMeasure, 'j').where(reach.sql, reach.params);
  const attached = (alias: string) => attachedToMeasureReach(caller, alias, registry);
  const renewals = () => {
    const r = attached('r');
    return select(ds, MajRenewal, 'r').where(r.sql, r.params);
  };
  const accounts = () => {
    const r = attached('a');
    return select(ds, MajAccount, 'a').where(r.sql, r.params);
  };
  const operations = () => {
    const r = attached('o');
    return select(ds, MajAccountOperation, 'o').where(r.sql, r.params);
  };
  const reports = () => {
    const r = attached('m');
    return select(ds, MajReport, 'm').where(r.sql, r.params);
  };
  const protections = () => {
    const r = personReach(caller, 'p', registry);
    return select(ds, MajProtectionMeasure, 'p').where(r.sql, r.params);
  };
  return {
    judicialMeasure: createRowLoader(
      (ids) => measures().andWhere('j.id = ANY(:ids)', { ids }).getMany().then(keep),
      (j) => j.id,
    ),
    judicialMeasuresByBeneficiary: pagedGroupLoader(
      keep,
      measures,
      {
        table: 'judicial_measure',
        parentColumn: 'beneficiary_id',
        order: [
          ['starts_on', 'DESC'],
          ['id', 'DESC'],
        ],
      },
      (j) => j.beneficiaryId,
    ),
    renewalsByMeasure: pagedGroupLoader(
      keep,
      renewals,
      {
        table: 'judicial_measure_renewal',
        parentColumn: 'judicial_measure_id',
        order: [
          ['previous_ends_on', 'ASC'],
          ['id', 'ASC'],
        ],
      },
      (r) => r.judicialMeasureId,
    ),
    accountByMeasure: createRowLoader(
      (ids) => accounts().andWhere('a.judicial_measure_id = ANY(:ids)', { ids }).getMany().then(keep),
      (a) => a.judicialMeasureId,
    ),
    operationsByMeasure: pagedGroupLoader(
      keep,
      operations,
      {
        table: 'maj_account_operation',
        parentColumn: 'judicial_measure_id',
        order: [['seq', 'DESC']],
      },
      (o) => o.judicialMeasureId,
    ),
    reportsByMeasure: pagedGroupLoader(
      keep,
      reports,
      {
        table: 'maj_report',
        parentColumn: 'judicial_measure_id',
        order: [
          ['written_on', 'DESC'],
          ['id', 'DESC'],
        ],
      },
      (m) => m.judicialMeasureId,
    ),
    protectionsByBeneficiary: pagedGroupLoader(
      keep,
      protections,
      {
        table: 'protection_measure',
        parentColumn: 'beneficiary_id',
        order: [
          ['opened_on', 'DESC'],
          ['id', 'DESC'],
        ],
      },
      (p) => p.beneficiaryId,
    ),
  };
}

export type MandataireLoaders = ReturnType<typeof createLoaders>;

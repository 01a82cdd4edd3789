import type { DataSource } from 'typeorm';
import type { Caller } from '../../kit/caller';
import { createGroupLoader, createRowLoader } from '../../kit/loaders';
import { Beneficiary, Measure } from '../entities';
import { beneficiaryReach, measureReach } from '../permissions/reach';

/** The department's per-request loaders: every one applies the caller's reach in the same statement. */
export function createLoaders(ds: DataSource, caller: Caller) {
  const person = beneficiaryReach(caller);
  const measure = measureReach(caller);
  return {
    beneficiary: createRowLoader(
      (ids) => ds.getRepository(Beneficiary).createQueryBuilder('b').where('b.id = ANY(:ids)', { ids }).andWhere(person.sql, person.params).getMany(),
      (b) => b.id,
    ),
    measure: createRowLoader(
      (ids) => ds.getRepository(Measure).createQueryBuilder('m').where('m.id = ANY(:ids)', { ids }).andWhere(measure.sql, measure.params).getMany(),
      (m) => m.id,
    ),
    measuresByBeneficiary: createGroupLoader(
      (ids) =>
        ds.getRepository(Measure).createQueryBuilder('m').where('m.beneficiary_id = ANY(:ids)', { ids }).andWhere(measure.sql, measure.params)
          .orderBy('m.starts_on', 'DESC').getMany(),
      (m) => m.beneficiaryId,
    ),
  };
}

export type DepartmentLoaders = ReturnType<typeof createLoaders>;

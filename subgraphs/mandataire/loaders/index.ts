import type { DataSource } from 'typeorm';
import type { Caller } from '../../kit/caller';
import { createGroupLoader, createRowLoader } from '../../kit/loaders';
import { JudicialMeasure } from '../entities/judicial-measure.entity';
import { judicialMeasureReach } from '../permissions/reach';

export function createLoaders(ds: DataSource, caller: Caller) {
  const reach = judicialMeasureReach(caller);
  const measures = () => ds.getRepository(JudicialMeasure).createQueryBuilder('j').where(reach.sql, reach.params);
  return {
    judicialMeasure: createRowLoader((ids) => measures().andWhere('j.id = ANY(:ids)', { ids }).getMany(), (j) => j.id),
    judicialMeasuresByBeneficiary: createGroupLoader(
      (ids) => measures().andWhere('j.beneficiary_id = ANY(:ids)', { ids }).orderBy('j.starts_on', 'DESC').getMany(),
      (j) => j.beneficiaryId,
    ),
  };
}

export type MandataireLoaders = ReturnType<typeof createLoaders>;

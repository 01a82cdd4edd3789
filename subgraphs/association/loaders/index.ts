import type { DataSource } from 'typeorm';
import type { Caller } from '../../kit/caller';
import { createRowLoader } from '../../kit/loaders';
import { DelegatedFile } from '../entities/delegated-file.entity';
import { delegatedFileReach } from '../permissions/reach';

export function createLoaders(ds: DataSource, caller: Caller) {
  const reach = delegatedFileReach(caller);
  const files = () => ds.getRepository(DelegatedFile).createQueryBuilder('f').where(reach.sql, reach.params);
  return {
    fileByMeasure: createRowLoader((ids) => files().andWhere('f.measure_id = ANY(:ids)', { ids }).getMany(), (f) => f.measureId),
  };
}

export type AssociationLoaders = ReturnType<typeof createLoaders>;

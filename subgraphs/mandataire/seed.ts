import type { DataSource } from 'typeorm';
import { DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { JudicialMeasure } from './entities/judicial-measure.entity';

export async function seedMandataire(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  if ((await ds.getRepository(JudicialMeasure).count()) > 0) return false;
  await ds.transaction((tx) => insertRows(tx, JudicialMeasure, plan.judicialMeasures as JudicialMeasure[]));
  return true;
}

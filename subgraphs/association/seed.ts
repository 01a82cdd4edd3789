import type { DataSource } from 'typeorm';
import { DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { DelegatedFile, DelegatedFileStatus } from './entities/delegated-file.entity';

export async function seedAssociation(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  if ((await ds.getRepository(DelegatedFile).count()) > 0) return false;
  const files = plan.delegations.map((d) => ({
    id: d.id, measureId: d.measureId, beneficiaryId: d.beneficiaryId, associationOrgId: d.associationOrgId, workerSub: d.workerSub,
    status: DelegatedFileStatus.ACTIVE, startedOn: d.startsOn, endedOn: d.endsOn, monthlyResourcesCents: d.monthlyResourcesCents,
    rentAndChargesCents: d.rentAndChargesCents, handoverSummary: d.handoverSummary,
  }));
  await ds.transaction((tx) => insertRows(tx, DelegatedFile, files as DelegatedFile[]));
  return true;
}

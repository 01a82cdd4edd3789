import type { DataSource } from 'typeorm';
import { DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { Beneficiary, Delegation, MajNotice, Measure } from './entities';

/** Writes the département's part of the demo plan, unless persons already exist. Returns whether it wrote. */
export async function seedDepartment(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  if ((await ds.getRepository(Beneficiary).count()) > 0) return false;
  await ds.transaction(async (tx) => {
    await insertRows(tx, Beneficiary, plan.persons as Beneficiary[]);
    await insertRows(tx, Measure, plan.measures as Measure[]);
    await insertRows(tx, Delegation, plan.delegations.map(({ id, measureId, associationOrgId, startsOn, endsOn }) => ({ id, measureId, associationOrgId, startsOn, endsOn })) as Delegation[]);
    await insertRows(tx, MajNotice, plan.majNotices as MajNotice[]);
  });
  return true;
}

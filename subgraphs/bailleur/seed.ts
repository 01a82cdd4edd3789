import type { DataSource } from 'typeorm';
import { DemoPlan } from '../kit/seed/demo-plan';
import { insertRows } from '../kit/seed/insert-rows';
import { DirectPaymentOrder, Lease, RentPayment } from './entities';

export async function seedBailleur(ds: DataSource, plan: DemoPlan): Promise<boolean> {
  if ((await ds.getRepository(Lease).count()) > 0) return false;
  await ds.transaction(async (tx) => {
    await insertRows(tx, Lease, plan.leases as Lease[]);
    await insertRows(tx, DirectPaymentOrder, plan.orders as DirectPaymentOrder[]);
    await insertRows(tx, RentPayment, plan.payments as RentPayment[]);
  });
  return true;
}

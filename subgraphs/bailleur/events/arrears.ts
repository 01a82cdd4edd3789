import type { EntityManager } from 'typeorm';
import { publish } from '../../kit/events/outbox';
import { monthOf, shiftMonth, todayIso } from '../../kit/rules/calendar';
import { Lease, RentArrearsDeclaration, RentPayment } from '../entities';
import { ARREARS_WINDOW_MONTHS, summarizeArrears } from '../rules/arrears.rule';

/**
 * CASF L271-5: when the landlord's own records show the rent unpaid for two consecutive months (MISSING confirmations
 * and declarations over the arrears window), the département learns it (`arrears.reached`), in the transaction that
 * recorded the last fact. `declarationId`: the declaration that was just recorded, if that is the fact. Returns whether
 * the threshold is reached.
 */
export async function publishArrearsIfReached(
  tx: EntityManager,
  lease: Pick<Lease, 'id' | 'beneficiaryId' | 'landlordOrgId'>,
  declarationId: string | null,
  today = todayIso(),
): Promise<boolean> {
  const since = shiftMonth(monthOf(today), -ARREARS_WINDOW_MONTHS);
  const payments = await tx
    .getRepository(RentPayment)
    .createQueryBuilder('p')
    .where('p.lease_id = :id AND p.month >= :since', { id: lease.id, since })
    .getMany();
  const declarations = await tx.getRepository(RentArrearsDeclaration).findBy({ leaseId: lease.id });
  const summary = summarizeArrears(
    payments,
    declarations.map((d) => ({
      months: d.months.filter((m) => m >= since),
      amountDueCents: d.amountDueCents,
      declaredAt: d.declaredAt.toISOString(),
    })),
  );
  if (!summary.alert) return false;
  await publish(tx, 'arrears.reached', {
    leaseId: lease.id,
    beneficiaryId: lease.beneficiaryId,
    landlordOrgId: lease.landlordOrgId,
    unpaidMonths: summary.unpaidMonths,
    declarationId,
  });
  return true;
}

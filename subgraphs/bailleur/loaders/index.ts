import type { DataSource } from 'typeorm';
import type { Caller } from '../../kit/caller';
import { createGroupLoader, createRowLoader } from '../../kit/loaders';
import { DirectPaymentOrder, Lease, RentPayment } from '../entities';
import { leaseReach } from '../permissions/reach';

/** How many months of payments a lease shows at most. */
export const PAYMENT_HISTORY_MONTHS = 12;

export function createLoaders(ds: DataSource, caller: Caller) {
  const reach = leaseReach(caller);
  const reachable = `EXISTS (SELECT 1 FROM bailleur.lease l WHERE l.id = x.lease_id AND ${reach.sql})`;
  return {
    lease: createRowLoader((ids) => ds.getRepository(Lease).createQueryBuilder('l').where('l.id = ANY(:ids)', { ids }).andWhere(reach.sql, reach.params).getMany(), (l) => l.id),
    leasesByBeneficiary: createGroupLoader(
      (ids) => ds.getRepository(Lease).createQueryBuilder('l').where('l.beneficiary_id = ANY(:ids)', { ids }).andWhere(reach.sql, reach.params).orderBy('l.starts_on', 'DESC').getMany(),
      (l) => l.beneficiaryId,
    ),
    ordersByLease: createGroupLoader(
      (ids) => ds.getRepository(DirectPaymentOrder).createQueryBuilder('x').where('x.lease_id = ANY(:ids)', { ids }).andWhere(reachable, reach.params).orderBy('x.starts_on', 'DESC').getMany(),
      (o) => o.leaseId,
    ),
    ordersByBeneficiary: createGroupLoader(
      (ids) =>
        ds.getRepository(DirectPaymentOrder).createQueryBuilder('x').innerJoin(Lease, 'lb', 'lb.id = x.lease_id').addSelect('lb.beneficiary_id', 'beneficiary_id')
          .where('lb.beneficiary_id = ANY(:ids)', { ids }).andWhere(reachable, reach.params).orderBy('x.starts_on', 'DESC')
          .getRawAndEntities().then(({ raw, entities }) => entities.map((o, i) => Object.assign(o, { beneficiaryId: raw[i].beneficiary_id as string }))),
      (o) => o.beneficiaryId,
    ),
    paymentsByLease: createGroupLoader(
      (ids) =>
        ds.getRepository(RentPayment).createQueryBuilder('x').where('x.lease_id = ANY(:ids)', { ids }).andWhere(reachable, reach.params)
          .andWhere(`x.month >= to_char(current_date - make_interval(months => ${PAYMENT_HISTORY_MONTHS}), 'YYYY-MM')`).orderBy('x.month', 'DESC').getMany(),
      (p) => p.leaseId,
    ),
  };
}

export type BailleurLoaders = ReturnType<typeof createLoaders>;

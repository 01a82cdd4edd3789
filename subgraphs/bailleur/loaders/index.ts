import type { DataSource } from 'typeorm';
import type { Caller } from '../../kit/access/caller';
import type { PersonRegistry } from '../../kit/access/department-registry';
import DataLoader from 'dataloader';
import { createGroupLoader, createRowLoader, isUuid, select, selectTogether } from '../../kit/db/loaders';
import { REACH_ALL } from '../../kit/access/reach';
import {
  DirectPaymentOrder,
  Lease,
  RentArrearsDeclaration,
  RentPayment,
  RentPaymentCorrection,
  RentTerm,
} from '../entities';
import { leaseReach } from '../permissions/reach';
import { ARREARS_WINDOW_MONTHS } from '../rules/arrears.rule';
import { CORRECTION_IN_REACH, DECLARED_SINCE, LAST_PAYMENTS_OF_PERSONS, PAID_SINCE, ROW_OF_LEASE } from '../sql';

/** How many months of payments a lease shows at most. */
export const PAYMENT_HISTORY_MONTHS = 12;
/** `payments(last:)` when not given. */
export const PAYMENTS_DEFAULT_LAST = 3;

/**
 * Every loader applies the caller's reach in its statement and, for département staff, keeps the rows of the persons
 * the département's registry says they reach (`keep`, one registry call per request).
 */
export function createLoaders(ds: DataSource, caller: Caller, registry: PersonRegistry) {
  const reach = leaseReach(caller, 'l', registry);
  const keep = registry.keep;
  // The row's lease in reach. The batch's ids go INSIDE the EXISTS (`within`: the lease ids, or the persons' ids), so
  // that PostgreSQL checks the reach for those leases only, not over every lease in reach; none at all when the reach
  // is everything (the foreign key already guarantees the lease).
  const reachable = (within: 'id' | 'beneficiary_id') =>
    reach === REACH_ALL ? 'TRUE' : ROW_OF_LEASE('x', reach.sql, within);
  const paymentsByLease = createGroupLoader(
    (ids) =>
      select(ds, RentPayment, 'x')
        .where('x.lease_id = ANY(:ids)', { ids })
        .andWhere(reachable('id'), reach.params)
        .andWhere(PAID_SINCE(PAYMENT_HISTORY_MONTHS))
        .orderBy('x.month', 'DESC')
        .getMany()
        .then(keep),
    (p) => p.leaseId,
  );

  /**
   * How many payments per lease the request shows at most (`showPayments`: its largest `payments(last:)`), so that the
   * read below fetches those only; all the history (PAYMENT_HISTORY_MONTHS) until told.
   */
  let paymentsShown: number | undefined;

  /**
   * A person's leases, the payment orders on them and the leases' payments, in ONE statement (issue 21 §3: the
   * caseload asks the three together): the same rows as the three reads apart, each under the caller's reach and the
   * registry's `keep`; the last `paymentsShown` payments of each lease are primed into `paymentsByLease`.
   */
  const tenancyOf = new DataLoader<string, { leases: Lease[]; orders: DirectPaymentOrder[] }>(async (keys) => {
    const ids = [...new Set(keys.filter(isUuid).map((id) => id.toLowerCase()))];
    const [leases, orders, payments] = ids.length
      ? await selectTogether(ds, [
          select(ds, Lease, 'l')
            .where('l.beneficiary_id = ANY(:ids)', { ids })
            .andWhere(reach.sql, reach.params)
            .orderBy('l.starts_on', 'DESC'),
          select(ds, DirectPaymentOrder, 'x')
            .where('x.beneficiary_id = ANY(:ids)', { ids })
            .andWhere(reachable('beneficiary_id'), reach.params)
            .orderBy('x.starts_on', 'DESC'),
          select(ds, RentPayment, 'x')
            .where('x.beneficiary_id = ANY(:ids)', { ids })
            .andWhere(reachable('beneficiary_id'), reach.params)
            .andWhere(LAST_PAYMENTS_OF_PERSONS(paymentsShown ?? PAYMENT_HISTORY_MONTHS, PAYMENT_HISTORY_MONTHS))
            .orderBy('x.month', 'DESC'),
        ] as const)
      : [[], [], []];
    const [kept, keptOrders, keptPayments] = await Promise.all([keep(leases), keep(orders), keep(payments)]);
    const byPerson = new Map<string, { leases: Lease[]; orders: DirectPaymentOrder[] }>();
    const of = (id: string) => {
      let t = byPerson.get(id);
      if (!t) byPerson.set(id, (t = { leases: [], orders: [] }));
      return t;
    };
    for (const l of kept) {
      of(l.beneficiaryId).leases.push(l);
      paymentsByLease.prime(
        l.id,
        keptPayments.filter((p) => p.leaseId === l.id),
      );
    }
    for (const o of keptOrders) of(o.beneficiaryId).orders.push(o);
    return keys.map((k) => byPerson.get(k.toLowerCase()) ?? { leases: [], orders: [] });
  });
  return {
    /**
     * The request shows at most `last()` payments per lease (the largest `payments(last:)` of its operation), told
     * before the leases of its persons are read: each lease's payments beyond them are not fetched. Asked once per
     * request.
     */
    showPayments(last: () => number) {
      paymentsShown ??= Math.min(Math.max(Math.trunc(last()), 1), PAYMENT_HISTORY_MONTHS);
    },
    lease: createRowLoader(
      (ids) =>
        select(ds, Lease, 'l')
          .where('l.id = ANY(:ids)', { ids })
          .andWhere(reach.sql, reach.params)
          .getMany()
          .then(keep),
      (l) => l.id,
    ),
    leasesByBeneficiary: new DataLoader<string, Lease[]>(async (ids) =>
      (await tenancyOf.loadMany(ids)).map((t) => (t instanceof Error ? t : t.leases)),
    ),
    ordersByLease: createGroupLoader(
      (ids) =>
        select(ds, DirectPaymentOrder, 'x')
          .where('x.lease_id = ANY(:ids)', { ids })
          .andWhere(reachable('id'), reach.params)
          .orderBy('x.starts_on', 'DESC')
          .getMany()
          .then(keep),
      (o) => o.leaseId,
    ),
    ordersByBeneficiary: new DataLoader<string, DirectPaymentOrder[]>(async (ids) =>
      (await tenancyOf.loadMany(ids)).map((t) => (t instanceof Error ? t : t.orders)),
    ),
    paymentsByLease,
    /** The dated rent table of each lease, oldest line first. */
    rentHistoryByLease: createGroupLoader(
      (ids) =>
        select(ds, RentTerm, 'x')
          .where('x.lease_id = ANY(:ids)', { ids })
          .andWhere(reachable('id'), reach.params)
          .orderBy('x.effective_from', 'ASC')
          .getMany()
          .then(keep),
      (t) => t.leaseId,
    ),
    /** The corrections of each confirmation, oldest first. */
    correctionsByPayment: createGroupLoader(
      (ids) =>
        select(ds, RentPaymentCorrection, 'x')
          .where('x.payment_id = ANY(:ids)', { ids })
          .andWhere(CORRECTION_IN_REACH(reach.sql), reach.params)
          .orderBy('x.corrected_at', 'ASC')
          .getMany()
          .then(keep),
      (c) => c.paymentId,
    ),
    /** Confirmations of the arrears window, per person (all their reachable leases). */
    arrearsPaymentsByBeneficiary: createGroupLoader(
      (ids) =>
        select(ds, RentPayment, 'x')
          .where('x.beneficiary_id = ANY(:ids)', { ids })
          .andWhere(reachable('beneficiary_id'), reach.params)
          .andWhere(PAID_SINCE(ARREARS_WINDOW_MONTHS))
          .getMany()
          .then(keep),
      (p) => p.beneficiaryId,
    ),
    /** Arrears declarations of the arrears window, per person. */
    declarationsByBeneficiary: createGroupLoader(
      (ids) =>
        select(ds, RentArrearsDeclaration, 'x')
          .where('x.beneficiary_id = ANY(:ids)', { ids })
          .andWhere(reachable('beneficiary_id'), reach.params)
          .andWhere(DECLARED_SINCE(ARREARS_WINDOW_MONTHS))
          .orderBy('x.declared_at', 'ASC')
          .getMany()
          .then(keep),
      (d) => d.beneficiaryId,
    ),
  };
}

export type BailleurLoaders = ReturnType<typeof createLoaders>;

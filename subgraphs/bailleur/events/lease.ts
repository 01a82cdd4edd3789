import type { EntityManager } from 'typeorm';
import { publish } from '../../kit/events/outbox';
import { todayIso } from '../../kit/rules/calendar';
import { DirectPaymentOrder, Lease, RentTerm } from '../entities';
import { BailleurErrorCode, DEPARTMENTAL_PRACTICE, refusal } from '../rules/errors';
import { assertLeaseEnd, assertLeaseFacts, assertRentRevision, LeaseFacts } from '../rules/lease.rule';
import { assertDirectPaymentWithinRent } from '../rules/direct-payment.rule';

/**
 * The landlord's leases as data: recorded, revised and ended by these functions only — the API's mutations
 * (resolvers/lease-record.resolver.ts) and the demo seed call them — each telling the département in the same
 * transaction (`lease.recorded`, `lease.ended`; schema/events.ts). The tenant's existence at the département is
 * checked by the caller before (the registry: the seed's persons come from the département's own plan).
 */

/** `lease.recorded` carries the rent in force today: sent again on each revision (the département keeps the last). */
function leaseRecorded(tx: EntityManager, lease: Lease) {
  return publish(tx, 'lease.recorded', {
    leaseId: lease.id,
    beneficiaryId: lease.beneficiaryId,
    landlordOrgId: lease.landlordOrgId,
    reference: lease.reference,
    rentCents: lease.rentCents,
    chargesCents: lease.chargesCents,
    startsOn: lease.startsOn,
    endsOn: lease.endsOn,
  });
}

/** Records a lease of `landlordOrgId` for a person, with the first line of its rent table. */
export async function recordLeaseIn(
  tx: EntityManager,
  landlordOrgId: string,
  beneficiaryId: string,
  facts: LeaseFacts,
  recordedBy: string,
  id?: string,
): Promise<Lease> {
  assertLeaseFacts(facts);
  const taken = await tx.getRepository(Lease).existsBy({ landlordOrgId, reference: facts.reference.trim() });
  if (taken) {
    throw refusal(
      BailleurErrorCode.LEASE_REFERENCE_TAKEN,
      DEPARTMENTAL_PRACTICE,
      `Votre organisation a déjà un bail de référence « ${facts.reference.trim()} ». / Your organisation already has a lease with reference "${facts.reference.trim()}".`,
      { field: 'reference' },
    );
  }
  const repo = tx.getRepository(Lease);
  const saved = await repo.save(
    repo.create({
      ...(id ? { id } : {}),
      landlordOrgId,
      beneficiaryId,
      reference: facts.reference.trim(),
      address: facts.address.trim(),
      tenantName: facts.tenantName.trim(),
      rentCents: facts.rentCents,
      chargesCents: facts.chargesCents,
      startsOn: facts.startsOn,
      endsOn: facts.endsOn,
      recordedBy,
    }),
  );
  await tx.getRepository(RentTerm).insert({
    leaseId: saved.id,
    beneficiaryId,
    effectiveFrom: facts.startsOn,
    rentCents: facts.rentCents,
    chargesCents: facts.chargesCents,
  });
  const lease = await repo.findOneByOrFail({ id: saved.id });
  await leaseRecorded(tx, lease);
  return lease;
}

/**
 * A rent revision in force from `effectiveFrom` (not to come): a line of the rent table; the lease's rent becomes it
 * when it is the latest line. Every order running on or after that day must still fit the rent (CASF L271-5).
 * `lease` is locked by the caller.
 */
export async function reviseRentIn(
  tx: EntityManager,
  lease: Lease,
  revision: { effectiveFrom: string; rentCents: number; chargesCents: number },
  today = todayIso(),
): Promise<Lease> {
  assertRentRevision(lease, revision, today);
  if (await tx.getRepository(RentTerm).existsBy({ leaseId: lease.id, effectiveFrom: revision.effectiveFrom })) {
    throw refusal(
      BailleurErrorCode.RENT_TERM_ALREADY_RECORDED,
      DEPARTMENTAL_PRACTICE,
      `Une ligne du loyer commence déjà le ${revision.effectiveFrom}. / A rent line already starts on ${revision.effectiveFrom}.`,
      { field: 'effectiveFrom' },
    );
  }
  const running = await tx
    .getRepository(DirectPaymentOrder)
    .createQueryBuilder('o')
    .where('o.lease_id = :id', { id: lease.id })
    .andWhere('(o.ends_on IS NULL OR o.ends_on >= :from)', { from: revision.effectiveFrom })
    .getMany();
  for (const o of running)
    assertDirectPaymentWithinRent(o.monthlyAmountCents, revision.rentCents + revision.chargesCents);
  await tx.getRepository(RentTerm).insert({
    leaseId: lease.id,
    beneficiaryId: lease.beneficiaryId,
    ...revision,
  });
  const latest = await tx
    .getRepository(RentTerm)
    .createQueryBuilder('t')
    .where('t.lease_id = :id', { id: lease.id })
    .orderBy('t.effective_from', 'DESC')
    .getOneOrFail();
  if (latest.effectiveFrom === revision.effectiveFrom) {
    await tx
      .getRepository(Lease)
      .update({ id: lease.id }, { rentCents: revision.rentCents, chargesCents: revision.chargesCents });
  }
  const updated = await tx.getRepository(Lease).findOneByOrFail({ id: lease.id });
  await leaseRecorded(tx, updated);
  return updated;
}

/**
 * The lease ends on `endsOn` (its last day). The orders running past it stop that day: no rent is due after the lease.
 * `lease` is locked by the caller.
 */
export async function endLeaseIn(tx: EntityManager, lease: Lease, endsOn: string, endedBy: string): Promise<Lease> {
  assertLeaseEnd(lease, endsOn);
  await tx.getRepository(Lease).update({ id: lease.id }, { endsOn, endedBy });
  await tx
    .getRepository(DirectPaymentOrder)
    .createQueryBuilder()
    .update()
    .set({ endsOn: () => `GREATEST(starts_on, :endsOn::date)`, endedBy })
    .where('lease_id = :id AND (ends_on IS NULL OR ends_on > :endsOn)', { id: lease.id, endsOn })
    .setParameters({ endsOn })
    .execute();
  await publish(tx, 'lease.ended', {
    leaseId: lease.id,
    beneficiaryId: lease.beneficiaryId,
    landlordOrgId: lease.landlordOrgId,
    endsOn,
  });
  return tx.getRepository(Lease).findOneByOrFail({ id: lease.id });
}

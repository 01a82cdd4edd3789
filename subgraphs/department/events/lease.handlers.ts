import type { EntityManager } from 'typeorm';
import type { PartnerEvent } from '../../../schema/events';
import { todayIso } from '../../kit/rules/calendar';
import { DepartmentCode, DEPARTMENTAL_PRACTICE, refusal } from '../rules/errors';
import { endPaymentOrdersOfLease, notifyReferent } from '../resolvers/payment-order';
import { relayLeases } from './maj.handlers';

/**
 * What the landlords tell the département (schema/events.ts): their leases and the arrears their records show. Each
 * handler runs in the inbox's transaction and applies a fact once (upsert by the landlord's ids).
 */

/** The last state wins; a lease never changes person or landlord. */
const UPSERT_LEASE_FACT_SQL = `INSERT INTO department.lease_fact
    (lease_id, beneficiary_id, landlord_org_id, reference, rent_cents, charges_cents, starts_on, ends_on)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (lease_id) DO UPDATE SET reference = EXCLUDED.reference, rent_cents = EXCLUDED.rent_cents,
    charges_cents = EXCLUDED.charges_cents, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on
  WHERE lease_fact.beneficiary_id = EXCLUDED.beneficiary_id AND lease_fact.landlord_org_id = EXCLUDED.landlord_org_id`;

/** A lease's tenant must be a person of the register (the landlord checked it when recording; refused otherwise). */
async function assertPersonOfRegister(tx: EntityManager, beneficiaryId: string): Promise<void> {
  const found: unknown[] = await tx.query(`SELECT 1 FROM department.beneficiary WHERE id = $1`, [beneficiaryId]);
  if (!found.length) {
    throw refusal(
      DepartmentCode.LEASE_TENANT_UNKNOWN,
      DEPARTMENTAL_PRACTICE,
      "Ce bail nomme une personne absente du registre du Département. / This lease names a person who is not in the département's register.",
    );
  }
}

export async function handleLeaseRecorded(tx: EntityManager, event: PartnerEvent<'lease.recorded'>): Promise<void> {
  const d = event.data;
  await assertPersonOfRegister(tx, d.beneficiaryId);
  await tx.query(UPSERT_LEASE_FACT_SQL, [
    d.leaseId,
    d.beneficiaryId,
    d.landlordOrgId,
    d.reference,
    d.rentCents,
    d.chargesCents,
    d.startsOn,
    d.endsOn,
  ]);
  // Recorded with its end already: the orders on it stop then too.
  if (d.endsOn) await endPaymentOrdersOfLease(tx, d.leaseId, d.endsOn, event.id);
  // The MJPM serving this person learns the lease (`lease.known`), in the same transaction.
  await relayLeases(tx, d.beneficiaryId);
}

/** The lease ended: the fact keeps its last day, and the direct payments on it stop that day (CASF L271-5). */
export async function handleLeaseEnded(tx: EntityManager, event: PartnerEvent<'lease.ended'>): Promise<void> {
  const d = event.data;
  await tx.query(
    `UPDATE department.lease_fact SET ends_on = $2 WHERE lease_id = $1 AND landlord_org_id = $3 AND (ends_on IS NULL OR ends_on > $2)`,
    [d.leaseId, d.endsOn, d.landlordOrgId],
  );
  await endPaymentOrdersOfLease(tx, d.leaseId, d.endsOn, event.id);
  await relayLeases(tx, d.beneficiaryId);
}

/**
 * CASF L271-5: two months unpaid on a lease, from the landlord's records: kept (the request is filed on it) and told
 * to the référent, once per state of the arrears.
 */
export async function handleArrearsReached(tx: EntityManager, event: PartnerEvent<'arrears.reached'>): Promise<void> {
  const d = event.data;
  const lease: { beneficiary_id: string }[] = await tx.query(
    `SELECT beneficiary_id FROM department.lease_fact WHERE lease_id = $1 AND landlord_org_id = $2`,
    [d.leaseId, d.landlordOrgId],
  );
  // The landlord's queue is ordered: its lease.recorded came first. A lease unknown here is not this landlord's.
  if (!lease.length || lease[0].beneficiary_id !== d.beneficiaryId) {
    throw refusal(
      DepartmentCode.DIRECT_PAYMENT_NO_LEASE,
      'CASF L271-5',
      "Ces impayés portent sur un bail que ce bailleur n'a pas enregistré pour cette personne. / These arrears are on a lease this landlord did not record for this person.",
    );
  }
  const inserted: { id: string }[] = await tx.query(
    `INSERT INTO department.arrears_fact (lease_id, beneficiary_id, landlord_org_id, unpaid_months, declaration_id, reached_on)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (lease_id, unpaid_months, declaration_id) DO NOTHING RETURNING id`,
    [
      d.leaseId,
      d.beneficiaryId,
      d.landlordOrgId,
      [...d.unpaidMonths].sort(),
      d.declarationId,
      todayIso(new Date(event.occurredAt)), // the day the landlord's records reached it, not the day it arrived
    ],
  );
  if (!inserted.length) return;
  await notifyReferent(
    tx,
    d.beneficiaryId,
    'arrears.reached',
    { leaseId: d.leaseId, unpaidMonths: d.unpaidMonths, declarationId: d.declarationId },
    event.id,
  );
}

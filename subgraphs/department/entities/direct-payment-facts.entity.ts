import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A lease as its landlord recorded it (`lease.recorded` / `lease.ended`, schema/events.ts); the last state wins. */
@Entity({ name: 'lease_fact' })
export class LeaseFact {
  @PrimaryColumn({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'landlord_org_id', type: 'uuid' })
  landlordOrgId: string;

  @Column({ type: 'text' })
  reference: string;

  @Column({ name: 'rent_cents', type: 'integer' })
  rentCents: number;

  @Column({ name: 'charges_cents', type: 'integer' })
  chargesCents: number;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn: string | null;
}

/**
 * CASF L271-5: rent unpaid two consecutive months on a lease, as the landlord's own records show it (MISSING
 * confirmations, or a declaration of arrears: `declarationId`), learnt through `arrears.reached`.
 */
@Entity({ name: 'arrears_fact' })
export class ArrearsFact {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'landlord_org_id', type: 'uuid' })
  landlordOrgId: string;

  @Column({ name: 'unpaid_months', type: 'text', array: true })
  unpaidMonths: string[];

  @Column({ name: 'declaration_id', type: 'uuid', nullable: true })
  declarationId: string | null;

  @Column({ name: 'reached_on', type: 'date' })
  reachedOn: string;
}

export enum PaymentOrderStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

/**
 * A direct payment of the rent to the landlord the département decided on a judgment (CASF L271-5): it executes that
 * judgment's term and ends with it; the landlord holds it as a direct-payment order (`payment-order.decided`).
 */
@Entity({ name: 'payment_order' })
export class PaymentOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'judgment_id', type: 'uuid' })
  judgmentId: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @Column({ name: 'landlord_org_id', type: 'uuid' })
  landlordOrgId: string;

  @Column({ name: 'payer_org_id', type: 'uuid' })
  payerOrgId: string;

  @Column({ name: 'monthly_amount_cents', type: 'integer' })
  monthlyAmountCents: number;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  /** The last day paid: the day before the judgment's term ends. */
  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;

  @Column({ type: 'text', default: PaymentOrderStatus.ACTIVE })
  status: PaymentOrderStatus;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;
}

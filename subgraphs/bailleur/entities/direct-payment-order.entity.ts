import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** Who pays the rent directly to the landlord. */
export enum PayerKind {
  /** The délégataire of a MASP 2 (CASF L271-2/3) or the département itself. */
  ASSOCIATION = 'ASSOCIATION',
  DEPARTEMENT = 'DEPARTEMENT',
  /** The paying body, on a judgment of versement direct (CASF L271-5). */
  ORGANISME_PAYEUR = 'ORGANISME_PAYEUR',
  /** The MJPM running a MAJ. */
  MANDATAIRE = 'MANDATAIRE',
}
registerEnumType(PayerKind, { name: 'PayerKind' });

/** The legal basis of a direct payment (rules/direct-payment.rule.ts says which payer each allows). */
export enum DirectPaymentBasis {
  /** MASP 2 with management of benefits, rent paid first (CASF L271-2, delegated under L271-3). */
  MASP2_DELEGATION = 'MASP2_DELEGATION',
  /** MASP 3: a judgment of versement direct (CASF L271-5). */
  MASP3_JUDGMENT = 'MASP3_JUDGMENT',
  /** A MAJ run by an MJPM (C. civ. 495-7). */
  MAJ_MANDATE = 'MAJ_MANDATE',
}
registerEnumType(DirectPaymentBasis, { name: 'DirectPaymentBasis' });

/** An order to pay (part of) the rent directly to the landlord, attached to a lease. */
@Entity({ name: 'direct_payment_order' })
@ObjectType('DirectPaymentOrder')
export class DirectPaymentOrder {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  leaseId: string;

  /** The person (audit contract: every classified object names its person). Equal to the lease's, by foreign key. */
  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  /**
   * JUDICIAL, not TENANCY: the basis tells the MASP level or a MAJ, which a landlord must never learn (schema/policy.md
   * › Why);
   * the landlord sees the payer and the amount.
   */
  @Column({ type: 'enum', enum: DirectPaymentBasis, enumName: 'direct_payment_basis' })
  @ClassifiedField(Domain.JUDICIAL, () => DirectPaymentBasis, {
    description: 'The legal basis of the direct payment (reveals the measure: JUDICIAL).',
  })
  basis: DirectPaymentBasis;

  @Column({ name: 'payer_org_id', type: 'uuid' })
  @ClassifiedField(Domain.TENANCY, () => ID, { description: 'The organisation that pays the rent to the landlord.' })
  payerOrgId: string;

  @Column({ name: 'payer_kind', type: 'enum', enum: PayerKind, enumName: 'payer_kind' })
  @ClassifiedField(Domain.TENANCY, () => PayerKind)
  payerKind: PayerKind;

  @Column({ name: 'monthly_amount_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, {
    description: 'Monthly amount paid directly, euro cents (≤ rent + charges, CASF L271-5).',
  })
  monthlyAmountCents: number;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn: string | null;

  @Column({ name: 'created_by', type: 'text', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'ended_by', type: 'text', nullable: true })
  endedBy: string | null;

  /**
   * MASP3_JUDGMENT only: the département's judgment it executes (CASF L271-5). Not a field: the landlord must not learn
   * the measure (schema/policy.md › Why).
   */
  @Column({ name: 'judgment_id', type: 'uuid', nullable: true })
  judgmentId: string | null;
}

import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/classified';

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

/** An order to pay (part of) the rent directly to the landlord, attached to a lease. */
@Entity({ name: 'direct_payment_order' })
@ObjectType('DirectPaymentOrder')
export class DirectPaymentOrder {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  @Column({ name: 'payer_org_id', type: 'uuid' })
  payerOrgId: string;

  @Column({ name: 'payer_kind', type: 'enum', enum: PayerKind, enumName: 'payer_kind' })
  @ClassifiedField(Domain.TENANCY, () => PayerKind)
  payerKind: PayerKind;

  @Column({ name: 'monthly_amount_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => Int, { description: 'Monthly amount paid directly, euro cents (≤ rent + charges).' })
  monthlyAmountCents: number;

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn: string | null;
}

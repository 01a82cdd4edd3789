import { GraphQLCents, GraphQLLocalDate, GraphQLMonth } from '../../kit/schema/scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

export enum RentPaymentStatus {
  /**
   * Kept for the released enum type; no row carries it (a month without confirmation is PENDING in ExpectedPayment).
   */
  EXPECTED = 'EXPECTED',
  CONFIRMED = 'CONFIRMED',
  PARTIAL = 'PARTIAL',
  MISSING = 'MISSING',
}
registerEnumType(RentPaymentStatus, { name: 'RentPaymentStatus' });

/** The landlord's confirmation of what arrived for one lease and month (one row per lease and month, UNIQUE). */
@Entity({ name: 'rent_payment' })
@ObjectType('RentPayment')
export class RentPayment {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  leaseId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  /** YYYY-MM */
  @Column({ type: 'text' })
  @Public()
  @Field(() => GraphQLMonth, { description: 'The month, YYYY-MM.' })
  month: string;

  @Column({ name: 'expected_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents)
  expectedCents: number;

  @Column({ name: 'received_cents', type: 'integer', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents)
  receivedCents: number | null;

  @Column({ name: 'received_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => GraphQLLocalDate, {
    description: 'When the landlord received it (none when nothing arrived).',
  })
  receivedOn: string | null;

  @Column({ type: 'enum', enum: RentPaymentStatus, enumName: 'rent_payment_status' })
  @Public()
  @Field(() => RentPaymentStatus)
  status: RentPaymentStatus;

  @Column({ name: 'confirmed_by', type: 'text', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => String, {
    description: 'Who confirmed it first (the clerk, `sub`); corrections name their own author.',
  })
  confirmedBy: string | null;

  @Column({ name: 'confirmed_at', type: 'timestamptz', default: () => 'now()' })
  confirmedAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/classified';

export enum RentPaymentStatus {
  EXPECTED = 'EXPECTED',
  CONFIRMED = 'CONFIRMED',
  PARTIAL = 'PARTIAL',
  MISSING = 'MISSING',
}
registerEnumType(RentPaymentStatus, { name: 'RentPaymentStatus' });

/** The rent expected for one lease and month, and what the landlord confirmed receiving. */
@Entity({ name: 'rent_payment' })
@ObjectType('RentPayment')
export class RentPayment {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ name: 'lease_id', type: 'uuid' })
  leaseId: string;

  /** YYYY-MM */
  @Column({ type: 'text' })
  @Field(() => String, { description: 'The month, YYYY-MM.' })
  month: string;

  @Column({ name: 'expected_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => Int)
  expectedCents: number;

  @Column({ name: 'received_cents', type: 'integer', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => Int)
  receivedCents: number | null;

  @Column({ type: 'enum', enum: RentPaymentStatus, enumName: 'rent_payment_status' })
  @Field(() => RentPaymentStatus)
  status: RentPaymentStatus;
}

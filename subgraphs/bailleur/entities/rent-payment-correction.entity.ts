import { GraphQLDateTime } from 'graphql-scalars';
import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { RentPaymentStatus } from './rent-payment.entity';

/** A confirmation changed after the fact: what it said before, what it says now, and who changed it. */
@Entity({ name: 'rent_payment_correction' })
@ObjectType('RentPaymentCorrection')
export class RentPaymentCorrection {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'previous_received_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents)
  previousReceivedCents: number;

  @Column({ name: 'previous_received_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => GraphQLLocalDate)
  previousReceivedOn: string | null;

  @Column({ name: 'previous_status', type: 'enum', enum: RentPaymentStatus, enumName: 'rent_payment_status' })
  @ClassifiedField(Domain.TENANCY, () => RentPaymentStatus)
  previousStatus: RentPaymentStatus;

  @Column({ name: 'received_cents', type: 'integer' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLCents)
  receivedCents: number;

  @Column({ name: 'received_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.TENANCY, () => GraphQLLocalDate)
  receivedOn: string | null;

  @Column({ type: 'enum', enum: RentPaymentStatus, enumName: 'rent_payment_status' })
  @ClassifiedField(Domain.TENANCY, () => RentPaymentStatus)
  status: RentPaymentStatus;

  @Column({ name: 'author_sub', type: 'text' })
  @ClassifiedField(Domain.TENANCY, () => String, { description: 'Who corrected (the clerk, `sub`).' })
  authorSub: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  @ClassifiedField(Domain.TENANCY, () => ID)
  authorOrgId: string;

  @Column({ name: 'corrected_at', type: 'timestamptz', default: () => 'now()' })
  @ClassifiedField(Domain.TENANCY, () => GraphQLDateTime)
  correctedAt: Date;
}

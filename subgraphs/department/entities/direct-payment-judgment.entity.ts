import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** A judgment ordering (or renewing) the direct payment to the landlord (CASF L271-5): JUDICIAL. */
@Entity({ name: 'direct_payment_judgment' })
@ObjectType('DirectPaymentJudgment')
export class DirectPaymentJudgment {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'request_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  requestId: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  /** The term it ordered; null when that term was dropped because the measure ended before it began. */
  @Column({ name: 'term_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true })
  termId: string | null;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  court: string;

  @Column({ name: 'judgment_on', type: 'date' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  judgmentOn: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  reference: string;

  @Column({ name: 'monthly_amount_cents', type: 'integer' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLCents)
  monthlyAmountCents: number;

  @Column({ name: 'monthly_resources_cents', type: 'integer' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLCents)
  monthlyResourcesCents: number;
}

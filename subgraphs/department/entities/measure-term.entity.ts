import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** One term of a measure: the initial contract (or judgment) and each renewal (CASF L271-2, L271-5). Lifecycle data. */
@Entity({ name: 'measure_term' })
@ObjectType('MeasureTerm')
export class MeasureTerm {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'integer' })
  @Public()
  @Field(() => Int, { description: '1 for the initial term, then one per renewal.' })
  seq: number;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  endsOn: string;

  @Column({ type: 'integer' })
  @Public()
  @Field(() => Int)
  months: number;

  @Column({ name: 'evaluation_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: 'The prior evaluation a renewal rests on.' })
  evaluationId: string | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  decidedOn: string | null;

  @Column({ name: 'renewal_exception', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String, {
    description: 'Documented exception for a renewal after the benefits ended.',
  })
  renewalException: string | null;
}

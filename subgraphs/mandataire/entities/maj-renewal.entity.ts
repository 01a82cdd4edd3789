import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** A renewal of a MAJ by specially reasoned decision (C. civ. 495-8): ≤ 24 months from the previous term. */
@Entity({ name: 'judicial_measure_renewal' })
@ObjectType('MajRenewal')
export class MajRenewal {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'judicial_measure_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  judicialMeasureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'decided_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  decidedOn: string;

  @Column({ name: 'previous_ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  previousEndsOn: string;

  @Column({ name: 'new_ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  newEndsOn: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, { description: "The decision's reasons." })
  reason: string;

  @Column({ name: 'recorded_by_sub', type: 'text' })
  recordedBySub: string;
}

import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/classified';
import { MeasureLevel, MeasureStatus } from './enums';

/**
 * A MASP measure (contract or judgment). The level is classified SOCIAL_SUMMARY: it is handed to the délégataire
 * and the MJPM, and must never reach a landlord (policy.md: "the landlord never learns the MASP level").
 */
@Entity({ name: 'measure' })
@ObjectType('Measure')
@Directive('@key(fields: "id")')
export class Measure {
  @PrimaryGeneratedColumn('uuid')
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'enum', enum: MeasureLevel, enumName: 'measure_level' })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => MeasureLevel)
  level: MeasureLevel;

  @Column({ type: 'enum', enum: MeasureStatus, enumName: 'measure_status' })
  @Field(() => MeasureStatus)
  status: MeasureStatus;

  @Column({ name: 'starts_on', type: 'date' })
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Field(() => GraphQLLocalDate)
  endsOn: string;
}

import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { MeasureLevel } from './enums';

/** An avenant to a MASP contract (CASF L271-2): level 1 → 2, managed benefits, objectives. */
@Entity({ name: 'avenant' })
@ObjectType('Avenant')
export class Avenant {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'signed_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  signedOn: string;

  @Column({ name: 'from_level', type: 'enum', enum: MeasureLevel, enumName: 'measure_level' })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => MeasureLevel)
  fromLevel: MeasureLevel;

  @Column({ name: 'to_level', type: 'enum', enum: MeasureLevel, enumName: 'measure_level' })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => MeasureLevel)
  toLevel: MeasureLevel;

  @Column({ name: 'managed_benefits', type: 'text', array: true, nullable: true })
  @ClassifiedField(Domain.BENEFITS, () => [BenefitKind])
  managedBenefits: BenefitKind[] | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  objectives: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  engagements: string | null;

  @Column({ name: 'author_sub', type: 'text' })
  authorSub: string;

  /** CASF L271-2: the day the person signed the written authorisation to manage benefits (MASP 2). */
  @Column({ name: 'authorisation_signed_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  authorisationSignedOn: string | null;

  /** CASF L271-2: the benefits the person authorised the Département to receive and manage. */
  @Column({ name: 'authorised_benefits', type: 'text', array: true, nullable: true })
  @ClassifiedField(Domain.BENEFITS, () => [BenefitKind])
  authorisedBenefits: BenefitKind[] | null;
}

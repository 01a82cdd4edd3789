import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { EligibilityRefusal } from './enums';

/** One assessment of CASF L271-1, recorded with its facts and its outcome (SOCIAL). */
@Entity({ name: 'eligibility_check' })
@ObjectType('EligibilityCheck')
export class EligibilityCheck {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'checked_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  checkedOn: string;

  @Column({ name: 'checked_by', type: 'text' })
  checkedBy: string;

  @Column({ name: 'threat_to_health_or_safety', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  threatToHealthOrSafety: string | null;

  @Column({ name: 'capacity_to_consent', type: 'boolean' })
  @ClassifiedField(Domain.SOCIAL, () => Boolean)
  capacityToConsent: boolean;

  @Column({ name: 'protection_override', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  protectionOverride: string | null;

  @Column({ type: 'boolean' })
  @ClassifiedField(Domain.SOCIAL, () => Boolean)
  eligible: boolean;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  @ClassifiedField(Domain.SOCIAL, () => [EligibilityRefusal])
  refusals: EligibilityRefusal[];

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;
}

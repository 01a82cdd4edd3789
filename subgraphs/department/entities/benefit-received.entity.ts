import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BENEFITS } from '../../../schema/benefits';
import { Domain } from '../../../schema/policy';
import { BenefitKind, BenefitTier } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/** A benefit of the D271-2 list the person receives (BENEFITS: an AAH reveals a disability). */
@Entity({ name: 'benefit_received' })
@ObjectType('BenefitReceived')
export class BenefitReceived {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.BENEFITS, () => BenefitKind)
  kind: BenefitKind;

  /** D271-2 core list (1°–17°) or extension (18°–29°). */
  @ClassifiedField(Domain.BENEFITS, () => BenefitTier)
  get tier(): BenefitTier {
    return BENEFITS[this.kind].tier;
  }

  @Column({ name: 'monthly_amount_cents', type: 'integer' })
  @ClassifiedField(Domain.BENEFITS, () => GraphQLCents)
  monthlyAmountCents: number;

  @Column({ name: 'paying_body', type: 'text' })
  @ClassifiedField(Domain.BENEFITS, () => String)
  payingBody: string;

  /** Paid to a third party (e.g. APL to the landlord): does not count for eligibility (D271-2). */
  @Column({ name: 'tiers_payant', type: 'boolean', default: false })
  @ClassifiedField(Domain.BENEFITS, () => Boolean)
  tiersPayant: boolean;

  @Column({ name: 'starts_on', type: 'date' })
  @ClassifiedField(Domain.BENEFITS, () => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.BENEFITS, () => GraphQLLocalDate)
  endsOn: string | null;
}

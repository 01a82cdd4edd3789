import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { GraphQLCents } from '../../kit/schema/scalars';

/** A benefit the délégataire receives on the person's behalf (one of the file's managed benefits, CASF L271-2). */
@Entity({ name: 'delegated_benefit' })
@ObjectType('DelegatedBenefit')
export class DelegatedBenefit {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.BENEFITS, () => BenefitKind)
  kind: BenefitKind;

  @Column({ name: 'monthly_amount_cents', type: 'integer' })
  @ClassifiedField(Domain.BENEFITS, () => GraphQLCents, { description: 'Monthly amount, euro cents.' })
  monthlyAmountCents: number;

  @Column({ name: 'paying_body', type: 'text' })
  @ClassifiedField(Domain.BENEFITS, () => String, { description: 'The paying body (CAF, MSA, département…).' })
  payingBody: string;

  @Column({ name: 'recorded_by_sub', type: 'text' })
  recordedBySub: string;

  @Column({ name: 'recorded_by_org_id', type: 'uuid' })
  recordedByOrgId: string;
}

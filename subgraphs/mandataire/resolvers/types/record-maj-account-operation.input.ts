import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';
import { MajAccountOperationKind } from '../../entities/enums';

/** A receipt or a payment on the person's account; the kind says which. */
@InputType('RecordMajAccountOperationInput')
export class RecordMajAccountOperationInput {
  @Field(() => ID)
  judicialMeasureId: string;

  @Field(() => MajAccountOperationKind)
  kind: MajAccountOperationKind;

  @Field(() => GraphQLCents, { description: 'Euro cents, > 0.' })
  amountCents: number;

  @Field(() => GraphQLLocalDate, {
    description: 'Within the MAJ, not in the future, not before the last posted operation.',
  })
  operationDate: string;

  @Field(() => BenefitKind, {
    nullable: true,
    description: 'Required for BENEFIT: one of the benefits the judgment covers.',
  })
  benefitKind?: BenefitKind | null;

  @Field(() => ID, { nullable: true, description: 'Required for RENT_TO_LANDLORD: the lease (bailleur subgraph).' })
  leaseId?: string | null;

  @Field(() => String, { nullable: true })
  label?: string | null;
}

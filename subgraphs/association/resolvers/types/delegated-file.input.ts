import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';
import { BilanKind } from '../../entities/enums';

@InputType('OpenDelegatedFileInput', {
  description: 'A MASP 2 delegated by convention (CASF L271-3): the file the association will run.',
})
export class OpenDelegatedFileInput {
  @Field(() => ID)
  measureId: string;

  @Field(() => ID)
  beneficiaryId: string;

  @Field(() => ID)
  associationOrgId: string;

  @Field({ description: "The `sub` of the association's worker in charge." })
  workerSub: string;

  @Field(() => GraphQLLocalDate)
  startedOn: string;

  @Field(() => [BenefitKind], {
    nullable: true,
    description:
      'Optional: the file takes the benefits of the contract in force from the délégation; a list given must be that one (CASF L271-2).',
  })
  managedBenefits?: BenefitKind[] | null;

  @Field({ description: "The short summary of the evaluation handed over (never the département's full evaluation)." })
  handoverSummary: string;

  @Field(() => GraphQLCents, {
    nullable: true,
    description: 'Rent and charges due each month, euro cents (paid first, CASF L271-2). Default 0.',
  })
  rentAndChargesCents?: number | null;

  @Field(() => GraphQLCents, { nullable: true, description: 'Monthly resources managed, euro cents. Default 0.' })
  monthlyResourcesCents?: number | null;
}

@InputType('CloseDelegatedFileInput', {
  description: 'The delegation ends: the file goes CLOSING (read-only for the délégataire) until its final bilan.',
})
export class CloseDelegatedFileInput {
  @Field(() => ID)
  fileId: string;

  @Field(() => GraphQLLocalDate)
  endedOn: string;
}

@InputType('RecordDelegationBilanInput')
export class RecordDelegationBilanInput {
  @Field(() => ID)
  fileId: string;

  @Field(() => BilanKind, { description: 'PROGRESS while ACTIVE; FINAL once CLOSING, which closes the file.' })
  kind: BilanKind;

  @Field(() => GraphQLLocalDate)
  writtenOn: string;

  @Field()
  summary: string;
}

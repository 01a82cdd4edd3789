import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';
import { MeasureLevel } from '../../entities/enums';

@InputType()
export class ProposeContractInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => MeasureLevel, { description: 'MASP_1 or MASP_2.' }) level: MeasureLevel;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => Int, { description: 'Term in months (CASF L271-2: 6 to 24, a département parameter).' }) months: number;
  @Field({ description: 'The actions proposed.' }) objectives: string;
  @Field() engagements: string;
  @Field(() => [BenefitKind], { defaultValue: [] }) managedBenefits: BenefitKind[];
  @Field({ nullable: true }) extensionJustification?: string;
  @Field(() => GraphQLLocalDate) proposedOn: string;
}

@InputType()
export class AcceptContractProposalInput {
  @Field(() => ID) proposalId: string;
  @Field({ description: 'The person consents and signs.' }) consent: boolean;
  @Field(() => GraphQLLocalDate) signedOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) notifiedOn?: string;
}

@InputType()
export class RefuseContractProposalInput {
  @Field(() => ID) proposalId: string;
  @Field(() => GraphQLLocalDate) refusedOn: string;
  @Field({ nullable: true }) note?: string;
}

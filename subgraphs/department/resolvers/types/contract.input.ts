import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';
import { EndReason, MeasureLevel, RefusalKind } from '../../entities/enums';

@InputType()
export class SignContractInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => MeasureLevel, { description: 'MASP_1 or MASP_2.' }) level: MeasureLevel;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => Int, { description: 'Term in months (CASF L271-2: 6 to 24, a département parameter).' }) months: number;
  @Field() objectives: string;
  @Field() engagements: string;
  @Field(() => [BenefitKind], { defaultValue: [] }) managedBenefits: BenefitKind[];
  @Field({ nullable: true }) extensionJustification?: string;
  @Field({ description: 'The person consents and signs.' }) consent: boolean;
  @Field(() => GraphQLLocalDate) signedOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) notifiedOn?: string;
}

@InputType()
export class RenewContractInput {
  @Field(() => ID) measureId: string;
  @Field(() => Int) months: number;
  @Field(() => ID, { description: 'The prior evaluation (CASF L271-2).' }) evaluationId: string;
  @Field(() => GraphQLLocalDate) decidedOn: string;
  @Field({ nullable: true, description: 'Documented exception when the benefits ended during the measure.' })
  exception?: string;
}

/** CASF L271-2: the person's written authorisation for the Département to receive and manage benefits. */
@InputType()
export class BenefitsAuthorisationInput {
  @Field(() => GraphQLLocalDate, { description: 'The day the person signed the authorisation.' }) signedOn: string;
  @Field(() => [BenefitKind], { description: 'The benefits the person authorises the Département to manage.' })
  benefits: BenefitKind[];
}

@InputType()
export class SignAvenantInput {
  @Field(() => ID) measureId: string;
  @Field(() => GraphQLLocalDate) signedOn: string;
  @Field(() => MeasureLevel, { nullable: true }) toLevel?: MeasureLevel;
  @Field(() => [BenefitKind], { nullable: true }) managedBenefits?: BenefitKind[];
  @Field({ nullable: true }) objectives?: string;
  @Field({ nullable: true }) engagements?: string;
  @Field({ nullable: true }) extensionJustification?: string;
  @Field(() => BenefitsAuthorisationInput, {
    nullable: true,
    description: 'Required when the avenant makes a MASP 2 or changes its managed benefits (CASF L271-2).',
  })
  benefitsAuthorisation?: BenefitsAuthorisationInput;
}

@InputType()
export class EndMeasureInput {
  @Field(() => ID) measureId: string;
  @Field(() => GraphQLLocalDate) endedOn: string;
  @Field(() => EndReason) reason: EndReason;
  @Field(() => GraphQLLocalDate, { nullable: true }) notifiedOn?: string;
}

@InputType()
export class SetContributionInput {
  @Field(() => ID) measureId: string;
  @Field(() => GraphQLCents) annualResourcesCents: number;
  @Field(() => GraphQLCents) monthlyCents: number;
  @Field(() => GraphQLLocalDate) decidedOn: string;
}

@InputType()
export class RecordContractRefusalInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => RefusalKind) kind: RefusalKind;
  @Field(() => GraphQLLocalDate) recordedOn: string;
  @Field(() => ID, { nullable: true }) measureId?: string;
  @Field({ nullable: true }) note?: string;
}

@InputType()
export class DelegateMeasureInput {
  @Field(() => ID) measureId: string;
  @Field(() => ID) associationOrgId: string;
  @Field() conventionRef: string;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) endsOn?: string;
}

@InputType()
export class EndDelegationInput {
  @Field(() => ID) delegationId: string;
  @Field(() => GraphQLLocalDate, { description: 'First day without delegation (today: the reach ends at once).' })
  endsOn: string;
  @Field({ nullable: true }) reason?: string;
}

@InputType()
export class SetDepartmentParameterInput {
  @Field() key: string;
  @Field(() => GraphQLLocalDate) validFrom: string;
  @Field(() => Int) value: number;
  @Field() source: string;
}

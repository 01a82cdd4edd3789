import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';
import { HouseholdType, ProtectionKind, Sex } from '../../entities/enums';

@InputType()
export class ReferBeneficiaryInput {
  @Field() lastName: string;
  @Field() firstName: string;
  @Field(() => GraphQLLocalDate) birthDate: string;
  @Field() address: string;
  @Field({ nullable: true }) phone?: string;
  @Field(() => Sex, { nullable: true }) sex?: Sex;
  @Field(() => HouseholdType, { nullable: true }) householdType?: HouseholdType;
  @Field(() => Int, { defaultValue: 0 }) dependants: number;
  @Field() territory: string;
  @Field({ nullable: true, description: 'The référent (a TRAVAILLEUR_SOCIAL `sub`); default: the caller.' })
  referentSub?: string;
  @Field(() => GraphQLLocalDate) referredOn: string;
  @Field({ nullable: true, description: 'Who made the signalement or request (e.g. CCAS, bailleur, the person).' })
  referralSource?: string;
}

@InputType()
export class UpdateHouseholdInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => HouseholdType) householdType: HouseholdType;
  @Field(() => Int) dependants: number;
  @Field({ nullable: true }) address?: string;
}

@InputType()
export class AssignReferentInput {
  @Field(() => ID) beneficiaryId: string;
  @Field() referentSub: string;
  @Field({ nullable: true }) territory?: string;
}

@InputType()
export class RecordBenefitInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => BenefitKind) kind: BenefitKind;
  @Field(() => GraphQLCents) monthlyAmountCents: number;
  @Field() payingBody: string;
  @Field({ defaultValue: false, description: 'Paid to a third party (e.g. APL to the landlord).' })
  tiersPayant: boolean;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) endsOn?: string;
}

@InputType()
export class EndBenefitInput {
  @Field(() => ID) benefitId: string;
  @Field(() => GraphQLLocalDate) endsOn: string;
}

@InputType()
export class RecordProtectionMeasureInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => ProtectionKind) kind: ProtectionKind;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true }) endsOn?: string;
  @Field({ nullable: true }) court?: string;
}

@InputType()
export class CheckEligibilityInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => GraphQLLocalDate) checkedOn: string;
  @Field({
    nullable: true,
    description: 'The threat to health or safety observed (CASF L271-1); empty = none recorded.',
  })
  threatToHealthOrSafety?: string;
  @Field() capacityToConsent: boolean;
  @Field({ nullable: true, description: 'Documented override when a protection measure is in force.' })
  protectionOverride?: string;
}

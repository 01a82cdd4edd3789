import { GraphQLCents, GraphQLLocalDate, GraphQLMonth } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { BenefitKind } from '../../../kit/schema/benefits.enum';
import { BudgetLineKind, OperationKind } from '../../entities/enums';

@InputType('RecordDelegatedBenefitInput', {
  description: 'A benefit received on the person’s behalf; it must be one the file manages (CASF L271-2).',
})
export class RecordDelegatedBenefitInput {
  @Field(() => ID)
  fileId: string;

  @Field(() => BenefitKind)
  kind: BenefitKind;

  @Field(() => GraphQLCents, { description: 'Euro cents, > 0.' })
  monthlyAmountCents: number;

  @Field()
  payingBody: string;
}

@InputType('DelegatedBudgetLineInput')
export class DelegatedBudgetLineInput {
  @Field(() => BudgetLineKind)
  kind: BudgetLineKind;

  @Field()
  label: string;

  @Field(() => GraphQLCents, { description: 'Euro cents, > 0.' })
  amountCents: number;

  @Field(() => BenefitKind, {
    nullable: true,
    description: 'For a RESOURCE line: the benefit it is (earmarked ones must be spent on their purpose).',
  })
  benefitKind?: BenefitKind | null;
}

@InputType('SetDelegatedBudgetPlanInput', {
  description: "A month's budget plan (replaces that month's plan): rent and charges first (CASF L271-2).",
})
export class SetDelegatedBudgetPlanInput {
  @Field(() => ID)
  fileId: string;

  @Field(() => GraphQLMonth, { description: 'YYYY-MM.' })
  month: string;

  @Field(() => [DelegatedBudgetLineInput])
  lines: DelegatedBudgetLineInput[];
}

@InputType('PostDelegatedOperationInput')
export class PostDelegatedOperationInput {
  @Field(() => ID)
  fileId: string;

  @Field(() => OperationKind)
  kind: OperationKind;

  @Field(() => GraphQLCents, { description: 'Euro cents, > 0.' })
  amountCents: number;

  @Field(() => GraphQLLocalDate, { description: 'Not in the future, not before the file started.' })
  operatedOn: string;

  @Field()
  label: string;

  @Field(() => BenefitKind, {
    nullable: true,
    description: 'Required for a RECEIPT (a managed benefit), forbidden otherwise.',
  })
  benefitKind?: BenefitKind | null;
}

@InputType('AuthoriseDelegatedOverdraftInput', {
  description: 'An explicit authorisation for the managed account to go below zero, down to a limit.',
})
export class AuthoriseDelegatedOverdraftInput {
  @Field(() => ID)
  fileId: string;

  @Field(() => GraphQLCents, { description: 'Euro cents, > 0.' })
  limitCents: number;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'Default: today.' })
  validFrom?: string | null;

  @Field(() => GraphQLLocalDate, { nullable: true })
  validUntil?: string | null;

  @Field()
  reason: string;
}

import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { BudgetLineKind } from './enums';
import { GraphQLCents, GraphQLMonth } from '../../kit/schema/scalars';

/** One line of a budget plan. */
@ObjectType('DelegatedBudgetLine')
export class DelegatedBudgetLine {
  /** The person (audit contract); not a GraphQL field. */
  beneficiaryId: string;

  @ClassifiedField(Domain.BUDGET, () => BudgetLineKind)
  kind: BudgetLineKind;

  @ClassifiedField(Domain.BUDGET, () => String)
  label: string;

  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, { description: 'Euro cents.' })
  amountCents: number;

  @ClassifiedField(Domain.BUDGET, () => BenefitKind, { description: 'For a resource: the benefit it is.' })
  benefitKind: BenefitKind | null;
}

/**
 * The monthly budget plan of a delegated MASP 2: resources, rent and charges first (CASF L271-2), earmarked benefits on
 * their purpose, other charges, reste à vivre.
 */
@Entity({ name: 'delegated_budget_plan' })
@ObjectType('DelegatedBudgetPlan')
export class DelegatedBudgetPlan {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLMonth, { description: 'The month, YYYY-MM.' })
  month: string;

  @Column({ type: 'jsonb' })
  lines: Omit<DelegatedBudgetLine, 'beneficiaryId'>[];

  @Column({ name: 'rent_due_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'Rent and charges due for the month, euro cents.',
  })
  rentDueCents: number;

  @Column({ name: 'resources_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  resourcesCents: number;

  @Column({ name: 'earmarked_housing_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'Resources that are housing aids (spent on rent and charges).',
  })
  earmarkedHousingCents: number;

  @Column({ name: 'earmarked_care_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'Resources that are APA, ACTP or PCH (spent on care).',
  })
  earmarkedCareCents: number;

  @Column({ name: 'rent_and_charges_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, { description: 'Allocated first (CASF L271-2).' })
  rentAndChargesCents: number;

  @Column({ name: 'care_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  careCents: number;

  @Column({ name: 'other_charges_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  otherChargesCents: number;

  @Column({ name: 'reste_a_vivre_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => Int, {
    description: 'What is left to the person once every planned item is paid.',
  })
  resteAVivreCents: number;

  @Column({ name: 'author_sub', type: 'text' })
  authorSub: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  authorOrgId: string;
}

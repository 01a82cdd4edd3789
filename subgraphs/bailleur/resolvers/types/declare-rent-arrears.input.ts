import { Field, ID, InputType, Int } from 'type-graphql';

@InputType('DeclareRentArrearsInput')
export class DeclareRentArrearsInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => [String], { description: 'The unpaid months, YYYY-MM (1 to 24, none to come).' })
  months: string[];

  @Field(() => Int, { description: 'The total due for those months, euro cents (≤ their rent + charges).' })
  amountDueCents: number;
}

import { Field, ID, InputType } from 'type-graphql';
import { GraphQLCents, GraphQLMonth } from '../../../kit/schema/scalars';

@InputType('DeclareRentArrearsInput')
export class DeclareRentArrearsInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => [GraphQLMonth], { description: 'The unpaid months, YYYY-MM (1 to 24, none to come).' })
  months: string[];

  @Field(() => GraphQLCents, { description: 'The total due for those months, euro cents (≤ their rent + charges).' })
  amountDueCents: number;
}

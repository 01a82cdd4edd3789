import { GraphQLCents, GraphQLLocalDate, GraphQLMonth } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';

/** One month's confirmation for one lease. */
@InputType('RentConfirmationInput')
export class RentConfirmationInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => GraphQLMonth, { description: 'The rent month, YYYY-MM (not a month to come).' })
  month: string;

  @Field(() => GraphQLCents, { description: 'What arrived, euro cents; 0 = nothing (MISSING).' })
  amountReceivedCents: number;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'When it arrived; required unless nothing arrived.' })
  receivedOn?: string | null;
}

/** One item of a month's batch (`confirmRentPayments`). */
@InputType('RentConfirmationItemInput')
export class RentConfirmationItemInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => GraphQLCents)
  amountReceivedCents: number;

  @Field(() => GraphQLLocalDate, { nullable: true })
  receivedOn?: string | null;
}

import { Field, ID, InputType } from 'type-graphql';
import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';

/** A lease your organisation holds, for a person of the département's register. */
@InputType('RecordLeaseInput')
export class RecordLeaseInput {
  @Field(() => ID, { description: "The tenant: a person of the département's register." })
  beneficiaryId: string;

  @Field({ description: 'Your lease reference (one lease per reference).' })
  reference: string;

  @Field()
  address: string;

  @Field({ description: 'The tenant name as written on the lease.' })
  tenantName: string;

  @Field(() => GraphQLCents, { description: 'Monthly rent at the start, euro cents.' })
  rentCents: number;

  @Field(() => GraphQLCents, { description: 'Monthly charges at the start, euro cents.' })
  chargesCents: number;

  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The last day, when already known.' })
  endsOn?: string | null;
}

/** A rent revision (IRL indexation, charges regularised), in force from a day. */
@InputType('ReviseRentInput')
export class ReviseRentInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => GraphQLLocalDate, { description: 'The day the new rent applies (after the start, not to come).' })
  effectiveFrom: string;

  @Field(() => GraphQLCents)
  rentCents: number;

  @Field(() => GraphQLCents)
  chargesCents: number;
}

@InputType('EndLeaseInput')
export class EndLeaseInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => GraphQLLocalDate, { description: 'The last day of the lease.' })
  endsOn: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The département's Beneficiary, extended here with the leases and direct-payment orders that concern them. */
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class BailleurBeneficiary {
  @Field(() => ID)
  id: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Public } from '../../kit/schema/public';

/** The département's Beneficiary, extended here with the leases and direct-payment orders that concern them. */
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class BailleurBeneficiary {
  @Public()
  @Field(() => ID)
  id: string;
}

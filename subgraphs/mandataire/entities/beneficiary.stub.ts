import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Public } from '../../kit/schema/public';

/** The département's Beneficiary, extended here with the judicial measures that concern them. */
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class MandataireBeneficiary {
  @Public()
  @Field(() => ID)
  id: string;
}

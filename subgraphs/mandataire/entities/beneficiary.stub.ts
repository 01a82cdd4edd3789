import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The département's Beneficiary, extended here with the judicial measures that concern them. */
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class MandataireBeneficiary {
  @Field(() => ID)
  id: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Public } from '../../kit/schema/public';

/** The département's Beneficiary, referred to by id (its fields come from the department subgraph). */
@ObjectType('Beneficiary')
@Directive('@key(fields: "id", resolvable: false)')
export class AssociationBeneficiary {
  @Public()
  @Field(() => ID)
  id: string;
}

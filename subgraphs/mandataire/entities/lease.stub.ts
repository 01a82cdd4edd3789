import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Public } from '../../kit/schema/public';

/**
 * The bailleur's Lease, referenced by a rent payment (RENT_TO_LANDLORD); the bailleur subgraph resolves it with its
 * reach.
 */
@ObjectType('Lease')
@Directive('@key(fields: "id", resolvable: false)')
export class MandataireLease {
  @Public()
  @Field(() => ID)
  id: string;

  /** The person (audit contract), not exposed. */
  beneficiaryId?: string;
}

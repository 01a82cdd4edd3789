import { Int, ObjectType } from 'type-graphql';
import { Domain } from '../../../../schema/policy';
import { ClassifiedField } from '../../../kit/schema/classified';
import { GraphQLCents, GraphQLMonth } from '../../../kit/schema/scalars';

/** Rent arrears (CASF L271-5), from the landlord's MISSING confirmations and arrears declarations. */
@ObjectType('RentArrears')
export class RentArrears {
  /** The person (audit contract). */
  beneficiaryId: string;

  @ClassifiedField(Domain.TENANCY, () => [GraphQLMonth], {
    description: 'Unpaid months, YYYY-MM, oldest first (last 24 months).',
  })
  unpaidMonths: string[];

  @ClassifiedField(Domain.TENANCY, () => Int, { description: 'The longest run of consecutive unpaid months.' })
  consecutiveUnpaidMonths: number;

  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, { description: 'The amount due, euro cents.' })
  amountDueCents: number;

  @ClassifiedField(Domain.TENANCY, () => Boolean, {
    description: 'Two consecutive unpaid months: the L271-5 path may open (CASF L271-5).',
  })
  alert: boolean;
}

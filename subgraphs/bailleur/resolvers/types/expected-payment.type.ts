import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Domain } from '../../../../schema/policy';
import { ClassifiedField } from '../../../kit/schema/classified';
import { Public } from '../../../kit/schema/public';
import { PayerKind, RentPayment } from '../../entities';
import { GraphQLCents, GraphQLMonth } from '../../../kit/schema/scalars';

/** Where a month's expected direct payment stands: confirmed in full, in part, missing, or not confirmed yet. */
export enum ExpectedPaymentStatus {
  CONFIRMED = 'CONFIRMED',
  PARTIAL = 'PARTIAL',
  MISSING = 'MISSING',
  PENDING = 'PENDING',
}
registerEnumType(ExpectedPaymentStatus, { name: 'ExpectedPaymentStatus' });

/** The rent a landlord expects for one lease and month under the direct-payment order active that month. */
@ObjectType('ExpectedPayment')
export class ExpectedPayment {
  @Public()
  @Field(() => ID)
  leaseId: string;

  @Public()
  @Field(() => GraphQLMonth, { description: 'The month, YYYY-MM.' })
  month: string;

  @Public()
  @Field(() => ID, { description: 'The direct-payment order this amount derives from.' })
  orderId: string;

  /** The person (audit contract). */
  beneficiaryId: string;

  @ClassifiedField(Domain.TENANCY, () => String, { description: 'The tenant name as written on the lease.' })
  tenantName: string;

  @ClassifiedField(Domain.TENANCY, () => String, { description: "The landlord's lease reference." })
  reference: string;

  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, {
    description: 'The amount expected from the payer, euro cents.',
  })
  expectedCents: number;

  @ClassifiedField(Domain.TENANCY, () => PayerKind)
  payerKind: PayerKind;

  @ClassifiedField(Domain.TENANCY, () => ID)
  payerOrgId: string;

  @ClassifiedField(Domain.TENANCY, () => GraphQLCents, {
    description: 'What was confirmed received (none while PENDING).',
  })
  receivedCents: number | null;

  @Public()
  @Field(() => ExpectedPaymentStatus)
  status: ExpectedPaymentStatus;

  @Public()
  @Field(() => RentPayment, { nullable: true, description: 'The confirmation, once made.' })
  payment: RentPayment | null;
}

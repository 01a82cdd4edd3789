import { Field, ID, ObjectType } from 'type-graphql';
import { RentPayment } from '../../entities';

/** The outcome of one item of `confirmRentPayments`: the record, or the refusal with its code. */
@ObjectType('RentConfirmationResult')
export class RentConfirmationResult {
  @Field(() => ID)
  leaseId: string;

  @Field(() => Boolean)
  ok: boolean;

  @Field(() => RentPayment, { nullable: true })
  payment: RentPayment | null;

  @Field(() => String, { nullable: true, description: 'The error code when refused (e.g. NO_ACTIVE_ORDER, FORBIDDEN, BAD_USER_INPUT).' })
  errorCode: string | null;

  @Field(() => String, { nullable: true, description: 'The refusal, French / English, naming the rule.' })
  errorMessage: string | null;

  @Field(() => String, { nullable: true, description: 'The input field at fault, for BAD_USER_INPUT.' })
  errorField: string | null;
}

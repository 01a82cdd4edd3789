import { Field, ID, ObjectType } from 'type-graphql';
import { RentPayment } from '../../entities';
import { Public } from '../../../kit/schema/public';

/** The outcome of one item of `confirmRentPayments`: the record, or the refusal with its code. */
@ObjectType('RentConfirmationResult')
export class RentConfirmationResult {
  @Public()
  @Field(() => ID)
  leaseId: string;

  @Public()
  @Field(() => Boolean)
  ok: boolean;

  @Public()
  @Field(() => RentPayment, { nullable: true })
  payment: RentPayment | null;

  @Public()
  @Field(() => String, {
    nullable: true,
    description: 'The error code when refused (e.g. NO_ACTIVE_ORDER, FORBIDDEN, BAD_USER_INPUT).',
  })
  errorCode: string | null;

  @Public()
  @Field(() => String, { nullable: true, description: 'The refusal, French / English, naming the rule.' })
  errorMessage: string | null;

  @Public()
  @Field(() => String, { nullable: true, description: 'The input field at fault, for BAD_USER_INPUT.' })
  errorField: string | null;
}

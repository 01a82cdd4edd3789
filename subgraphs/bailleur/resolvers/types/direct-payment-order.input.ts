import { GraphQLCents, GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { DirectPaymentBasis, PayerKind } from '../../entities';

@InputType('CreateDirectPaymentOrderInput')
export class CreateDirectPaymentOrderInput {
  @Field(() => ID)
  leaseId: string;

  @Field(() => DirectPaymentBasis)
  basis: DirectPaymentBasis;

  @Field(() => ID, { description: 'The paying organisation; a DELEGUE or an MJPM may only name its own.' })
  payerOrgId: string;

  @Field(() => PayerKind)
  payerKind: PayerKind;

  @Field(() => GraphQLCents, { description: 'Euro cents a month, ≤ rent + charges in force (CASF L271-5).' })
  monthlyAmountCents: number;

  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn?: string | null;
}

@InputType('EndDirectPaymentOrderInput')
export class EndDirectPaymentOrderInput {
  @Field(() => ID)
  orderId: string;

  @Field(() => GraphQLLocalDate, { description: 'The last day covered by the order.' })
  endsOn: string;
}

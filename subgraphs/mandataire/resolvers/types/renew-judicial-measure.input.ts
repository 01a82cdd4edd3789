import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';

/** A renewal by specially reasoned decision (C. civ. 495-8). */
@InputType('RenewJudicialMeasureInput')
export class RenewJudicialMeasureInput {
  @Field(() => ID)
  judicialMeasureId: string;

  @Field(() => GraphQLLocalDate)
  decidedOn: string;

  @Field(() => GraphQLLocalDate, {
    description: 'The new term: ≤ 24 months after the current one, ≤ 48 months after the start in all.',
  })
  newEndsOn: string;

  @Field(() => String, { description: "The decision's reasons (required)." })
  reason: string;
}

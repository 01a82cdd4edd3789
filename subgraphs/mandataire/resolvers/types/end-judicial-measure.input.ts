import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { MajEndReason } from '../../entities/enums';

/** The end of a MAJ. PROTECTION_MEASURE_OPENED is set by `recordMajProtectionMeasure`, not here. */
@InputType('EndJudicialMeasureInput')
export class EndJudicialMeasureInput {
  @Field(() => ID)
  judicialMeasureId: string;

  @Field(() => GraphQLLocalDate)
  endedOn: string;

  @Field(() => MajEndReason)
  reason: MajEndReason;
}

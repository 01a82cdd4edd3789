import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { MajReportKind } from '../../entities/enums';

@InputType('RecordMajReportInput')
export class RecordMajReportInput {
  @Field(() => ID)
  judicialMeasureId: string;

  @Field(() => MajReportKind)
  kind: MajReportKind;

  @Field(() => GraphQLLocalDate, { description: 'Within the MAJ, not in the future.' })
  writtenOn: string;

  @Field(() => String, { description: 'The report (20,000 characters at most).' })
  content: string;
}

import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { EvaluationKind } from '../../entities/enums';

/** An evaluation; the collecte carries the fields of the CASU single evaluation form. */
@InputType()
export class RecordEvaluationInput {
  @Field(() => ID) beneficiaryId: string;
  @Field(() => EvaluationKind) kind: EvaluationKind;
  @Field(() => GraphQLLocalDate) evaluatedOn: string;
  @Field({ nullable: true }) housingSituation?: string;
  @Field({ nullable: true }) familySituation?: string;
  @Field({ nullable: true }) resourcesAndCharges?: string;
  @Field({ nullable: true }) debts?: string;
  @Field({ nullable: true }) healthAndSafety?: string;
  @Field({ nullable: true }) autonomy?: string;
  @Field({ nullable: true }) needs?: string;
  @Field({ nullable: true }) diagnosis?: string;
  @Field({ nullable: true }) handoverSummary?: string;
}

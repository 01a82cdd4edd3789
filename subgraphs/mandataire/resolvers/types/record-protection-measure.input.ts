import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { MajProtectionKind } from '../../entities/enums';

/** A legal protection measure opened for a person whose MAJ the caller's service runs: it ends the MAJ. */
@InputType('RecordMajProtectionMeasureInput')
export class RecordMajProtectionMeasureInput {
  @Field(() => ID)
  beneficiaryId: string;

  @Field(() => MajProtectionKind)
  kind: MajProtectionKind;

  @Field(() => GraphQLLocalDate)
  openedOn: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Its end, when it has a fixed term (a sauvegarde de justice, for instance).',
  })
  endsOn?: string | null;

  @Field(() => String, { nullable: true })
  court?: string | null;

  @Field(() => String, { nullable: true })
  reference?: string | null;
}

import { GraphQLLocalDate } from '../../../kit/schema/scalars';
import { Field, ID, InputType } from 'type-graphql';
import { DelegataireKind } from '../../entities';

@InputType()
export class RegisterDelegataireInput {
  @Field(() => ID, {
    nullable: true,
    description: "The organisation's id in the hub (the `org_id` of its users' tokens); generated when absent.",
  })
  id?: string | null;
  @Field() name: string;
  @Field(() => DelegataireKind) kind: DelegataireKind;
  @Field(() => String, { nullable: true, description: 'SIRET, 14 digits.' }) siret?: string | null;
}

@InputType()
export class RecordDelegationConventionInput {
  @Field(() => ID) organisationId: string;
  @Field() reference: string;
  @Field(() => GraphQLLocalDate) signedOn: string;
  @Field(() => GraphQLLocalDate) startsOn: string;
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day without the convention (exclusive).' })
  endsOn?: string | null;
}

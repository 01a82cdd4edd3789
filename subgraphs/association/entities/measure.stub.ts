import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The département's Measure, extended here with the file the association runs for it. */
@ObjectType('Measure')
@Directive('@key(fields: "id")')
export class AssociationMeasure {
  @Field(() => ID)
  id: string;
}

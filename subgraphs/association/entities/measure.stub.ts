import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Public } from '../../kit/schema/public';

/** The département's Measure, extended here with the file the association runs for it. */
@ObjectType('Measure')
@Directive('@key(fields: "id")')
export class AssociationMeasure {
  @Public()
  @Field(() => ID)
  id: string;
}

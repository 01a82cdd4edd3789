import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Public } from '../../kit/schema/public';

/**
 * A dated département parameter (term bounds, contribution scale, reste-à-vivre floor, small-cell threshold). Not
 * personal.
 */
@Entity({ name: 'parameter' })
@ObjectType('DepartmentParameter')
export class DepartmentParameter {
  @PrimaryColumn({ type: 'text' })
  @Public()
  @Field(() => String)
  key: string;

  @PrimaryColumn({ name: 'valid_from', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  validFrom: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  @Public()
  @Field(() => String, { description: 'Integer value (months, cents, persons), as a string to hold large amounts.' })
  value: number;

  @Column({ type: 'text' })
  @Public()
  @Field(() => String)
  source: string;
}

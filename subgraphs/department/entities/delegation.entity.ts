import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Public } from '../../kit/schema/public';

/**
 * A MASP 2 delegated by convention to an association (CASF L271-3). The département is the registry of
 * habilitations: an active delegation (starts_on <= today < ends_on, or no end) is what gives the association's
 * DELEGUE its reach on the person. Lifecycle data only (org ids, convention, dates).
 */
@Entity({ name: 'delegation' })
@ObjectType('Delegation')
export class Delegation {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'association_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  associationOrgId: string;

  @Column({ name: 'convention_ref', type: 'text', nullable: true })
  @Public()
  @Field(() => String, { nullable: true, description: 'Reference of the convention (CASF L271-3).' })
  conventionRef: string | null;

  /** The register's convention it was granted under (CASF L271-3); null for delegations before the register. */
  @Column({ name: 'convention_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true })
  conventionId: string | null;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  /** Exclusive: the first day the association no longer reaches the person. */
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn: string | null;

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason: string | null;
}

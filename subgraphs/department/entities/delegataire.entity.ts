import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Public } from '../../kit/schema/public';
import { DelegataireKind } from '../rules/delegation.rule';

export { DelegataireKind };
registerEnumType(DelegataireKind, {
  name: 'DelegataireKind',
  description: 'The kinds of organisation a MASP 2 may be delegated to (CASF L271-3).',
});

/**
 * An organisation of the département's register of délégataires (CASF L271-3). Registry data about an organisation,
 * not about a person (schema/policy.md: organisation ids and lifecycle data are not personal data): public fields,
 * read and written by département staff only (the resolver's role check).
 */
@Entity({ name: 'delegataire' })
@ObjectType('DelegataireOrganisation')
export class DelegataireOrganisation {
  /** The organisation's id in the hub: the `org_id` its users' tokens carry. */
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ type: 'text' })
  @Public()
  @Field()
  name: string;

  @Column({ type: 'enum', enum: DelegataireKind, enumName: 'delegataire_kind' })
  @Public()
  @Field(() => DelegataireKind)
  kind: DelegataireKind;

  @Column({ type: 'text', nullable: true })
  @Public()
  @Field(() => String, { nullable: true, description: 'SIRET (14 digits), when known.' })
  siret: string | null;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;
}

/** A convention between the département and a délégataire (CASF L271-3), dated: delegations start while in force. */
@Entity({ name: 'delegation_convention' })
@ObjectType('DelegationConvention')
export class DelegationConvention {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'organisation_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  organisationId: string;

  @Column({ type: 'text' })
  @Public()
  @Field()
  reference: string;

  @Column({ name: 'signed_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  signedOn: string;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  /** Exclusive: the first day the convention no longer holds; null: no end set. */
  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'First day without the convention (exclusive).' })
  endsOn: string | null;
}

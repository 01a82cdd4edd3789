import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { HouseholdType, Sex } from './enums';

/**
 * A person followed by the département (the file's subject). Identity and household fields are IDENTITY
 * (schema/policy.md › Domains).
 */
@Entity({ name: 'beneficiary' })
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class Beneficiary {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'last_name', type: 'text' })
  @ClassifiedField(Domain.IDENTITY, () => String)
  lastName: string;

  @Column({ name: 'first_name', type: 'text' })
  @ClassifiedField(Domain.IDENTITY, () => String)
  firstName: string;

  @Column({ name: 'birth_date', type: 'date' })
  @ClassifiedField(Domain.IDENTITY, () => GraphQLLocalDate)
  birthDate: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.IDENTITY, () => String)
  address: string;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.IDENTITY, () => String)
  phone: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.IDENTITY, () => Sex)
  sex: Sex | null;

  /** Household composition (IDENTITY, schema/policy.md › Domains). */
  @Column({ name: 'household_type', type: 'text', nullable: true })
  @ClassifiedField(Domain.IDENTITY, () => HouseholdType)
  householdType: HouseholdType | null;

  @Column({ type: 'integer', default: 0 })
  @ClassifiedField(Domain.IDENTITY, () => Int, { description: 'Persons in the household depending on this person.' })
  dependants: number;

  @Column({ name: 'referred_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => GraphQLLocalDate, {
    description: 'Date of the signalement or request (SIGNALEMENT/DEMANDE).',
  })
  referredOn: string | null;

  @Column({ name: 'referral_source', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  referralSource: string | null;

  /** Territorial unit of the département (an ENCADRANT's reach). */
  @Column({ type: 'text' })
  @Public()
  @Field(() => String)
  territory: string;

  /** `sub` of the département social worker in charge (a TRAVAILLEUR_SOCIAL's reach). Not exposed. */
  @Column({ name: 'referent_sub', type: 'text' })
  referentSub: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

import { GraphQLLocalDate } from 'graphql-scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/classified';

/** A person followed by the département (the file's subject). Identity fields are IDENTITY (policy.md). */
@Entity({ name: 'beneficiary' })
@ObjectType('Beneficiary')
@Directive('@key(fields: "id")')
export class Beneficiary {
  @PrimaryGeneratedColumn('uuid')
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

  /** Territorial unit of the département (an ENCADRANT's reach). */
  @Column({ type: 'text' })
  @Field(() => String)
  territory: string;

  /** `sub` of the département social worker in charge (a TRAVAILLEUR_SOCIAL's reach). Not exposed. */
  @Column({ name: 'referent_sub', type: 'text' })
  referentSub: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

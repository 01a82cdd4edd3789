import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { MajProtectionKind } from './enums';

/**
 * A legal protection measure (sauvegarde, curatelle, tutelle, mandat de protection future, habilitation familiale)
 * recorded by an MJPM service for a person: it excludes a MAJ and ends the running one (C. civ. 495-1).
 */
@Entity({ name: 'protection_measure' })
@ObjectType('MajProtectionMeasure')
export class MajProtectionMeasure {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'enum', enum: MajProtectionKind, enumName: 'maj_protection_kind' })
  @ClassifiedField(Domain.JUDICIAL, () => MajProtectionKind)
  kind: MajProtectionKind;

  @Column({ name: 'opened_on', type: 'date' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  openedOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  endsOn: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  court: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  reference: string | null;

  @Column({ name: 'ended_judicial_measure_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: 'The MAJ this measure ended, if one was running.' })
  endedJudicialMeasureId: string | null;

  /** Who recorded it: this service's MJPM, or the département (relayed, `protection.recorded`: no author here). */
  @Column({ type: 'text', default: 'mandataire' })
  source?: 'mandataire' | 'department';

  @Column({ name: 'recorded_by_org_id', type: 'uuid', nullable: true })
  recordedByOrgId: string | null;

  @Column({ name: 'recorded_by_sub', type: 'text', nullable: true })
  recordedBySub: string | null;
}

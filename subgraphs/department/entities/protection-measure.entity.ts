import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { ProtectionKind } from './enums';

/**
 * A legal protection measure (tutelle, curatelle, sauvegarde, mandat de protection future, habilitation familiale):
 * JUDICIAL.
 */
@Entity({ name: 'protection_measure' })
@ObjectType('ProtectionMeasure')
export class ProtectionMeasure {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => ProtectionKind)
  kind: ProtectionKind;

  @Column({ name: 'starts_on', type: 'date' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  endsOn: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  court: string | null;

  /** Recorded here, or by an MJPM service (`protection.recorded`, under its id); not exposed. */
  @Column({ type: 'text', default: 'department' })
  source?: 'department' | 'mandataire';
}

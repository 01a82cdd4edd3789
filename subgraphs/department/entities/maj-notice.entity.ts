import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

/**
 * The notice of a MAJ judgment the département receives (CASF L271-6, C. civ. 495-…): which MJPM service runs it, and
 * the term the judgment fixed (C. civ. 495-8; a renewal the MJPM records moves it). While it is in force
 * (starts_on <= today < ends_on; closing it moves ends_on), the MJPM service reaches the person's file.
 */
@Entity({ name: 'maj_notice' })
@ObjectType('MajNotice')
export class MajNotice {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'mandataire_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  mandataireOrgId: string;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  endsOn: string | null;

  @Column({ name: 'report_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true })
  reportId: string | null;

  @Column({ name: 'judgment_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  judgmentOn: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  court: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  reference: string | null;

  @Column({ name: 'maj_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: 'The MAJ the MJPM service recorded from this notice (mandataire).' })
  majId: string | null;

  @Column({ name: 'closed_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'The day the notice closed before its term (MAJ ended, protection measure opened, ended here).',
  })
  closedOn: string | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String, {
    description: 'Why it closed: MAJ_ENDED, PROTECTION_MEASURE_OPENED, ENDED_BY_DEPARTMENT, TERM.',
  })
  closeReason: string | null;

  /** The département's organisation that recorded it (what its référent is told is addressed to it); not exposed. */
  @Column({ name: 'recorded_by_org_id', type: 'uuid', nullable: true })
  recordedByOrgId: string | null;
}

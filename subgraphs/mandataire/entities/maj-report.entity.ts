import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { MajReportKind } from './enums';

/**
 * A report of the MJPM on the MAJ it runs (to the judge; the final one also tells the département whether a MASP should
 * follow).
 */
@Entity({ name: 'maj_report' })
@ObjectType('MajReport')
export class MajReport {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'judicial_measure_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  judicialMeasureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'enum', enum: MajReportKind, enumName: 'maj_report_kind' })
  @ClassifiedField(Domain.JUDICIAL, () => MajReportKind)
  kind: MajReportKind;

  @Column({ name: 'written_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  writtenOn: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  content: string;

  @Column({ name: 'recorded_by_org_id', type: 'uuid' })
  recordedByOrgId: string;

  @Column({ name: 'recorded_by_sub', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'Who wrote it (`sub` of the MJPM).' })
  recordedBySub: string;
}

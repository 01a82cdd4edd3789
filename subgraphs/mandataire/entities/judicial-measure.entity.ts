import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { MajEndReason } from './enums';

export enum JudicialMeasureStatus {
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(JudicialMeasureStatus, { name: 'JudicialMeasureStatus' });

/**
 * A MAJ (C. civ. 495…495-9) run by an MJPM service. The judgment's particulars are JUDICIAL; its lifecycle dates are
 * public.
 */
@Entity({ name: 'judicial_measure' })
@ObjectType('JudicialMeasure')
@Directive('@key(fields: "id")')
export class JudicialMeasure {
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

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, {
    description: 'The court (tribunal judiciaire, juge des contentieux de la protection).',
  })
  court: string;

  @Column({ name: 'judgment_date', type: 'date' })
  @ClassifiedField(Domain.JUDICIAL, () => GraphQLLocalDate)
  judgmentDate: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'The judgment reference (RG number).' })
  reference: string;

  @Column({ name: 'procureur_request_reference', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String, {
    description: "Reference of the procureur's request the judgment answers (C. civ. 495-2).",
  })
  procureurRequestReference: string | null;

  @Column({ name: 'report_reference', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String, {
    description: 'Reference of the L271-6 report the request followed, if known.',
  })
  reportReference: string | null;

  @Column({
    name: 'benefits_covered',
    type: 'enum',
    enum: BenefitKind,
    enumName: 'benefit_kind',
    array: true,
    default: () => "'{}'",
  })
  @ClassifiedField(Domain.JUDICIAL, () => [BenefitKind], {
    description: 'The D271-2 benefits the judge placed under the MAJ (C. civ. 495-4), in D271-2 order.',
  })
  benefitsCovered: BenefitKind[];

  @Column({ name: 'extension_ordered', type: 'boolean', default: false })
  @ClassifiedField(Domain.JUDICIAL, () => Boolean, {
    description: 'Whether the judgment extends the MAJ to benefits 18°–29° of D271-2.',
  })
  extensionOrdered: boolean;

  @Column({ type: 'enum', enum: JudicialMeasureStatus, enumName: 'judicial_measure_status' })
  @Public()
  @Field(() => JudicialMeasureStatus)
  status: JudicialMeasureStatus;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'initial_ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate, { description: 'The term the judgment set (≤ 24 months, C. civ. 495-8).' })
  initialEndsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate, {
    description: 'The current term, renewals included (≤ 48 months after the start in all, C. civ. 495-8).',
  })
  endsOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'The day the MAJ ended, if it did (a MASP may follow, CASF L271-1 al. 3).',
  })
  endedOn: string | null;

  @Column({ name: 'end_reason', type: 'enum', enum: MajEndReason, enumName: 'maj_end_reason', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => MajEndReason, { description: 'Why the MAJ ended.' })
  endReason: MajEndReason | null;

  @Column({ name: 'notice_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, {
    nullable: true,
    description: "The département's notice of the judgment this MAJ was recorded from (C. civ. 495-2, CASF L271-6).",
  })
  noticeId: string | null;

  /** `sub` of the MJPM who recorded the judgment (not exposed; the access log names every writer). */
  @Column({ name: 'recorded_by_sub', type: 'text', nullable: true })
  recordedBySub: string | null;
}

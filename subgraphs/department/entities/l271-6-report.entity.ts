import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { ProcureurOutcome, ReportStatus } from './enums';

/**
 * The CASF L271-6 report to the procureur: social and financial evaluation and the bilan of the actions (JUDICIAL),
 * the sealed medical annex beside it (MEDICAL, `medicalAnnex`), and the procureur's decision (JUDICIAL).
 * An open report (DRAFT or SENT) is what gives the département's MEDECIN its reach on the person.
 */
@Entity({ name: 'l271_6_report' })
@ObjectType('L2716Report')
export class L2716Report {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @Public()
  @Field(() => ReportStatus)
  status: ReportStatus;

  @Column({ name: 'opened_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  openedOn: string;

  @Column({ name: 'sent_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  sentOn: string | null;

  @Column({ name: 'social_evaluation', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  socialEvaluation: string;

  @Column({ name: 'financial_evaluation', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  financialEvaluation: string;

  @Column({ name: 'actions_bilan', type: 'text' })
  @ClassifiedField(Domain.JUDICIAL, () => String, { description: 'Bilan of the actions carried out under the MASP.' })
  actionsBilan: string;

  @Column({ name: 'decision_outcome', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => ProcureurOutcome)
  decisionOutcome: ProcureurOutcome | null;

  @Column({ name: 'decided_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  decidedOn: string | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  @ClassifiedField(Domain.JUDICIAL, () => String)
  decisionNote: string | null;
}

import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { contestationDeadline } from '../rules/contract.rule';
import { EndReason, MeasureLevel, MeasureStatus } from './enums';

/**
 * A MASP measure (contract levels 1–2, or direct payment ordered by a judge, level 3). The level is classified
 * SOCIAL_SUMMARY: it is handed to the délégataire and the MJPM, and must never reach a landlord (schema/policy.md ›
 * Why).
 * `endsOn` is the end of the running term (or the actual end once ended); the terms are in `terms`.
 */
@Entity({ name: 'measure' })
@ObjectType('Measure')
@Directive('@key(fields: "id")')
export class Measure {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'enum', enum: MeasureLevel, enumName: 'measure_level' })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => MeasureLevel)
  level: MeasureLevel;

  @Column({ type: 'enum', enum: MeasureStatus, enumName: 'measure_status' })
  @Public()
  @Field(() => MeasureStatus)
  status: MeasureStatus;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  endsOn: string;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String, { description: 'Objectives of the contract (CASF L271-2).' })
  objectives: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String, {
    description: 'Reciprocal engagements of the person and the Département.',
  })
  engagements: string | null;

  @Column({ name: 'managed_benefits', type: 'text', array: true, default: () => "'{}'" })
  @ClassifiedField(Domain.BENEFITS, () => [BenefitKind], {
    description: 'MASP 2: benefits the Département receives and manages, rent and charges paid first.',
  })
  managedBenefits: BenefitKind[];

  @Column({ name: 'extension_justification', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  extensionJustification: string | null;

  @Column({ name: 'consent_recorded_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  consentRecordedOn: string | null;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  signedOn: string | null;

  @Column({ name: 'notified_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true, description: "Notification of the PCD's decision." })
  notifiedOn: string | null;

  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Last day to contest the decision before the tribunal administratif (2 months after notification).',
  })
  get contestationDeadline(): string | null {
    return this.notifiedOn ? contestationDeadline(this.notifiedOn) : null;
  }

  @Column({ name: 'end_reason', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => EndReason)
  endReason: EndReason | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  endedOn: string | null;

  @Column({ name: 'end_notified_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  endNotifiedOn: string | null;

  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Last day to contest the end decision (2 months after its notification).',
  })
  get endContestationDeadline(): string | null {
    return this.endNotifiedOn ? contestationDeadline(this.endNotifiedOn) : null;
  }

  @Column({
    name: 'annual_resources_cents',
    type: 'bigint',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) },
  })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  annualResourcesCents: number | null;

  @Column({ name: 'contribution_monthly_cents', type: 'integer', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'Contribution set by the PCD (CASF L271-4), per month.',
  })
  contributionMonthlyCents: number | null;

  @Column({ name: 'contribution_decided_on', type: 'date', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => GraphQLLocalDate)
  contributionDecidedOn: string | null;
}

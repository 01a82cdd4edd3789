import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';

export enum DelegatedFileStatus {
  ACTIVE = 'ACTIVE',
  /** The delegation has ended; the association keeps read access until its final bilan is handed back. */
  CLOSING = 'CLOSING',
  CLOSED = 'CLOSED',
}
registerEnumType(DelegatedFileStatus, { name: 'DelegatedFileStatus' });

/** The file an association runs for one delegated MASP 2 (CASF L271-3). */
@Entity({ name: 'delegated_file' })
@ObjectType('DelegatedFile')
export class DelegatedFile {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'measure_id', type: 'uuid' })
  measureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'association_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  associationOrgId: string;

  /** `sub` of the association's worker in charge. */
  @Column({ name: 'worker_sub', type: 'text' })
  @Public()
  @Field({ description: "The `sub` of the association's worker in charge." })
  workerSub: string;

  @Column({ type: 'enum', enum: DelegatedFileStatus, enumName: 'delegated_file_status' })
  @Public()
  @Field(() => DelegatedFileStatus)
  status: DelegatedFileStatus;

  @Column({ name: 'started_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startedOn: string;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true })
  endedOn: string | null;

  /** The département's delegation this file runs (CASF L271-3). */
  @Column({ name: 'delegation_id', type: 'uuid', nullable: true })
  delegationId: string | null;

  /** Exclusive: the delegation's end; from that day the file is CLOSING (read-only, final bilan due). */
  @Column({ name: 'delegation_ends_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'First day without the delegation: from then the file is read-only until the final bilan.',
  })
  delegationEndsOn: string | null;

  /** Exclusive: the association's reach on the file ends (delegation's end + the département's closing window). */
  @Column({ name: 'reach_ends_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'First day the association no longer reaches the file: the final bilan is due before.',
  })
  reachEndsOn: string | null;

  /** Monthly resources managed on the person's behalf, in euro cents. */
  @Column({ name: 'monthly_resources_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  monthlyResourcesCents: number;

  /** Rent and charges, paid first (CASF L271-2), in euro cents. */
  @Column({ name: 'rent_and_charges_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  rentAndChargesCents: number;

  /** The short summary handed over with the file (the délégataire never sees the full evaluation). */
  @Column({ name: 'handover_summary', type: 'text' })
  @ClassifiedField(Domain.SOCIAL_SUMMARY, () => String)
  handoverSummary: string;

  /** The benefits the contract lets the délégataire receive and manage (CASF L271-2). */
  @Column({ name: 'managed_benefits', type: 'text', array: true })
  @ClassifiedField(Domain.BENEFITS, () => [BenefitKind], {
    description: 'The benefits the contract lets the délégataire receive and manage (CASF L271-2).',
  })
  managedBenefits: BenefitKind[];
}

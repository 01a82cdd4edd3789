import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { MeasureLevel, ProposalStatus } from './enums';

/**
 * A MASP contract the département proposes (CASF L271-2): level, term, actions and managed benefits. The person
 * accepts it (the contract is signed) or refuses it; that refusal is the ground of an L271-5 request.
 */
@Entity({ name: 'contract_proposal' })
@ObjectType('ContractProposal')
export class ContractProposal {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.SOCIAL, () => MeasureLevel)
  level: MeasureLevel;

  @Column({ name: 'starts_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  startsOn: string;

  @Column({ type: 'integer' })
  @Public()
  @Field(() => Int, { description: 'Term proposed, in months (CASF L271-2).' })
  months: number;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.SOCIAL, () => String, { description: 'The actions proposed (objectives).' })
  objectives: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.SOCIAL, () => String)
  engagements: string;

  @Column({ name: 'managed_benefits', type: 'text', array: true })
  @ClassifiedField(Domain.BENEFITS, () => [BenefitKind])
  managedBenefits: BenefitKind[];

  @Column({ name: 'extension_justification', type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  extensionJustification: string | null;

  @Column({ name: 'proposed_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  proposedOn: string;

  @Column({ type: 'text' })
  @Public()
  @Field(() => ProposalStatus)
  status: ProposalStatus;

  @Column({ name: 'answered_on', type: 'date', nullable: true })
  @Public()
  @Field(() => GraphQLLocalDate, { nullable: true, description: 'The day the person accepted (signed) or refused.' })
  answeredOn: string | null;

  @Column({ name: 'measure_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: 'The contract signed on this proposal.' })
  measureId: string | null;

  @Column({ name: 'author_sub', type: 'text' })
  authorSub: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

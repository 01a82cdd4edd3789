import { GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { RefusalKind } from './enums';

/** The person refused the contract or breached it: the ground of the L271-5 and L271-6 paths (SOCIAL). */
@Entity({ name: 'contract_refusal' })
@ObjectType('ContractRefusal')
export class ContractRefusal {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.SOCIAL, () => RefusalKind)
  kind: RefusalKind;

  @Column({ name: 'recorded_on', type: 'date' })
  @Public()
  @Field(() => GraphQLLocalDate)
  recordedOn: string;

  @Column({ name: 'measure_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true })
  measureId: string | null;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.SOCIAL, () => String)
  note: string | null;

  /** The proposal refused (refuseContractProposal): what an L271-5 request rests on. */
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, { nullable: true, description: 'The contract proposal refused (CASF L271-5).' })
  proposalId: string | null;
}

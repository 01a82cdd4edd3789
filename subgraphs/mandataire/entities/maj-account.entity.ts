import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { bigintCents } from './cents.transformer';
import { MajAccountDirection, MajAccountOperationKind } from './enums';

/** The person's account the MJPM manages under a MAJ (C. civ. 495-7): one per MAJ, balance in cents, never negative. */
@Entity({ name: 'maj_account' })
@ObjectType('MajAccount')
export class MajAccount {
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

  @Column({ name: 'balance_cents', type: 'bigint', transformer: bigintCents })
  @ClassifiedField(Domain.BUDGET, () => Int, { description: 'Current balance, euro cents.' })
  balanceCents: number;

  @Column({ name: 'last_operation_id', type: 'uuid', nullable: true })
  lastOperationId: string | null;

  @Column({ name: 'last_operation_date', type: 'date', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => GraphQLLocalDate)
  lastOperationDate: string | null;
}

/** One receipt or payment on the person's account, with the balance right after it. Append-only. */
@Entity({ name: 'maj_account_operation' })
@ObjectType('MajAccountOperation')
export class MajAccountOperation {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  /** Posting order (identity column; not exposed). */
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintCents })
  seq: number;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ name: 'judicial_measure_id', type: 'uuid' })
  @Public()
  @Field(() => ID)
  judicialMeasureId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'previous_operation_id', type: 'uuid', nullable: true })
  previousOperationId: string | null;

  @Column({ type: 'enum', enum: MajAccountDirection, enumName: 'maj_account_direction' })
  @ClassifiedField(Domain.BUDGET, () => MajAccountDirection)
  direction: MajAccountDirection;

  @Column({ type: 'enum', enum: MajAccountOperationKind, enumName: 'maj_account_operation_kind' })
  @ClassifiedField(Domain.BUDGET, () => MajAccountOperationKind)
  kind: MajAccountOperationKind;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintCents })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'Euro cents, > 0; the direction says receipt or payment.',
  })
  amountCents: number;

  @Column({ name: 'balance_after_cents', type: 'bigint', transformer: bigintCents })
  @ClassifiedField(Domain.BUDGET, () => Int, {
    description: 'The account balance right after this operation, euro cents.',
  })
  balanceAfterCents: number;

  @Column({ name: 'operation_date', type: 'date' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLLocalDate)
  operationDate: string;

  @Column({ type: 'text', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => String)
  label: string | null;

  @Column({ name: 'benefit_kind', type: 'enum', enum: BenefitKind, enumName: 'benefit_kind', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => BenefitKind, { description: 'For a BENEFIT receipt: which benefit.' })
  benefitKind: BenefitKind | null;

  @Column({ name: 'lease_id', type: 'uuid', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => ID, {
    description: 'For RENT_TO_LANDLORD: the lease (bailleur subgraph) the rent was paid on.',
  })
  leaseId: string | null;

  @Column({ name: 'recorded_by_org_id', type: 'uuid' })
  recordedByOrgId: string;

  @Column({ name: 'recorded_by_sub', type: 'text' })
  @ClassifiedField(Domain.BUDGET, () => String, { description: 'Who posted it (`sub` of the MJPM).' })
  recordedBySub: string;
}

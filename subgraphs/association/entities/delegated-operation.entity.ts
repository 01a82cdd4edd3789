import { GraphQLCents, GraphQLLocalDate } from '../../kit/schema/scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { BenefitKind } from '../../kit/schema/benefits.enum';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { OperationKind } from './enums';

/** One operation of the managed account's ledger: append-only, numbered, with the balance it left. */
@Entity({ name: 'delegated_operation' })
@ObjectType('DelegatedOperation')
export class DelegatedOperation {
  @PrimaryGeneratedColumn('uuid')
  @Public()
  @Field(() => ID)
  id: string;

  @Column({ name: 'file_id', type: 'uuid' })
  fileId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  /** Set by the database (the ledger trigger). */
  @Column({ type: 'integer', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => Int, { description: 'Position in the account ledger (1, 2, 3…).' })
  seq: number;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.BUDGET, () => OperationKind)
  kind: OperationKind;

  @Column({ name: 'amount_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'Euro cents, positive; a receipt adds it, any payment subtracts it.',
  })
  amountCents: number;

  /** Set by the database (the ledger trigger). */
  @Column({ name: 'balance_after_cents', type: 'integer', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => Int, { description: 'The balance after this operation, euro cents.' })
  balanceAfterCents: number;

  @Column({ name: 'operated_on', type: 'date' })
  @ClassifiedField(Domain.BUDGET, () => GraphQLLocalDate)
  operatedOn: string;

  @Column({ type: 'text' })
  @ClassifiedField(Domain.BUDGET, () => String)
  label: string;

  @Column({ name: 'benefit_kind', type: 'text', nullable: true })
  @ClassifiedField(Domain.BUDGET, () => BenefitKind, { description: 'For a receipt: the benefit received.' })
  benefitKind: BenefitKind | null;

  @Column({ name: 'overdraft_id', type: 'uuid', nullable: true })
  @Public()
  @Field(() => ID, {
    nullable: true,
    description: 'The overdraft authorisation this operation relied on, if the balance went below zero.',
  })
  overdraftId: string | null;

  @Column({ name: 'overdraft_limit_cents', type: 'integer', nullable: true })
  overdraftLimitCents: number | null;

  @Column({ name: 'author_sub', type: 'text' })
  @Public()
  @Field({ description: 'Who recorded it (`sub`).' })
  authorSub: string;

  @Column({ name: 'author_org_id', type: 'uuid' })
  @Public()
  @Field(() => ID, { description: 'The organisation of its author.' })
  authorOrgId: string;
}

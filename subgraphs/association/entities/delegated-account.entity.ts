import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { GraphQLCents } from '../../kit/schema/scalars';

/** The account the délégataire manages for one file; its balance is kept by the database's ledger trigger. */
@Entity({ name: 'delegated_account' })
@ObjectType('DelegatedAccount')
export class DelegatedAccount {
  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  @Public()
  @Field(() => ID, { description: 'The file this account belongs to.' })
  fileId: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId: string;

  @Column({ name: 'balance_cents', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => Int, { description: 'Euro cents; the balance after the last operation.' })
  balanceCents: number;

  @Column({ name: 'last_seq', type: 'integer' })
  @ClassifiedField(Domain.BUDGET, () => Int, { description: 'The sequence number of the last operation.' })
  lastSeq: number;

  /** The limit of the overdraft authorisation in force today (0: none); set by the loader. */
  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, {
    description: 'The limit of the overdraft authorisation in force today, euro cents (0: none).',
  })
  overdraftLimitCents: number;
}

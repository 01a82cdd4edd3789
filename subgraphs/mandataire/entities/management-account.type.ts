import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedField } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { MajAccountOperationKind } from './enums';
import { GraphQLCents } from '../../kit/schema/scalars';

/** One line of the compte de gestion: the operations of one kind in the year. */
@ObjectType('MajManagementAccountLine')
export class MajManagementAccountLine {
  /** The person (audit contract), not exposed. */
  beneficiaryId: string;

  @ClassifiedField(Domain.BUDGET, () => MajAccountOperationKind)
  kind: MajAccountOperationKind;

  @ClassifiedField(Domain.BUDGET, () => Int)
  count: number;

  @ClassifiedField(Domain.BUDGET, () => GraphQLCents, { description: 'Euro cents.' })
  totalCents: number;
}

/**
 * The yearly compte de gestion of a MAJ: opening balance on 1 January, receipts and payments by kind, closing balance
 * on 31 December (or today); opening + receipts − payments = closing, checked against the ledger's running balance.
 */
@ObjectType('MajManagementAccount')
export class MajManagementAccount {
  beneficiaryId: string;

  @Public()
  @Field(() => ID)
  judicialMeasureId: string;

  @Public()
  @Field(() => Int)
  year: number;

  @ClassifiedField(Domain.BUDGET, () => Int, {
    description: 'Balance before the first operation of the year, euro cents.',
  })
  openingBalanceCents: number;

  @ClassifiedField(Domain.BUDGET, () => [MajManagementAccountLine], { description: 'Receipts by kind.' })
  receipts: MajManagementAccountLine[];

  @ClassifiedField(Domain.BUDGET, () => [MajManagementAccountLine], { description: 'Payments by kind.' })
  payments: MajManagementAccountLine[];

  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  totalReceiptsCents: number;

  @ClassifiedField(Domain.BUDGET, () => GraphQLCents)
  totalPaymentsCents: number;

  @ClassifiedField(Domain.BUDGET, () => Int, {
    description: 'Balance after the last operation of the year, euro cents.',
  })
  closingBalanceCents: number;
}

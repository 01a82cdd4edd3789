import { registerEnumType } from 'type-graphql';
import { BudgetLineKind } from '../rules/budget-plan.rule';
import { OperationKind } from '../rules/ledger-operation.rule';

export enum BilanKind {
  /** A progress report during the delegation. */
  PROGRESS = 'PROGRESS',
  /** The end-of-delegation bilan handed back to the département; it closes the file. */
  FINAL = 'FINAL',
}

registerEnumType(BilanKind, { name: 'DelegationBilanKind' });
registerEnumType(BudgetLineKind, {
  name: 'DelegatedBudgetLineKind',
  description: 'A line of a delegated MASP 2 budget plan; rent and charges come first (CASF L271-2).',
});
registerEnumType(OperationKind, {
  name: 'DelegatedOperationKind',
  description: 'An operation on the managed account of a delegated MASP 2.',
});

export { BudgetLineKind, OperationKind };

export * from './enums';
export { DelegatedFile, DelegatedFileStatus } from './delegated-file.entity';
export { DelegatedBenefit } from './delegated-benefit.entity';
export { DelegatedBudgetLine, DelegatedBudgetPlan } from './delegated-budget-plan.entity';
export { DelegatedAccount } from './delegated-account.entity';
export { DelegatedOperation } from './delegated-operation.entity';
export { DelegatedOverdraft } from './delegated-overdraft.entity';
export { DelegationBilan } from './delegation-bilan.entity';
export { AssociationMeasure } from './measure.stub';

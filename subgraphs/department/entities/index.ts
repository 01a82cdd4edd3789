export { Beneficiary } from './beneficiary.entity';
export { Measure } from './measure.entity';
export { MeasureTerm } from './measure-term.entity';
export { Avenant } from './avenant.entity';
export { Delegation } from './delegation.entity';
export { MajNotice } from './maj-notice.entity';
export { BenefitReceived } from './benefit-received.entity';
export { ProtectionMeasure } from './protection-measure.entity';
export { EligibilityCheck } from './eligibility-check.entity';
export { Evaluation } from './evaluation.entity';
export { ContractRefusal } from './contract-refusal.entity';
export { L2716Report } from './l271-6-report.entity';
export { MedicalAnnex } from './medical-annex.entity';
export { DirectPaymentRequest } from './direct-payment-request.entity';
export { DirectPaymentJudgment } from './direct-payment-judgment.entity';
export { DepartmentParameter } from './parameter.entity';
export { ArrearsFact, LeaseFact, PaymentOrder, PaymentOrderStatus } from './direct-payment-facts.entity';
export { DelegataireKind, DelegataireOrganisation, DelegationConvention } from './delegataire.entity';
export { CaseAlert, L2717Export, StatisticsCell } from './views';
export { ContractProposal } from './contract-proposal.entity';
export { DecisionLetter, Document, ReportDocument } from './decision-letter.entity';
export * from './enums';

import { Avenant } from './avenant.entity';
import { Beneficiary } from './beneficiary.entity';
import { BenefitReceived } from './benefit-received.entity';
import { ContractRefusal } from './contract-refusal.entity';
import { Delegation } from './delegation.entity';
import { DirectPaymentJudgment } from './direct-payment-judgment.entity';
import { DirectPaymentRequest } from './direct-payment-request.entity';
import { EligibilityCheck } from './eligibility-check.entity';
import { Evaluation } from './evaluation.entity';
import { L2716Report } from './l271-6-report.entity';
import { MajNotice } from './maj-notice.entity';
import { Measure } from './measure.entity';
import { MeasureTerm } from './measure-term.entity';
import { MedicalAnnex } from './medical-annex.entity';
import { DepartmentParameter } from './parameter.entity';
import { ProtectionMeasure } from './protection-measure.entity';
import { ArrearsFact, LeaseFact, PaymentOrder } from './direct-payment-facts.entity';
import { DelegataireOrganisation, DelegationConvention } from './delegataire.entity';
import { ContractProposal } from './contract-proposal.entity';
import { DecisionLetter, ReportDocument } from './decision-letter.entity';

export const DEPARTMENT_ENTITIES = [
  Beneficiary,
  Measure,
  MeasureTerm,
  Avenant,
  Delegation,
  MajNotice,
  BenefitReceived,
  ProtectionMeasure,
  EligibilityCheck,
  Evaluation,
  ContractRefusal,
  L2716Report,
  MedicalAnnex,
  DirectPaymentRequest,
  DirectPaymentJudgment,
  DepartmentParameter,
  LeaseFact,
  ArrearsFact,
  PaymentOrder,
  DelegataireOrganisation,
  DelegationConvention,
  ContractProposal,
  DecisionLetter,
  ReportDocument,
];

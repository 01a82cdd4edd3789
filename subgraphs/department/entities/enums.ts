import { registerEnumType } from 'type-graphql';
import { DirectPaymentRequester } from '../rules/direct-payment.rule';
import { EndReason } from '../rules/contract.rule';
import { EligibilityRefusal, ProtectionKind } from '../rules/eligibility.rule';

/**
 * MASP levels (CASF L271-1…5): 1 simple, 2 with management of benefits, 3 direct payment to the landlord ordered by a
 * judge.
 */
export enum MeasureLevel {
  MASP_1 = 'MASP_1',
  MASP_2 = 'MASP_2',
  MASP_3 = 'MASP_3',
}
registerEnumType(MeasureLevel, { name: 'MeasureLevel', description: 'MASP level (CASF L271-1…5).' });

export enum MeasureStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}
registerEnumType(MeasureStatus, { name: 'MeasureStatus' });

export { EndReason, EligibilityRefusal, ProtectionKind };
registerEnumType(EndReason, {
  name: 'MeasureEndReason',
  description: 'Why a measure ended (CASF L271-2; MASP 3: L271-5).',
});
registerEnumType(EligibilityRefusal, { name: 'EligibilityRefusal', description: 'A failed condition of CASF L271-1.' });
registerEnumType(ProtectionKind, {
  name: 'ProtectionKind',
  description: 'Legal protection measures (C. civ.), incompatible with a MAJ.',
});

export enum HouseholdType {
  SINGLE = 'SINGLE',
  COUPLE = 'COUPLE',
  SINGLE_PARENT = 'SINGLE_PARENT',
  COUPLE_WITH_CHILDREN = 'COUPLE_WITH_CHILDREN',
  OTHER = 'OTHER',
}
registerEnumType(HouseholdType, { name: 'HouseholdType' });

export enum Sex {
  F = 'F',
  M = 'M',
  X = 'X',
}
registerEnumType(Sex, { name: 'Sex' });

export enum EvaluationKind {
  COLLECTE = 'COLLECTE',
  DIAGNOSTIC = 'DIAGNOSTIC',
  RESULTATS = 'RESULTATS',
}
registerEnumType(EvaluationKind, {
  name: 'EvaluationKind',
  description: 'Collecte (CASU form), diagnostic, or evaluation of the results (before a renewal).',
});

export enum RefusalKind {
  REFUSAL = 'REFUSAL',
  BREACH = 'BREACH',
}
registerEnumType(RefusalKind, {
  name: 'ContractRefusalKind',
  description: 'The person refused the contract, or breached it (CASF L271-5, L271-6).',
});

export enum ReportStatus {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  DECIDED = 'DECIDED',
}
registerEnumType(ReportStatus, { name: 'L2716ReportStatus' });

export enum ProcureurOutcome {
  REFERRED_TO_JUDGE = 'REFERRED_TO_JUDGE',
  NOT_REFERRED = 'NOT_REFERRED',
}
registerEnumType(ProcureurOutcome, {
  name: 'ProcureurOutcome',
  description: "The procureur's decision on an L271-6 report (C. civ. 495-2).",
});

export enum DirectPaymentRequestStatus {
  FILED = 'FILED',
  GRANTED = 'GRANTED',
  DISMISSED = 'DISMISSED',
}
registerEnumType(DirectPaymentRequestStatus, { name: 'DirectPaymentRequestStatus' });

export { DirectPaymentRequester } from '../rules/direct-payment.rule';
registerEnumType(DirectPaymentRequester, {
  name: 'DirectPaymentRequester',
  description:
    'Who asks the judge for the direct payment (CASF L271-5): the département, and since loi n° 2023-668 the préfet or the CCAPEX.',
});

export enum CaseAlertKind {
  ENDING_WITHIN_30_DAYS = 'ENDING_WITHIN_30_DAYS',
  TOTAL_CAP_WITHIN_3_MONTHS = 'TOTAL_CAP_WITHIN_3_MONTHS',
  RENEWAL_WITHOUT_EVALUATION = 'RENEWAL_WITHOUT_EVALUATION',
}
registerEnumType(CaseAlertKind, { name: 'CaseAlertKind' });

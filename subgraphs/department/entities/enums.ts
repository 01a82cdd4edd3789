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
  CONTRACT_PAST_TERM = 'CONTRACT_PAST_TERM',
  ARREARS_TWO_MONTHS = 'ARREARS_TWO_MONTHS',
  DIRECT_PAYMENT_ENDING = 'DIRECT_PAYMENT_ENDING',
  MAJ_ENDING = 'MAJ_ENDING',
  PROTECTION_OPENED_DURING_MASP = 'PROTECTION_OPENED_DURING_MASP',
  ELIGIBILITY_EXPIRED = 'ELIGIBILITY_EXPIRED',
  CONTESTATION_DEADLINE_RUNNING = 'CONTESTATION_DEADLINE_RUNNING',
}
registerEnumType(CaseAlertKind, {
  name: 'CaseAlertKind',
  description: 'What a caseload alert asks the référent to act on (rules/alerts.rule.ts; sql.ts ALERT_KIND_SQL).',
  valuesConfig: {
    ENDING_WITHIN_30_DAYS: { description: "A contract's term (CASF L271-2) falls within 30 days; date: the term." },
    TOTAL_CAP_WITHIN_3_MONTHS: {
      description: 'The 48-month cap (CASF L271-2) is reached within 3 months; date: the term.',
    },
    RENEWAL_WITHOUT_EVALUATION: {
      description: 'Term within 30 days or passed, renewable, no evaluation since the term began; date: the term.',
    },
    CONTRACT_PAST_TERM: { description: 'A contract still in force after its term (CASF L271-2); date: the term.' },
    ARREARS_TWO_MONTHS: {
      description: 'Two months of rent unpaid (CASF L271-5), no direct-payment request on them yet; date: reached on.',
    },
    DIRECT_PAYMENT_ENDING: { description: 'A direct payment (CASF L271-5) ends within 30 days; date: last day paid.' },
    MAJ_ENDING: { description: 'A MAJ (C. civ. 495-8) ends within 30 days; date: its end.' },
    PROTECTION_OPENED_DURING_MASP: {
      description: 'A legal protection measure began while the MASP runs; date: its start.',
    },
    CONTESTATION_DEADLINE_RUNNING: {
      description: 'A decision letter can still be contested (CJA R421-1; a judgment: CPC 538); date: its last day.',
    },
    ELIGIBILITY_EXPIRED: {
      description:
        'A contract is proposed or due for renewal on an eligibility check older than its validity (ELIGIBILITY_VALIDITY_MONTHS, default 6); date: when it expired.',
    },
  },
});

/** A proposed MASP contract (CASF L271-2): awaiting the person's answer, accepted (signed), or refused. */
export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  REFUSED = 'REFUSED',
}
registerEnumType(ProposalStatus, { name: 'ContractProposalStatus' });

/** The decisions a person can contest, each notified by a letter with its voies et délais de recours. */
export enum DecisionKind {
  CONTRACT_SIGNED = 'CONTRACT_SIGNED',
  AVENANT_SIGNED = 'AVENANT_SIGNED',
  CONTRACT_RENEWED = 'CONTRACT_RENEWED',
  MEASURE_ENDED = 'MEASURE_ENDED',
  PROPOSAL_REFUSED = 'PROPOSAL_REFUSED',
  DIRECT_PAYMENT_REQUESTED = 'DIRECT_PAYMENT_REQUESTED',
  DIRECT_PAYMENT_JUDGMENT = 'DIRECT_PAYMENT_JUDGMENT',
}
registerEnumType(DecisionKind, {
  name: 'DecisionKind',
  description: 'A decision the person can contest (CJA R421-1; a judgment: appeal, CPC).',
});

/** The documents of a file: decision letters, and the two documents of the L271-6 pack. */
export enum DocumentKind {
  DECISION_LETTER = 'DECISION_LETTER',
  L271_6_REPORT = 'L271_6_REPORT',
  MEDICAL_ANNEX = 'MEDICAL_ANNEX',
}
registerEnumType(DocumentKind, { name: 'DocumentKind' });

/** The documents of the L271-6 pack, as stored (`report_document.kind`). */
export type L2716DocumentKind = DocumentKind.L271_6_REPORT | DocumentKind.MEDICAL_ANNEX;

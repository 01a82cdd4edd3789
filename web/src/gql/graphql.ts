/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A benefit of the CASF D271-2 list. */
export type BenefitKind =
  | 'AAH'
  | 'ACTP'
  | 'AEEH'
  | 'AF'
  | 'AJPP'
  | 'ALF'
  | 'ALLOCATION_DIFFERENTIELLE'
  | 'ALLOCATION_MERES_FAMILLE'
  | 'ALLOCATION_SERVICES_MENAGERS'
  | 'ALLOCATION_SPECIALE_VIEILLESSE'
  | 'ALLOCATION_SUPPLEMENTAIRE'
  | 'ALLOCATION_VIAGERE_RAPATRIES'
  | 'ALLOCATION_VIEILLESSE_AGRICOLE'
  | 'ALS'
  | 'APA'
  | 'APL'
  | 'ARS'
  | 'ASF'
  | 'ASI'
  | 'ASPA'
  | 'AVTNS'
  | 'AVTS'
  | 'CF'
  | 'PAJE'
  | 'PCH'
  | 'PCH_III'
  | 'RENTE_ORPHELINS_AT'
  | 'RSA';

/** What a caseload alert asks the référent to act on (rules/alerts.rule.ts; sql.ts ALERT_KIND_SQL). */
export type CaseAlertKind =
  /** Two months of rent unpaid (CASF L271-5), no direct-payment request on them yet; date: reached on. */
  | 'ARREARS_TWO_MONTHS'
  /** A decision letter can still be contested (CJA R421-1; a judgment: CPC 538); date: its last day. */
  | 'CONTESTATION_DEADLINE_RUNNING'
  /** A contract still in force after its term (CASF L271-2); date: the term. */
  | 'CONTRACT_PAST_TERM'
  /** A direct payment (CASF L271-5) ends within 30 days; date: last day paid. */
  | 'DIRECT_PAYMENT_ENDING'
  /** A contract is proposed or due for renewal on an eligibility check older than its validity (ELIGIBILITY_VALIDITY_MONTHS, default 6); date: when it expired. */
  | 'ELIGIBILITY_EXPIRED'
  /** A contract's term (CASF L271-2) falls within 30 days; date: the term. */
  | 'ENDING_WITHIN_30_DAYS'
  /** A MAJ (C. civ. 495-8) ends within 30 days; date: its end. */
  | 'MAJ_ENDING'
  /** A legal protection measure began while the MASP runs; date: its start. */
  | 'PROTECTION_OPENED_DURING_MASP'
  /** Term within 30 days or passed, renewable, no evaluation since the term began; date: the term. */
  | 'RENEWAL_WITHOUT_EVALUATION'
  /** The 48-month cap (CASF L271-2) is reached within 3 months; date: the term. */
  | 'TOTAL_CAP_WITHIN_3_MONTHS';

export type DeclareRentArrearsInput = {
  /** The total due for those months, euro cents (≤ their rent + charges). */
  amountDueCents: number;
  leaseId: string | number;
  /** The unpaid months, YYYY-MM (1 to 24, none to come). */
  months: Array<string>;
};

export type DelegatedFileStatus =
  | 'ACTIVE'
  | 'CLOSED'
  | 'CLOSING';

/** An operation on the managed account of a delegated MASP 2. */
export type DelegatedOperationKind =
  | 'CARE_PAYMENT'
  | 'OTHER_PAYMENT'
  | 'RECEIPT'
  | 'RENT_PAYMENT'
  | 'TRANSFER_TO_PERSON';

export type DelegationBilanKind =
  | 'FINAL'
  | 'PROGRESS';

export type EndMeasureInput = {
  endedOn: string;
  measureId: string | number;
  notifiedOn?: string | null | undefined;
  reason: MeasureEndReason;
};

export type ExpectedPaymentStatus =
  | 'CONFIRMED'
  | 'MISSING'
  | 'PARTIAL'
  | 'PENDING';

export type JudicialMeasureStatus =
  | 'ACTIVE'
  | 'ENDED';

export type MajAccountDirection =
  | 'PAYMENT'
  | 'RECEIPT';

/** Receipts: BENEFIT (names the benefit), EARNED_INCOME, REFUND, OTHER_RECEIPT. Payments: RENT_TO_LANDLORD (names the lease), HOUSING_CHARGES, ENERGY, INSURANCE, DEBT_REPAYMENT, LIVING_ALLOWANCE (handed to the person), OTHER_PAYMENT. */
export type MajAccountOperationKind =
  | 'BENEFIT'
  | 'DEBT_REPAYMENT'
  | 'EARNED_INCOME'
  | 'ENERGY'
  | 'HOUSING_CHARGES'
  | 'INSURANCE'
  | 'LIVING_ALLOWANCE'
  | 'OTHER_PAYMENT'
  | 'OTHER_RECEIPT'
  | 'REFUND'
  | 'RENT_TO_LANDLORD';

/** Why a measure ended (CASF L271-2; MASP 3: L271-5). */
export type MeasureEndReason =
  | 'AUTONOMY'
  | 'DEATH'
  | 'LOSS_OF_ELIGIBILITY'
  | 'MAINLEVEE'
  | 'MOVE'
  | 'PCD_REQUEST'
  | 'PROTECTION_MEASURE_OPENED'
  | 'REFERRAL_TO_MAJ'
  | 'REFUSAL_OR_BREACH'
  | 'TERM'
  | 'WITHDRAWAL';

/** MASP level (CASF L271-1…5). */
export type MeasureLevel =
  | 'MASP_1'
  | 'MASP_2'
  | 'MASP_3';

export type MeasureStatus =
  | 'ACTIVE'
  | 'ENDED'
  | 'PROPOSED';

export type PayerKind =
  | 'ASSOCIATION'
  | 'DEPARTEMENT'
  | 'MANDATAIRE'
  | 'ORGANISME_PAYEUR';

export type PostDelegatedOperationInput = {
  /** Euro cents, > 0. */
  amountCents: number;
  /** Required for a RECEIPT (a managed benefit), forbidden otherwise. */
  benefitKind?: BenefitKind | null | undefined;
  fileId: string | number;
  kind: DelegatedOperationKind;
  label: string;
  /** Not in the future, not before the file started. */
  operatedOn: string;
};

export type RecordMajAccountOperationInput = {
  /** Euro cents, > 0. */
  amountCents: number;
  /** Required for BENEFIT: one of the benefits the judgment covers. */
  benefitKind?: BenefitKind | null | undefined;
  judicialMeasureId: string | number;
  kind: MajAccountOperationKind;
  label?: string | null | undefined;
  /** Required for RENT_TO_LANDLORD: the lease (bailleur subgraph). */
  leaseId?: string | number | null | undefined;
  /** Within the MAJ, not in the future, not before the last posted operation. */
  operationDate: string;
};

export type RentConfirmationItemInput = {
  amountReceivedCents: number;
  leaseId: string | number;
  receivedOn?: string | null | undefined;
};

export type RentPaymentStatus =
  | 'CONFIRMED'
  | 'EXPECTED'
  | 'MISSING'
  | 'PARTIAL';

export type ConsoleLandlordMonthQueryVariables = Exact<{
  month: string;
}>;


export type ConsoleLandlordMonthQuery = { expectedPayments: Array<{ leaseId: string, month: string, tenantName: string | null, reference: string | null, expectedCents: number | null, payerKind: PayerKind | null, status: ExpectedPaymentStatus, receivedCents: number | null, payment: { id: string, receivedOn: string | null, corrections: Array<{ id: string, correctedAt: string | null, previousStatus: RentPaymentStatus | null, previousReceivedCents: number | null, status: RentPaymentStatus | null, receivedCents: number | null }> | null } | null }>, myLeases: Array<{ id: string, reference: string | null, tenantName: string | null, rentCents: number | null, chargesCents: number | null, beneficiary: { id: string, firstName: string | null }, rentArrears: { unpaidMonths: Array<string> | null, consecutiveUnpaidMonths: number | null, amountDueCents: number | null, alert: boolean | null } | null }> };

export type ConsoleConfirmPaymentsMutationVariables = Exact<{
  month: string;
  items: Array<RentConfirmationItemInput> | RentConfirmationItemInput;
}>;


export type ConsoleConfirmPaymentsMutation = { confirmRentPayments: Array<{ leaseId: string, ok: boolean, errorCode: string | null, errorField: string | null, errorMessage: string | null, payment: { id: string, status: RentPaymentStatus, receivedCents: number | null, receivedOn: string | null } | null }> };

export type ConsoleDeclareArrearsMutationVariables = Exact<{
  input: DeclareRentArrearsInput;
}>;


export type ConsoleDeclareArrearsMutation = { declareRentArrears: { id: string, leaseId: string, months: Array<string> | null, amountDueCents: number | null, declaredAt: string | null } };

export type ConsoleCaseloadQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCaseloadQuery = { caseload: Array<{ id: string, firstName: string | null, lastName: string | null, territory: string, rentArrears: { consecutiveUnpaidMonths: number | null, alert: boolean | null } | null, measures: Array<{ id: string, level: MeasureLevel | null, status: MeasureStatus, endsOn: string }> }>, caseloadAlerts: Array<{ id: string, kinds: Array<CaseAlertKind>, endsOn: string | null, cumulativeMonths: number | null, beneficiary: { id: string } | null }> };

export type ConsolePersonQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsolePersonQuery = { beneficiary: { id: string, firstName: string | null, lastName: string | null, birthDate: string | null, address: string | null, territory: string, referredOn: string | null, evaluations: Array<{ id: string }> | null, medicalAnnexes: Array<{ id: string }> | null, measures: Array<{ id: string, level: MeasureLevel | null, status: MeasureStatus, startsOn: string, endsOn: string, endedOn: string | null, endReason: MeasureEndReason | null, cumulativeMonths: number, signedOn: string | null, terms: Array<{ id: string, seq: number, startsOn: string, endsOn: string, months: number, decidedOn: string | null }>, delegations: Array<{ id: string, associationOrgId: string, conventionRef: string | null, startsOn: string, endsOn: string | null }> }>, leases: Array<{ id: string, reference: string | null, rentCents: number | null, chargesCents: number | null, payments: Array<{ id: string, month: string, status: RentPaymentStatus, expectedCents: number | null, receivedCents: number | null }> | null }> | null, rentArrears: { unpaidMonths: Array<string> | null, consecutiveUnpaidMonths: number | null, amountDueCents: number | null, alert: boolean | null } | null, directPaymentOrders: Array<{ id: string, payerKind: PayerKind | null, monthlyAmountCents: number | null, startsOn: string, endsOn: string | null }> | null, judicialMeasures: Array<{ id: string, court: string | null, status: JudicialMeasureStatus, startsOn: string, endsOn: string }> | null } | null };

export type ConsoleEndMeasureMutationVariables = Exact<{
  input: EndMeasureInput;
}>;


export type ConsoleEndMeasureMutation = { endMeasure: { id: string, status: MeasureStatus, endedOn: string | null, endReason: MeasureEndReason | null } };

export type ConsoleDelegatedFilesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleDelegatedFilesQuery = { myDelegatedFiles: Array<{ id: string, status: DelegatedFileStatus, startedOn: string, account: { balanceCents: number | null } | null, measure: { id: string, level: MeasureLevel | null, endsOn: string, beneficiary: { id: string, firstName: string | null, lastName: string | null } | null } | null }> };

export type ConsoleDelegatedFileQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleDelegatedFileQuery = { delegatedFile: { id: string, status: DelegatedFileStatus, startedOn: string, monthlyResourcesCents: number | null, rentAndChargesCents: number | null, managedBenefits: Array<BenefitKind> | null, budgetPlan: { id: string, month: string | null, resourcesCents: number | null, rentAndChargesCents: number | null, careCents: number | null, otherChargesCents: number | null, resteAVivreCents: number | null } | null, account: { balanceCents: number | null, overdraftLimitCents: number | null } | null, operations: Array<{ id: string, seq: number | null, kind: DelegatedOperationKind | null, label: string | null, amountCents: number | null, balanceAfterCents: number | null, operatedOn: string | null }> | null, bilans: Array<{ id: string, kind: DelegationBilanKind, writtenOn: string, summary: string | null }> | null, measure: { id: string, level: MeasureLevel | null, startsOn: string, endsOn: string, beneficiary: { id: string, firstName: string | null, lastName: string | null, address: string | null, medicalAnnexes: Array<{ id: string }> | null, leases: Array<{ id: string, reference: string | null, rentCents: number | null, chargesCents: number | null, payments: Array<{ id: string, month: string, status: RentPaymentStatus, receivedCents: number | null, receivedOn: string | null }> | null }> | null } | null } | null } | null };

export type ConsolePostOperationMutationVariables = Exact<{
  input: PostDelegatedOperationInput;
}>;


export type ConsolePostOperationMutation = { postDelegatedOperation: { id: string, seq: number | null, kind: DelegatedOperationKind | null, amountCents: number | null, balanceAfterCents: number | null, operatedOn: string | null } };

export type ConsoleMajQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleMajQuery = { myJudicialMeasures: Array<{ id: string, status: JudicialMeasureStatus, court: string | null, reference: string | null, judgmentDate: string | null, startsOn: string, endsOn: string, benefitsCovered: Array<BenefitKind> | null, account: { id: string, balanceCents: number | null, lastOperationDate: string | null } | null, accountOperations: Array<{ id: string, operationDate: string | null, kind: MajAccountOperationKind | null, direction: MajAccountDirection | null, label: string | null, amountCents: number | null, balanceAfterCents: number | null }> | null, beneficiary: { id: string, firstName: string | null, lastName: string | null, birthDate: string | null, medicalAnnexes: Array<{ id: string }> | null } }> };

export type ConsoleRecordMajOperationMutationVariables = Exact<{
  input: RecordMajAccountOperationInput;
}>;


export type ConsoleRecordMajOperationMutation = { recordMajAccountOperation: { id: string, operationDate: string | null, kind: MajAccountOperationKind | null, direction: MajAccountDirection | null, amountCents: number | null, balanceAfterCents: number | null } };


export const ConsoleLandlordMonthDocument = {"__meta__":{"hash":"sha256:76277a4bfe9dade0dd448a18721f917436a86c4364004f5f5a713d0934db1fe4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleLandlordMonth"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Month"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expectedPayments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaseId"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"tenantName"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCents"}},{"kind":"Field","name":{"kind":"Name","value":"payerKind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCents"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"receivedOn"}},{"kind":"Field","name":{"kind":"Name","value":"corrections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"correctedAt"}},{"kind":"Field","name":{"kind":"Name","value":"previousStatus"}},{"kind":"Field","name":{"kind":"Name","value":"previousReceivedCents"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCents"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myLeases"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"tenantName"}},{"kind":"Field","name":{"kind":"Name","value":"rentCents"}},{"kind":"Field","name":{"kind":"Name","value":"chargesCents"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rentArrears"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unpaidMonths"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveUnpaidMonths"}},{"kind":"Field","name":{"kind":"Name","value":"amountDueCents"}},{"kind":"Field","name":{"kind":"Name","value":"alert"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleLandlordMonthQuery, ConsoleLandlordMonthQueryVariables>;
export const ConsoleConfirmPaymentsDocument = {"__meta__":{"hash":"sha256:b12062043ae2ba6cc184c55201f13e6969a1b7ecee4f8bdff9199387e18d27ba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleConfirmPayments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Month"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"items"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RentConfirmationItemInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmRentPayments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}},{"kind":"Argument","name":{"kind":"Name","value":"items"},"value":{"kind":"Variable","name":{"kind":"Name","value":"items"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaseId"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"errorCode"}},{"kind":"Field","name":{"kind":"Name","value":"errorField"}},{"kind":"Field","name":{"kind":"Name","value":"errorMessage"}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCents"}},{"kind":"Field","name":{"kind":"Name","value":"receivedOn"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleConfirmPaymentsMutation, ConsoleConfirmPaymentsMutationVariables>;
export const ConsoleDeclareArrearsDocument = {"__meta__":{"hash":"sha256:858640f69d8c2ff5788a711e4e12b3169de5a36f2bc3b44f3b2e2df471b72952"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleDeclareArrears"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeclareRentArrearsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"declareRentArrears"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"leaseId"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"amountDueCents"}},{"kind":"Field","name":{"kind":"Name","value":"declaredAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleDeclareArrearsMutation, ConsoleDeclareArrearsMutationVariables>;
export const ConsoleCaseloadDocument = {"__meta__":{"hash":"sha256:7e4b7b942b8fd7b265faeb0bc432231f50424faac6d2d479f037e1b009c71095"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleCaseload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"caseload"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"territory"}},{"kind":"Field","name":{"kind":"Name","value":"rentArrears"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"consecutiveUnpaidMonths"}},{"kind":"Field","name":{"kind":"Name","value":"alert"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"caseloadAlerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kinds"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeMonths"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleCaseloadQuery, ConsoleCaseloadQueryVariables>;
export const ConsolePersonDocument = {"__meta__":{"hash":"sha256:2f8751d03af9c3f821c3c8637da97f56d0df1f28756df28bfeff31967eff6afd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsolePerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"territory"}},{"kind":"Field","name":{"kind":"Name","value":"referredOn"}},{"kind":"Field","name":{"kind":"Name","value":"evaluations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"medicalAnnexes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measures"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"cumulativeMonths"}},{"kind":"Field","name":{"kind":"Name","value":"signedOn"}},{"kind":"Field","name":{"kind":"Name","value":"terms"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"months"}},{"kind":"Field","name":{"kind":"Name","value":"decidedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"delegations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"associationOrgId"}},{"kind":"Field","name":{"kind":"Name","value":"conventionRef"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"leases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"rentCents"}},{"kind":"Field","name":{"kind":"Name","value":"chargesCents"}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"12"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"expectedCents"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCents"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"rentArrears"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unpaidMonths"}},{"kind":"Field","name":{"kind":"Name","value":"consecutiveUnpaidMonths"}},{"kind":"Field","name":{"kind":"Name","value":"amountDueCents"}},{"kind":"Field","name":{"kind":"Name","value":"alert"}}]}},{"kind":"Field","name":{"kind":"Name","value":"directPaymentOrders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"payerKind"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyAmountCents"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"judicialMeasures"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"court"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}}]}}]}}]}}]} as unknown as DocumentNode<ConsolePersonQuery, ConsolePersonQueryVariables>;
export const ConsoleEndMeasureDocument = {"__meta__":{"hash":"sha256:7bf8bd754e619ac8f505dbe47f3a6e91a43fb10c85f8f8cec03f09ab9e393681"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleEndMeasure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndMeasureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endMeasure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}}]}}]}}]} as unknown as DocumentNode<ConsoleEndMeasureMutation, ConsoleEndMeasureMutationVariables>;
export const ConsoleDelegatedFilesDocument = {"__meta__":{"hash":"sha256:2ae33afc7ce45387a0bb83f1737e39b4e27e8d640220f891683322c9852a07d3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDelegatedFiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myDelegatedFiles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleDelegatedFilesQuery, ConsoleDelegatedFilesQueryVariables>;
export const ConsoleDelegatedFileDocument = {"__meta__":{"hash":"sha256:f554bbcf7749a9d1e1e8e391b02b6c62ac64da8f297da8d98f29c316cb109e2b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleDelegatedFile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"delegatedFile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyResourcesCents"}},{"kind":"Field","name":{"kind":"Name","value":"rentAndChargesCents"}},{"kind":"Field","name":{"kind":"Name","value":"managedBenefits"}},{"kind":"Field","name":{"kind":"Name","value":"budgetPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"resourcesCents"}},{"kind":"Field","name":{"kind":"Name","value":"rentAndChargesCents"}},{"kind":"Field","name":{"kind":"Name","value":"careCents"}},{"kind":"Field","name":{"kind":"Name","value":"otherChargesCents"}},{"kind":"Field","name":{"kind":"Name","value":"resteAVivreCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"overdraftLimitCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"operations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterCents"}},{"kind":"Field","name":{"kind":"Name","value":"operatedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bilans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"writtenOn"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}}]}},{"kind":"Field","name":{"kind":"Name","value":"measure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"medicalAnnexes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"rentCents"}},{"kind":"Field","name":{"kind":"Name","value":"chargesCents"}},{"kind":"Field","name":{"kind":"Name","value":"payments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"receivedCents"}},{"kind":"Field","name":{"kind":"Name","value":"receivedOn"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleDelegatedFileQuery, ConsoleDelegatedFileQueryVariables>;
export const ConsolePostOperationDocument = {"__meta__":{"hash":"sha256:69cc6272a8d444b23c96d24d259cf92cb995fe4222b5f82bbc651c4cd1ff7768"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsolePostOperation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostDelegatedOperationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postDelegatedOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seq"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterCents"}},{"kind":"Field","name":{"kind":"Name","value":"operatedOn"}}]}}]}}]} as unknown as DocumentNode<ConsolePostOperationMutation, ConsolePostOperationMutationVariables>;
export const ConsoleMajDocument = {"__meta__":{"hash":"sha256:bedbb995215b88bf050d2e4217b3d755db2eb8df954f4cfc86e6a2258ee72b03"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleMaj"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myJudicialMeasures"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"court"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"judgmentDate"}},{"kind":"Field","name":{"kind":"Name","value":"startsOn"}},{"kind":"Field","name":{"kind":"Name","value":"endsOn"}},{"kind":"Field","name":{"kind":"Name","value":"benefitsCovered"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"balanceCents"}},{"kind":"Field","name":{"kind":"Name","value":"lastOperationDate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accountOperations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"operationDate"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"beneficiary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"birthDate"}},{"kind":"Field","name":{"kind":"Name","value":"medicalAnnexes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleMajQuery, ConsoleMajQueryVariables>;
export const ConsoleRecordMajOperationDocument = {"__meta__":{"hash":"sha256:c93bf1997ee4b56bce0a6ef825d5cd828137a19af29abe483f2a4b4aa56b9425"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConsoleRecordMajOperation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordMajAccountOperationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordMajAccountOperation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"operationDate"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"balanceAfterCents"}}]}}]}}]} as unknown as DocumentNode<ConsoleRecordMajOperationMutation, ConsoleRecordMajOperationMutationVariables>;
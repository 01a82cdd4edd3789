import { BenefitKind, BenefitPurpose, BENEFITS } from '../../../schema/benefits';
import { earmarkedMisused } from './budget-plan.rule';
import { AssociationCode, DEPARTMENTAL_PRACTICE, euros, eurosEn, RuleViolation } from './errors';
import { checkBenefitManagedL2712 } from './managed-benefits.rule';

export enum OperationKind {
  /** A benefit received on the person's behalf. */
  RECEIPT = 'RECEIPT',
  /** Rent and charges paid to the landlord. */
  RENT_PAYMENT = 'RENT_PAYMENT',
  /** Care and assistance paid (what APA, ACTP, PCH are for). */
  CARE_PAYMENT = 'CARE_PAYMENT',
  /** Money handed to the person (reste à vivre). */
  TRANSFER_TO_PERSON = 'TRANSFER_TO_PERSON',
  /** Any other payment (energy, insurance, creditor…). */
  OTHER_PAYMENT = 'OTHER_PAYMENT',
}

/** The signed effect of an operation on the balance. */
export const deltaOf = (kind: OperationKind, amountCents: number) =>
  kind === OperationKind.RECEIPT ? amountCents : -amountCents;

/** What the account holds and what the operation's month has seen so far (read under the account's row lock). */
export interface LedgerState {
  balanceCents: number;
  /** The limit of an overdraft authorisation in force; 0 when there is none. */
  overdraftLimitCents: number;
  /** Rent and charges due each month (the file's). */
  rentDueCents: number;
  managedBenefits: readonly BenefitKind[];
  /** The operation's calendar month, so far. */
  month: { housingReceivedCents: number; careReceivedCents: number; rentPaidCents: number; carePaidCents: number };
}

export interface OperationRequest {
  kind: OperationKind;
  amountCents: number;
  benefitKind?: BenefitKind | null;
}

/** The purpose of a benefit received, for earmark tracking. */
export const purposeOf = (kind: BenefitKind | null | undefined) => (kind ? BENEFITS[kind].earmarkedFor : undefined);

/**
 * One operation on the managed account of a delegated MASP 2, checked in this order:
 * 1. a receipt is a benefit the contract manages (CASF L271-2, BENEFIT_NOT_MANAGED);
 * 2. a payment never takes the balance below zero, or below the limit of an overdraft authorisation
 * (INSUFFICIENT_BALANCE);
 * 3. rent and charges first (CASF L271-2): in a month, a transfer to the person or another payment — or a care payment
 * beyond the care benefits received that month — waits until the month's rent and charges are paid
 * (RENT_NOT_COVERED_FIRST);
 * 4. earmarked benefits on their purpose: the housing aids and care benefits received in the month and not yet spent on
 * their purpose stay on the account; a payment for another purpose may not eat into them (EARMARKED_BENEFIT_MISUSED).
 * Earmarks are tracked per calendar month (the benefits' own period).
 */
export function checkOperationL2712(state: LedgerState, op: OperationRequest): RuleViolation | null {
  if (op.kind === OperationKind.RECEIPT) {
    return op.benefitKind ? checkBenefitManagedL2712(op.benefitKind, state.managedBenefits) : null;
  }
  const after = state.balanceCents - op.amountCents;
  if (after < -state.overdraftLimitCents) {
    const available = state.balanceCents + state.overdraftLimitCents;
    return {
      code: AssociationCode.INSUFFICIENT_BALANCE,
      rule: DEPARTMENTAL_PRACTICE,
      message: `Solde insuffisant : ${euros(op.amountCents)} demandés, ${euros(Math.max(0, available))} disponibles${state.overdraftLimitCents ? ` (découvert autorisé : ${euros(state.overdraftLimitCents)})` : ', aucun découvert autorisé'}. / Insufficient balance: ${eurosEn(op.amountCents)} requested, ${eurosEn(Math.max(0, available))} available${state.overdraftLimitCents ? ` (authorised overdraft: ${eurosEn(state.overdraftLimitCents)})` : ', no overdraft authorised'}.`,
      extra: {
        balanceCents: state.balanceCents,
        overdraftLimitCents: state.overdraftLimitCents,
        amountCents: op.amountCents,
      },
    };
  }
  const m = state.month;
  const rentCovered = m.rentPaidCents >= state.rentDueCents;
  const careLeft = Math.max(0, m.careReceivedCents - m.carePaidCents);
  const housingLeft = Math.max(0, m.housingReceivedCents - m.rentPaidCents);
  const paysOtherItem =
    op.kind === OperationKind.TRANSFER_TO_PERSON ||
    op.kind === OperationKind.OTHER_PAYMENT ||
    (op.kind === OperationKind.CARE_PAYMENT && op.amountCents > careLeft);
  if (paysOtherItem && !rentCovered) {
    return {
      code: AssociationCode.RENT_NOT_COVERED_FIRST,
      rule: 'CASF L271-2',
      message: `CASF L271-2 : le loyer et les charges sont payés en priorité ; ce mois-ci ${euros(m.rentPaidCents)} payés sur ${euros(state.rentDueCents)} dus. / CASF L271-2: rent and charges are paid first; this month ${eurosEn(m.rentPaidCents)} paid of ${eurosEn(state.rentDueCents)} due.`,
      extra: { rentDueCents: state.rentDueCents, rentPaidCents: m.rentPaidCents },
    };
  }
  // What must stay on the account after this payment: earmarked money not yet spent on its purpose.
  const housingReserved =
    op.kind === OperationKind.RENT_PAYMENT ? Math.max(0, housingLeft - op.amountCents) : housingLeft;
  const careReserved = op.kind === OperationKind.CARE_PAYMENT ? Math.max(0, careLeft - op.amountCents) : careLeft;
  const reserved = housingReserved + careReserved;
  if (reserved > 0 && after < reserved) {
    const purpose =
      op.kind !== OperationKind.RENT_PAYMENT && housingReserved > 0 ? BenefitPurpose.HOUSING : BenefitPurpose.CARE;
    return purpose === BenefitPurpose.HOUSING
      ? earmarkedMisused(BenefitPurpose.HOUSING, m.housingReceivedCents, m.rentPaidCents)
      : earmarkedMisused(BenefitPurpose.CARE, m.careReceivedCents, m.carePaidCents);
  }
  return null;
}

import { MajAccountDirection, MajAccountOperationKind, RECEIPT_KINDS } from '../entities/enums';
import { formatDateFr, formatEuros, formatEurosEn } from '../../kit/rules/french';
import { badInput, MandataireCode, refusal, ruleError } from './errors';

/** Amounts are integer euro cents; one operation is at most €1,000,000 (a typo guard, not a legal cap). */
export const MAX_OPERATION_CENTS = 100_000_000;

export function directionOf(kind: MajAccountOperationKind): MajAccountDirection {
  return RECEIPT_KINDS.includes(kind) ? MajAccountDirection.RECEIPT : MajAccountDirection.PAYMENT;
}

export function assertAmountCents(amountCents: number): void {
  if (!Number.isInteger(amountCents) || amountCents < 1 || amountCents > MAX_OPERATION_CENTS) {
    throw badInput(
      'amountCents',
      `Le montant est un nombre entier de centimes, de 1 à ${MAX_OPERATION_CENTS}.`,
      `The amount is a whole number of cents, 1 to ${MAX_OPERATION_CENTS}.`,
    );
  }
}

/**
 * C. civ. 495-7: the MJPM manages the benefits on the person's account in their interest; the account may not go
 * below zero (no overdraft in the person's name). Returns the balance after the operation, or refuses a payment that
 * exceeds the balance: INSUFFICIENT_BALANCE.
 */
export function nextBalance(balanceCents: number, kind: MajAccountOperationKind, amountCents: number): number {
  assertAmountCents(amountCents);
  if (directionOf(kind) === MajAccountDirection.RECEIPT) return balanceCents + amountCents;
  if (amountCents > balanceCents) {
    throw ruleError(
      MandataireCode.INSUFFICIENT_BALANCE,
      'C. civ. 495-7',
      `paiement refusé, le solde du compte (${formatEuros(balanceCents)}) ne couvre pas ${formatEuros(amountCents)} ; le compte de la personne ne peut être débiteur.`,
      `payment refused, the account balance (${formatEurosEn(balanceCents)}) does not cover ${formatEurosEn(amountCents)}; the person's account may not be overdrawn.`,
      { balanceCents, amountCents },
    );
  }
  return balanceCents - amountCents;
}

/**
 * The ledger is kept in date order: an operation is dated within the MAJ (from its start, not after today nor after its
 * end) and not before the last operation posted, so that each `balanceAfterCents` is the balance on that day.
 */
export function assertOperationDate(
  operationDate: string,
  bounds: { startsOn: string; endsOn: string; today: string; lastOperationDate: string | null },
): void {
  const upper = bounds.endsOn < bounds.today ? bounds.endsOn : bounds.today;
  const lower =
    bounds.lastOperationDate && bounds.lastOperationDate > bounds.startsOn ? bounds.lastOperationDate : bounds.startsOn;
  if (operationDate < lower || operationDate > upper) {
    throw badInput(
      'operationDate',
      `La date d'opération doit être comprise entre le ${formatDateFr(lower)} (début de la MAJ ou dernière opération passée) et le ${formatDateFr(upper)}.`,
      `The operation date must be between ${lower} (start of the MAJ or last posted operation) and ${upper}.`,
    );
  }
}

export interface LedgerLine {
  kind: MajAccountOperationKind;
  amountCents: number;
  balanceAfterCents: number;
}

export interface KindTotal {
  kind: MajAccountOperationKind;
  count: number;
  totalCents: number;
}

export interface ManagementAccountFigures {
  openingBalanceCents: number;
  receipts: KindTotal[];
  payments: KindTotal[];
  totalReceiptsCents: number;
  totalPaymentsCents: number;
  closingBalanceCents: number;
}

/**
 * The yearly compte de gestion (C. civ. 495-9: the MJPM's accounts follow the rules of title XII): opening balance,
 * receipts and
 * payments by kind, closing balance. `lines` are the year's operations in posting order; the arithmetic is checked
 * twice: opening + receipts − payments must equal the ledger's own running balance after the last line. A mismatch is
 * a corrupt ledger, never served: LEDGER_INCONSISTENT.
 */
export function buildManagementAccount(
  openingBalanceCents: number,
  lines: readonly LedgerLine[],
): ManagementAccountFigures {
  const receipts = new Map<MajAccountOperationKind, KindTotal>();
  const payments = new Map<MajAccountOperationKind, KindTotal>();
  let running = openingBalanceCents;
  for (const line of lines) {
    const receipt = directionOf(line.kind) === MajAccountDirection.RECEIPT;
    running += receipt ? line.amountCents : -line.amountCents;
    if (running !== line.balanceAfterCents) throw ledgerInconsistent();
    const bucket = receipt ? receipts : payments;
    const t = bucket.get(line.kind) ?? { kind: line.kind, count: 0, totalCents: 0 };
    t.count += 1;
    t.totalCents += line.amountCents;
    bucket.set(line.kind, t);
  }
  const order = Object.values(MajAccountOperationKind) as MajAccountOperationKind[];
  const sorted = (m: Map<MajAccountOperationKind, KindTotal>) =>
    [...m.values()].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const totalReceiptsCents = [...receipts.values()].reduce((s, t) => s + t.totalCents, 0);
  const totalPaymentsCents = [...payments.values()].reduce((s, t) => s + t.totalCents, 0);
  const closingBalanceCents = openingBalanceCents + totalReceiptsCents - totalPaymentsCents;
  if (closingBalanceCents !== running || closingBalanceCents < 0) throw ledgerInconsistent();
  return {
    openingBalanceCents,
    receipts: sorted(receipts),
    payments: sorted(payments),
    totalReceiptsCents,
    totalPaymentsCents,
    closingBalanceCents,
  };
}

function ledgerInconsistent() {
  return refusal(
    MandataireCode.LEDGER_INCONSISTENT,
    'C. civ. 495-9',
    "Compte de gestion : les soldes enregistrés ne concordent pas avec les opérations ; contactez l'administrateur. / Management account: the recorded balances do not match the operations; contact the administrator.",
  );
}

import { badInput } from './errors';
import { formatEuros } from '../../kit/rules/french';

/** What the landlord confirmed for a month, against the amount the direct-payment order makes it expect. */
export type ConfirmedStatus = 'CONFIRMED' | 'PARTIAL' | 'MISSING';

/** A confirmation above this many times the expected amount is a typing error, not a payment. */
export const MAX_RECEIVED_FACTOR = 3;
/** And above this absolute cap (€10,000 for one month of social-housing rent), too. */
export const MAX_RECEIVED_CENTS = 1_000_000;

/**
 * CASF L271-5 versement direct: MISSING when nothing arrived, PARTIAL below the amount expected, CONFIRMED otherwise.
 */
export function rentPaymentStatus(expectedCents: number, receivedCents: number): ConfirmedStatus {
  if (receivedCents === 0) return 'MISSING';
  return receivedCents < expectedCents ? 'PARTIAL' : 'CONFIRMED';
}

/** A received amount: an integer of cents, ≥ 0, ≤ 3× the amount expected and ≤ the absolute cap. */
export function assertReceivedAmount(
  expectedCents: number,
  receivedCents: number,
  field = 'amountReceivedCents',
): void {
  if (!Number.isInteger(receivedCents) || receivedCents < 0) {
    throw badInput(
      field,
      `« ${field} » doit être un nombre entier de centimes, positif ou nul.`,
      `"${field}" must be a whole number of cents, zero or more.`,
    );
  }
  const cap = Math.min(MAX_RECEIVED_CENTS, MAX_RECEIVED_FACTOR * expectedCents);
  if (receivedCents > cap) {
    throw badInput(
      field,
      `« ${field} » (${formatEuros(receivedCents)}) dépasse ${formatEuros(cap)} (${MAX_RECEIVED_FACTOR} fois le montant attendu, au plus ${formatEuros(MAX_RECEIVED_CENTS)}) : vérifiez la saisie.`,
      `"${field}" (${receivedCents}) exceeds ${cap} cents (${MAX_RECEIVED_FACTOR} times the amount expected, at most ${MAX_RECEIVED_CENTS}): check the entry.`,
    );
  }
}

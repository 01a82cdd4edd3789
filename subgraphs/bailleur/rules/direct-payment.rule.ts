import { BailleurErrorCode, badInput, ruleError } from './errors';
import { formatEuros, formatEurosEn, labelFr } from '../../kit/rules/french';

/** One line of a lease's dated rent table: rent and charges in force from `effectiveFrom` until the next line. */
export interface RentTermRow {
  effectiveFrom: string;
  rentCents: number;
  chargesCents: number;
}

/** The legal basis of a direct payment to the landlord, and the payer kinds each basis allows. */
export const PAYERS_BY_BASIS = {
  /** MASP 2 (CASF L271-2/3): the délégataire, or the département running the measure itself, pays rent first. */
  MASP2_DELEGATION: ['ASSOCIATION', 'DEPARTEMENT'],
  /** MASP 3 (CASF L271-5): the judge orders the paying body to pay the landlord directly. */
  MASP3_JUDGMENT: ['ORGANISME_PAYEUR'],
  /** MAJ (C. civ. 495-7): the MJPM pays the rent from the benefits it manages. */
  MAJ_MANDATE: ['MANDATAIRE'],
} as const satisfies Record<string, readonly string[]>;

export type DirectPaymentBasisName = keyof typeof PAYERS_BY_BASIS;

/** The French words for a basis and a payer kind, for the French half of a message. */
const BASIS_FR: Readonly<Record<DirectPaymentBasisName, string>> = {
  MASP2_DELEGATION: "la gestion d'une MASP 2",
  MASP3_JUDGMENT: 'un jugement de versement direct (MASP 3)',
  MAJ_MANDATE: "une mesure d'accompagnement judiciaire (MAJ)",
};
const PAYER_KIND_FR: Readonly<Record<string, string>> = {
  ASSOCIATION: 'le délégataire',
  DEPARTEMENT: 'le Département',
  ORGANISME_PAYEUR: "l'organisme payeur",
  MANDATAIRE: 'le mandataire judiciaire',
};
const payerFr = (kind: string) => labelFr(PAYER_KIND_FR, kind);

/** The payer kind must be one the basis allows (also a CHECK constraint on the table). */
export function assertPayerMatchesBasis(basis: DirectPaymentBasisName, payerKind: string): void {
  const allowed: readonly string[] = PAYERS_BY_BASIS[basis];
  if (!allowed.includes(payerKind)) {
    throw badInput(
      'payerKind',
      `Un versement direct au titre de ${labelFr(BASIS_FR, basis)} est payé par ${allowed.map(payerFr).join(' ou ')}, pas par ${payerFr(payerKind)}.`,
      `A direct payment on the basis ${basis} is paid by ${allowed.join(' or ')}, not by ${payerKind}.`,
    );
  }
}

/** The rent-table line in force on a day (the latest one starting on or before it), or undefined before the first. */
export function termInForce(history: readonly RentTermRow[], day: string): RentTermRow | undefined {
  let found: RentTermRow | undefined;
  for (const t of history) if (t.effectiveFrom <= day && (!found || t.effectiveFrom > found.effectiveFrom)) found = t;
  return found;
}

/**
 * CASF L271-5: the amount paid directly may not exceed the rent and charges due. An order runs over a period in
 * which the rent may change: its amount must fit every rent-table line in force during [startsOn, endsOn]
 * (endsOn null: open-ended). Returns that ceiling, in cents; `fallbackCents` when the lease has no rent table.
 */
export function maxDirectPaymentCents(
  history: readonly RentTermRow[],
  startsOn: string,
  endsOn: string | null,
  fallbackCents: number,
): number {
  const first = termInForce(history, startsOn);
  const during = history.filter((t) => t.effectiveFrom > startsOn && (endsOn === null || t.effectiveFrom <= endsOn));
  const terms = [...(first ? [first] : []), ...during];
  if (!terms.length) return fallbackCents;
  return Math.min(...terms.map((t) => t.rentCents + t.chargesCents));
}

/** CASF L271-5 ceiling on the monthly amount of a direct-payment order. */
export function assertDirectPaymentWithinRent(monthlyAmountCents: number, maxCents: number): void {
  if (!Number.isInteger(monthlyAmountCents) || monthlyAmountCents <= 0) {
    throw badInput(
      'monthlyAmountCents',
      '« monthlyAmountCents » doit être un nombre entier de centimes, positif.',
      '"monthlyAmountCents" must be a positive whole number of cents.',
    );
  }
  if (monthlyAmountCents > maxCents) {
    throw ruleError(
      BailleurErrorCode.DIRECT_PAYMENT_EXCEEDS_RENT_L271_5,
      'CASF L271-5',
      `le versement direct (${formatEuros(monthlyAmountCents)}) ne peut dépasser le loyer et les charges dus (${formatEuros(maxCents)}).`,
      `the direct payment (${formatEurosEn(monthlyAmountCents)}) may not exceed the rent and charges due (${formatEurosEn(maxCents)}).`,
      { field: 'monthlyAmountCents', maxCents },
    );
  }
}

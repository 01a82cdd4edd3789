import { addDays, shiftMonth } from '../../kit/rules/calendar';
import { formatEuros, formatEurosEn, labelFr } from '../../kit/rules/french';
import { DepartmentCode, ruleError } from './errors';

/**
 * CASF L271-5: the direct payment to the landlord needs a refused or breached contract and at least 2 months of unpaid
 * rent.
 */
export const MIN_ARREARS_MONTHS = 2;
/** CASF L271-5: each judgment ≤ 24 months; renewable, total ≤ 48 months. */
export const DIRECT_PAYMENT_MAX_TERM_MONTHS = 24;
export const DIRECT_PAYMENT_TOTAL_MAX_MONTHS = 48;

export function assertDirectPaymentPreconditions(refusalOrBreachRecorded: boolean): void {
  if (!refusalOrBreachRecorded) {
    throw ruleError(
      DepartmentCode.DIRECT_PAYMENT_NO_REFUSAL_OR_BREACH,
      'CASF L271-5',
      `le versement direct suppose que la personne a refusé le contrat ou ne l'a pas respecté.`,
      `a direct payment requires that the person refused the contract or breached it.`,
    );
  }
}

/** What runs already for a person: a payment order in force, a MASP 3 measure, or a request awaiting judgment. */
export type RunningDirectPayment = 'ORDER' | 'MEASURE' | 'REQUEST';

/** CASF L271-5: one direct payment at a time: no request while one is in force or awaits the judge. */
export function assertNoDirectPaymentRunning(running: RunningDirectPayment | null): void {
  if (!running) return;
  const [fr, en] =
    running === 'REQUEST'
      ? ['une requête en versement direct attend déjà le jugement', 'a direct-payment request already awaits judgment']
      : ['un versement direct est déjà en cours', 'a direct payment is already in force'];
  throw ruleError(
    DepartmentCode.DIRECT_PAYMENT_ALREADY_RUNNING,
    'CASF L271-5',
    `${fr} pour cette personne.`,
    `${en} for this person.`,
    { running },
  );
}

/**
 * CASF L271-5: the direct payment is of the rent of a lease: one the landlord recorded for this person
 * (`lease.recorded`), not ended on the day of the request.
 */
export function assertLeaseOfPerson(
  lease: { beneficiaryId: string; endsOn: string | null } | null | undefined,
  personId: string,
  on: string,
): void {
  if (!lease || lease.beneficiaryId !== personId || (lease.endsOn !== null && lease.endsOn < on)) {
    throw ruleError(
      DepartmentCode.DIRECT_PAYMENT_NO_LEASE,
      'CASF L271-5',
      `le versement direct porte sur le loyer d'un bail en cours de cette personne, enregistré par son bailleur.`,
      `a direct payment is of the rent of a lease of this person in force, as its landlord recorded it.`,
      { field: 'leaseId' },
    );
  }
}

/** The longest run of consecutive calendar months in a set of `YYYY-MM` months. */
export function consecutiveMonths(months: readonly string[]): number {
  const sorted = [...new Set(months)].sort();
  let best = 0;
  let run = 0;
  for (let i = 0; i < sorted.length; i++) {
    run = i > 0 && shiftMonth(sorted[i - 1], 1) === sorted[i] ? run + 1 : 1;
    best = Math.max(best, run);
  }
  return best;
}

/**
 * CASF L271-5: at least two months of rent unpaid, as the landlord's own records show them (its confirmations or its
 * declaration, learnt by `arrears.reached`), never a number typed at the département.
 */
export function assertArrearsFromLandlordRecords(
  arrears: { unpaidMonths: readonly string[] } | null | undefined,
): void {
  const months = arrears ? consecutiveMonths(arrears.unpaidMonths) : 0;
  if (months < MIN_ARREARS_MONTHS) {
    throw ruleError(
      DepartmentCode.DIRECT_PAYMENT_ARREARS_TOO_LOW,
      'CASF L271-5',
      `il faut au moins 2 mois consécutifs de loyer impayé selon les relevés du bailleur (relevés : ${months}).`,
      `at least 2 consecutive months of unpaid rent are required from the landlord's records (recorded: ${months}).`,
      { recordedArrearsMonths: months },
    );
  }
}

/** A payment order executes a judgment's term: from its start to the day before its end (the last day paid). */
export function judicialOrderPeriod(term: { startsOn: string; endsOn: string }): { startsOn: string; endsOn: string } {
  return { startsOn: term.startsOn, endsOn: addDays(term.endsOn, -1) };
}

export interface DirectPaymentRequestContent {
  identityAndAddress?: string | null;
  payingBodies?: readonly string[] | null;
  landlordOrgId?: string | null;
  landlordName?: string | null;
  grounds?: string | null;
  requestedOn?: string | null;
  signedBy?: string | null;
  landlordDeclarationRef?: string | null;
  rentAndChargesCents?: number | null;
}

/**
 * CASF L271-5, R271-6 s.: the request names identity and address, paying bodies, landlord, grounds; it is dated and
 * signed.
 */
export function missingRequestContent(c: DirectPaymentRequestContent): string[] {
  const blank = (s?: string | null) => !s || !s.trim();
  const missing: string[] = [];
  if (blank(c.identityAndAddress)) missing.push('identityAndAddress');
  if (!c.payingBodies?.some((p) => p.trim())) missing.push('payingBodies');
  if (blank(c.landlordOrgId) || blank(c.landlordName)) missing.push('landlord');
  if (blank(c.grounds)) missing.push('grounds');
  if (blank(c.requestedOn)) missing.push('requestedOn');
  if (blank(c.signedBy)) missing.push('signedBy');
  if (blank(c.landlordDeclarationRef)) missing.push('landlordDeclarationRef');
  if (!c.rentAndChargesCents || c.rentAndChargesCents <= 0) missing.push('rentAndChargesCents');
  return missing;
}

/** What a request lacks, in French words (the codes stay in `extensions.missing`). */
const REQUEST_CONTENT_FR: Readonly<Record<string, string>> = {
  identityAndAddress: "l'identité et l'adresse",
  payingBodies: 'les organismes débiteurs',
  landlord: 'le bailleur',
  grounds: 'les motifs',
  requestedOn: 'la date',
  signedBy: 'la signature',
  landlordDeclarationRef: 'la déclaration d’impayés du bailleur',
  rentAndChargesCents: 'le loyer et les charges dus',
};

export function assertRequestComplete(c: DirectPaymentRequestContent): void {
  const missing = missingRequestContent(c);
  if (!missing.length) return;
  throw ruleError(
    DepartmentCode.DIRECT_PAYMENT_REQUEST_INCOMPLETE,
    'CASF L271-5, R271-6',
    `la requête doit indiquer l'identité et l'adresse, les organismes débiteurs, le bailleur, les motifs, et être datée et signée (manque : ${missing.map((m) => labelFr(REQUEST_CONTENT_FR, m)).join(', ')}).`,
    `the request must state identity and address, paying bodies, landlord, grounds, and be dated and signed (missing: ${missing.join(', ')}).`,
    { missing },
  );
}

export interface JudgmentFacts {
  monthlyAmountCents: number;
  rentAndChargesCents: number;
  monthlyResourcesCents: number;
  resteAVivreFloorCents: number;
  months: number;
  usedMonths: number;
}

/**
 * CASF L271-5: the amount paid to the landlord is at most the rent and charges due and never deprives the person
 * (and dependants) of what they need to live (the reste-à-vivre floor, a département parameter); the term is at most
 * 24 months, 48 in all with renewals.
 */
export function assertDirectPaymentJudgment(f: JudgmentFacts): void {
  if (f.monthlyAmountCents > f.rentAndChargesCents) {
    throw ruleError(
      DepartmentCode.DIRECT_PAYMENT_AMOUNT_ABOVE_RENT,
      'CASF L271-5',
      `le montant versé au bailleur (${formatEuros(f.monthlyAmountCents)}) ne peut dépasser le loyer et les charges dus (${formatEuros(f.rentAndChargesCents)}).`,
      `the amount paid to the landlord (${formatEurosEn(f.monthlyAmountCents)}) cannot exceed the rent and charges due (${formatEurosEn(f.rentAndChargesCents)}).`,
    );
  }
  if (f.monthlyResourcesCents - f.monthlyAmountCents < f.resteAVivreFloorCents) {
    throw ruleError(
      DepartmentCode.DIRECT_PAYMENT_RESTE_A_VIVRE,
      'CASF L271-5',
      `le versement ne peut priver la personne et sa famille de moyens d'existence (reste à vivre de ${formatEuros(f.monthlyResourcesCents - f.monthlyAmountCents)}, sous le plancher de ${formatEuros(f.resteAVivreFloorCents)}).`,
      `the payment cannot deprive the person and dependants of subsistence (reste à vivre ${formatEurosEn(f.monthlyResourcesCents - f.monthlyAmountCents)} < floor ${formatEurosEn(f.resteAVivreFloorCents)}).`,
      { floorCents: f.resteAVivreFloorCents },
    );
  }
  if (!Number.isInteger(f.months) || f.months < 1 || f.months > DIRECT_PAYMENT_MAX_TERM_MONTHS) {
    throw ruleError(
      DepartmentCode.DIRECT_PAYMENT_TERM_OUT_OF_RANGE,
      'CASF L271-5',
      `le versement direct est ordonné pour 24 mois au plus (demandé : ${f.months}).`,
      `a direct payment is ordered for at most 24 months (requested: ${f.months}).`,
    );
  }
  if (f.usedMonths + f.months > DIRECT_PAYMENT_TOTAL_MAX_MONTHS) {
    throw ruleError(
      DepartmentCode.TOTAL_DURATION_EXCEEDED,
      'CASF L271-5',
      `renouvellements compris, le versement direct ne peut excéder 48 mois (déjà ${f.usedMonths}, demandé ${f.months}).`,
      `renewals included, a direct payment cannot exceed 48 months (${f.usedMonths} used, ${f.months} requested).`,
      { usedMonths: f.usedMonths, addedMonths: f.months, capMonths: DIRECT_PAYMENT_TOTAL_MAX_MONTHS },
    );
  }
}

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
  months: number;
  usedMonths: number;
}

/**
 * CASF L271-5: the amount paid to the landlord is at most the rent and charges due; the term is at most 24 months, 48
 * in all with renewals. The judge decides the amount in view of the person's subsistence: recording the judgment is
 * never refused on a reste-à-vivre floor (that floor belongs to the request, as a warning: `resteAVivreWarning`).
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

/**
 * Who asks the judge for the direct payment (CASF L271-5): the président du conseil départemental, and since loi
 * n° 2023-668 du 27 juillet 2023 the préfet and the CCAPEX (commission de coordination des actions de prévention des
 * expulsions locatives).
 */
export enum DirectPaymentRequester {
  DEPARTEMENT = 'DEPARTEMENT',
  PREFET = 'PREFET',
  CCAPEX = 'CCAPEX',
}

/**
 * CASF R262-1: the RSA montant forfaitaire of a household, in thousandths of the single person's amount: 1 for the
 * first person, +50 % for the second, +30 % for each further person in charge, +40 % from the third person in charge.
 * A couple counts two adults; the dependants are the persons in charge.
 */
export function rsaHouseholdFactorPerMille(adults: 1 | 2, dependants: number): number {
  let factor = 1000;
  if (adults === 2) factor += 500;
  for (let i = 1; i <= dependants; i++) {
    if (adults === 1 && i === 1) factor += 500;
    else factor += i >= 3 ? 400 : 300;
  }
  return factor;
}

/** Adults of a household type (a couple, with or without children, counts two). */
export const adultsOf = (householdType: string | null | undefined): 1 | 2 =>
  householdType === 'COUPLE' || householdType === 'COUPLE_WITH_CHILDREN' ? 2 : 1;

/**
 * The reste-à-vivre floor of a household (CASF L271-5: the payment never deprives the person and dependants of
 * subsistence): by default the RSA montant forfaitaire of that household (R262-1, the dated RSA_BASE_CENTS); the
 * département's own floor (RESTE_A_VIVRE_FLOOR_CENTS + per dependant) can only raise it.
 */
export function resteAVivreFloorCents(
  rsaBaseCents: number,
  household: { householdType?: string | null; dependants: number },
  departmentFloorCents = 0,
): number {
  const rsa = Math.round(
    (rsaBaseCents * rsaHouseholdFactorPerMille(adultsOf(household.householdType), household.dependants)) / 1000,
  );
  return Math.max(rsa, departmentFloorCents);
}

/** The reste-à-vivre check a request answers with: a warning, never a refusal (the judge decides). */
export interface ResteAVivreCheck {
  floorCents: number;
  resteAVivreCents: number;
  belowFloor: boolean;
  warning: string | null;
}

/**
 * CASF L271-5: what is left to live on if the judge orders `amountCents` a month paid to the landlord out of
 * `monthlyResourcesCents`, against the household's floor; below it, a warning for the request (French / English,
 * naming the article), never an error.
 */
export function resteAVivreWarning(
  monthlyResourcesCents: number,
  amountCents: number,
  floorCents: number,
): ResteAVivreCheck {
  const resteAVivreCents = monthlyResourcesCents - amountCents;
  const belowFloor = resteAVivreCents < floorCents;
  return {
    floorCents,
    resteAVivreCents,
    belowFloor,
    warning: belowFloor
      ? `CASF L271-5 : après versement du loyer et des charges, le reste à vivre (${formatEuros(resteAVivreCents)}) serait inférieur au montant du RSA du foyer (${formatEuros(floorCents)}) : à signaler au juge, qui fixe le montant. / CASF L271-5: after paying rent and charges, what is left to live on (${formatEuros(resteAVivreCents)}) would be below the household's RSA amount (${formatEuros(floorCents)}): to be pointed out to the judge, who sets the amount.`
      : null,
  };
}

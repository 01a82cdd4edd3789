import { addMonths } from '../../kit/rules/calendar';
import { DepartmentCode, ruleError } from './errors';
import { formatDateFr } from '../../kit/rules/french';

/**
 * The kinds of organisation a MASP 2 may be delegated to (CASF L271-3): an association or a non-profit body, a centre
 * communal or intercommunal d'action sociale, another collectivité territoriale or an EPCI, or an organisme débiteur
 * of the benefits.
 */
export enum DelegataireKind {
  ASSOCIATION = 'ASSOCIATION',
  CCAS = 'CCAS',
  CIAS = 'CIAS',
  COLLECTIVITE = 'COLLECTIVITE',
  EPCI = 'EPCI',
  ORGANISME_DEBITEUR = 'ORGANISME_DEBITEUR',
}

/**
 * « Pratique départementale »: how long (months) after its delegation ends a délégataire keeps reading its file, to
 * hand back the final bilan. The département sets it as a dated parameter; this is the default of the migration.
 */
export const DEFAULT_CLOSING_WINDOW_MONTHS = 2;

/** A convention of the register, as the rules read it: dated, `endsOn` exclusive (null: open-ended). */
export interface DatedConvention {
  id: string;
  reference: string;
  startsOn: string;
  endsOn: string | null;
}

/** CASF L271-3: a delegation goes only to an organisation of the département's register of délégataires. */
export function assertDelegataireRegistered<T>(organisation: T | null | undefined, orgId: string): T {
  if (organisation) return organisation;
  throw ruleError(
    DepartmentCode.DELEGATAIRE_NOT_REGISTERED,
    'CASF L271-3',
    `l'organisme ${orgId} n'est pas inscrit au registre des délégataires du Département.`,
    `organisation ${orgId} is not in the Département's register of délégataires.`,
    { associationOrgId: orgId },
  );
}

/**
 * CASF L271-3: the délégataire holds a convention with the Département, in force on the delegation's first day; the
 * reference names it.
 */
export function assertConventionInForce<C extends DatedConvention>(
  conventions: readonly C[],
  reference: string,
  on: string,
): C {
  const found = conventions.find(
    (c) => c.reference === reference && c.startsOn <= on && (c.endsOn == null || c.endsOn > on),
  );
  if (found) return found;
  throw ruleError(
    DepartmentCode.CONVENTION_NOT_IN_FORCE,
    'CASF L271-3',
    `aucune convention « ${reference} » de ce délégataire n'est en vigueur le ${formatDateFr(on)}.`,
    `no convention "${reference}" of this délégataire is in force on ${on}.`,
    { conventionRef: reference, on },
  );
}

/**
 * CASF L271-2: a contract not renewed by its term ends at its term. From that day (`endsOn`, exclusive) nothing is
 * added to it: no avenant, no delegation, no renewal — even before the scheduled job has marked it ended.
 */
export function assertContractTermNotPassed(endsOn: string, today: string): void {
  if (today < endsOn) return;
  throw ruleError(
    DepartmentCode.CONTRACT_TERM_PASSED,
    'CASF L271-2',
    `le contrat a pris fin à son terme, le ${formatDateFr(endsOn)} : un nouveau contrat est nécessaire.`,
    `the contract ended at its term on ${endsOn}: a new contract is needed.`,
    { endsOn },
  );
}

/**
 * The day a delegation ends (exclusive): its own end if set, else the contract's running term; never after the
 * convention's end (CASF L271-3: the délégataire acts under its convention).
 */
export function delegationEndsOn(own: string | null, contractEndsOn: string, conventionEndsOn: string | null): string {
  const ends = [own ?? contractEndsOn, contractEndsOn, ...(conventionEndsOn ? [conventionEndsOn] : [])];
  return ends.reduce((a, b) => (b < a ? b : a));
}

/** The day the délégataire stops reaching its file (exclusive): the delegation's end plus the closing window. */
export function reachEndsOn(delegationEnd: string, closingWindowMonths: number): string {
  return addMonths(delegationEnd, closingWindowMonths);
}

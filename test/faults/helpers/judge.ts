import { getNamedType, isInputObjectType, type GraphQLInputObjectType } from 'graphql';
import { DEMO_CALLERS } from '../../../gateway/dev/dev-tokens';
import type { CallerClaims } from '../../../schema/caller';
import type { DemoPlan } from '../../../subgraphs/kit/seed/demo-plan';
import type { GatewayAnswer } from './fault-hub';
import type { Expectation, Operation } from './operations';

/** The caller each owner subgraph's operations are tried with (one whose role reaches them). */
const CALLER_BY_OWNER: Record<string, string> = {
  department: 'ENCADRANT (département, territoire MDD-ORLEANS)',
  association: 'DELEGUE (association A)',
  bailleur: 'GESTIONNAIRE_LOCATIF (bailleur 1)',
  mandataire: 'MJPM (service mandataire)',
};
/**
 * Valid arguments of rows the operation's caller reaches, per operation (from the demo plan): without them the generic
 * values use an unknown id, and a mutation that looks its row up before checking its other inputs would answer
 * FORBIDDEN where the suite expects an error naming the bad field. Validate inputs first, or add an entry here:
 * confirmRentPayment: (plan) => ({ input: { leaseId: plan.leases.find((l) => l.landlordOrgId ===
 * DEMO_ORGS.bailleurs[0])!.id, month: '2025-01', receivedCents: 50000 } }),
 */
export const VALID_ARGUMENTS: Record<string, (plan: DemoPlan) => Record<string, unknown>> = {
  // the access log's cursor is the id of one of its entries: the valid "other argument" is no cursor (first page)
  'AccessLog.association': () => ({ before: null }),
  'AccessLog.bailleur': () => ({ before: null }),
  'AccessLog.department': () => ({ before: null }),
  'AccessLog.mandataire': () => ({ before: null }),
  // a notifications cursor is the id of a notification (digits): the valid "other argument" is no cursor either
  associationNotifications: () => ({ after: null }),
  landlordNotifications: () => ({ after: null }),
  referentNotifications: () => ({ after: null }),
  mandataireNotifications: () => ({ after: null }),
};

/**
 * Per-operation overrides (e.g. a mutation only a TRAVAILLEUR_SOCIAL may call): `operationName → DEMO_CALLERS label`.
 */
export const CALLER_FOR_OPERATION: Record<string, string> = {
  // mutations reserved to one role: tried with that role, so that a well-shaped value reaches the resolver's own checks
  writeMedicalAnnex: 'MEDECIN (département)',
  // the L271-7 file is the pilotage's (CASF L271-7): its year is checked once the role is
  l2717Export: 'PILOTAGE (département)',
  // opens a file only from a delegation the association received (CASF L271-3): with the generic unknown ids it checks
  // its input, then refuses the person as not reached; nothing is opened
  openDelegatedFile: 'ENCADRANT (département, territoire MDD-ORLEANS)',
  closeDelegatedFile: 'ENCADRANT (département, territoire MDD-ORLEANS)',
  authoriseDelegatedOverdraft: 'ENCADRANT (département, territoire MDD-ORLEANS)',
  createDirectPaymentOrder: 'ENCADRANT (département, territoire MDD-ORLEANS)',
  endDirectPaymentOrder: 'ENCADRANT (département, territoire MDD-ORLEANS)',
  // nested fields reached through the caseload (département staff): the parent exists and is reachable, so the
  // argument is really exercised; the access log needs a caller holding AUDIT
  'Beneficiary.judicialMeasures': 'ENCADRANT (département, territoire MDD-ORLEANS)',
  'Beneficiary.majProtectionMeasures': 'ENCADRANT (département, territoire MDD-ORLEANS)',
  'AccessLog.association': 'ENCADRANT (département, territoire MDD-ORLEANS)',
  'AccessLog.bailleur': 'ENCADRANT (département, territoire MDD-ORLEANS)',
  'AccessLog.department': 'ENCADRANT (département, territoire MDD-ORLEANS)',
  'AccessLog.mandataire': 'ENCADRANT (département, territoire MDD-ORLEANS)',
};

export function callerFor(op: Operation): CallerClaims {
  return DEMO_CALLERS[
    CALLER_FOR_OPERATION[op.name] ?? CALLER_BY_OWNER[op.owner] ?? 'ENCADRANT (département, territoire MDD-ORLEANS)'
  ];
}

const REFUSALS = new Set(['FORBIDDEN', 'NOT_FOUND']);

/** Does this error name the argument (or the input field) it refuses? */
export function namesArgument(error: any, arg: string, field?: string): boolean {
  const named = [arg, ...(field ? [field, field.split('.').pop()!] : [])];
  const f = error.extensions?.field;
  if (
    typeof f === 'string' &&
    named.some((n) => f === n || f.endsWith(`.${n}`) || f.startsWith(`${n}.`) || f.startsWith(`${arg}.`))
  )
    return true;
  const message = String(error.message ?? '');
  return named.some(
    (n) =>
      message.includes(`$${n}`) ||
      message.includes(`"${n}"`) ||
      message.includes(`« ${n} »`) ||
      message.includes(`'${n}'`),
  );
}

/**
 * The names of every field (at any depth) of an argument's input object type: an error naming one of them names the
 * argument.
 */
export function inputFieldNames(op: Operation, arg: string): string[] {
  const type = op.args.find((a) => a.name === arg)?.type;
  const names = new Set<string>();
  const seen = new Set<GraphQLInputObjectType>();
  const walk = (t: unknown) => {
    const named = getNamedType(t as never);
    if (!isInputObjectType(named) || seen.has(named)) return;
    seen.add(named);
    for (const f of Object.values(named.getFields())) {
      names.add(f.name);
      walk(f.type);
    }
  };
  if (type) walk(type);
  return [...names];
}

/** Does this error name the argument, or one of the fields (at any depth) of its input object type? */
function namesArgumentOrItsFields(error: any, op: Operation, arg: string, field?: string): boolean {
  return namesArgument(error, arg, field) || inputFieldNames(op, arg).some((n) => namesArgument(error, arg, n));
}

/**
 * What every answer to a bad input must respect; returns the violations (empty when the answer is right):
 * never a 5xx, never INTERNAL_SERVER_ERROR / "Unexpected error." (nor a subgraph failure), every error with a code,
 * and for an `invalid` value
 * an error naming the argument, for an `unknown` one a refusal or an empty answer, for `either` an answer or an error
 * naming the argument.
 */
export function judge(
  answer: GatewayAnswer,
  op: Operation,
  arg: string,
  expect: Expectation,
  field?: string,
): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  const errors: any[] = answer.body.errors ?? [];
  for (const e of errors) {
    const code = e.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR' || e.message === 'Unexpected error.')
      problems.push(`internal error: ${e.message}`);
    else if (code === 'SUBGRAPH_UNAVAILABLE') problems.push(`subgraph failure: ${e.message}`);
    else if (!code) problems.push(`error without a code: ${String(e.message).slice(0, 120)}`);
  }
  if (problems.length) return problems;
  const result = answer.body.data?.[op.name];
  if (
    expect === 'oversized' &&
    answer.status === 413 &&
    errors.length &&
    errors.every((e) => e.extensions?.code === 'PAYLOAD_TOO_LARGE')
  )
    return problems;
  if (expect === 'invalid' || expect === 'oversized') {
    if (!errors.length) problems.push(`accepted (data: ${JSON.stringify(result)?.slice(0, 80)})`);
    if (result !== undefined && result !== null) problems.push('data served despite the error');
    for (const e of errors)
      if (!namesArgumentOrItsFields(e, op, arg, field))
        problems.push(
          `error does not name "${field ?? arg}": [${e.extensions?.code}] ${String(e.message).slice(0, 160)}`,
        );
  } else {
    for (const e of errors) {
      const code = e.extensions?.code;
      // a mutation's other arguments name rows the caller may not reach (an unknown id): its refusal is then right
      const refusalOk = expect === 'unknown' || expect === 'clean' || (expect === 'either' && op.kind === 'mutation');
      const ok = (refusalOk && REFUSALS.has(code)) || namesArgumentOrItsFields(e, op, arg, field);
      if (!ok) problems.push(`unclear error: [${code}] ${String(e.message).slice(0, 160)}`);
    }
    if (!errors.length && op.kind === 'mutation' && expect === 'unknown')
      problems.push('a mutation accepted an unknown id');
  }
  return problems;
}

import type { EntityManager } from 'typeorm';
import { publish } from '../../kit/events/outbox';
import { todayIso } from '../../kit/rules/calendar';
import {
  Delegation,
  DelegataireOrganisation,
  DelegationConvention,
  Measure,
  MeasureLevel,
  MeasureStatus,
} from '../entities';
import {
  assertContractTermNotPassed,
  assertConventionInForce,
  assertDelegataireRegistered,
  delegationEndsOn,
  reachEndsOn,
} from '../rules/delegation.rule';
import { badInput, DepartmentCode, DEPARTMENTAL_PRACTICE, ruleError } from '../rules/errors';
import { parameterInForce } from '../rules/parameter.rule';
import {
  CONTRACTS_PAST_TERM_SQL,
  DELEGATIONS_NOT_ENDED_SQL,
  END_DELEGATIONS_OF_MEASURE_RETURNING_SQL,
  LOCK_PERSON_OF_MEASURE_SQL,
  OPEN_DELEGATION_SQL,
} from '../sql';
import { lockedMeasure, parametersOn } from './support';

/**
 * The delegation's lifecycle at the département (CASF L271-2, L271-3), shared by the resolvers, the scheduled job and
 * the demo seed: grant under a convention of the register, tell the délégataire (events), end at the contract's term.
 */

/** « Pratique départementale »: the closing window (months) in force on `on` (DELEGATION_CLOSING_WINDOW_MONTHS). */
export async function closingWindowMonths(tx: EntityManager, on: string): Promise<number> {
  return parameterInForce(
    'DELEGATION_CLOSING_WINDOW_MONTHS',
    (await parametersOn(tx, on)).get('DELEGATION_CLOSING_WINDOW_MONTHS'),
  ).value;
}

/** A delegation ended on `endsOn`, as a row of END_DELEGATIONS_OF_MEASURE_RETURNING_SQL. */
interface EndedDelegation {
  id: string;
  measureId: string;
  beneficiaryId: string;
  endsOn: string;
}

/** `delegation.granted` (CASF L271-3), published again whenever its end moves (a renewal): the consumer upserts. */
export async function publishDelegationGranted(tx: EntityManager, d: Delegation, m: Measure): Promise<void> {
  const endsOn = delegationEndsOn(d.endsOn, m.endsOn, null);
  await publish(tx, 'delegation.granted', {
    delegationId: d.id,
    measureId: m.id,
    beneficiaryId: m.beneficiaryId,
    associationOrgId: d.associationOrgId,
    startsOn: d.startsOn,
    endsOn,
    managedBenefits: [...m.managedBenefits],
    reachEndsOn: reachEndsOn(endsOn, await closingWindowMonths(tx, endsOn)),
  });
}

/** `delegation.ended`: the délégataire's file goes CLOSING (read-only, final bilan due) until the window ends. */
export async function publishDelegationEnded(tx: EntityManager, d: EndedDelegation, reason: string): Promise<void> {
  await publish(tx, 'delegation.ended', {
    delegationId: d.id,
    measureId: d.measureId,
    beneficiaryId: d.beneficiaryId,
    endsOn: d.endsOn,
    reason,
    reachEndsOn: reachEndsOn(d.endsOn, await closingWindowMonths(tx, d.endsOn)),
  });
}

/** Ends the measure's delegations not ended on `endsOn` (ending the measure ends them) and tells the délégataire. */
export async function endDelegationsOfMeasure(
  tx: EntityManager,
  measureId: string,
  endsOn: string,
  reason: string,
): Promise<void> {
  const [rows] = (await tx.query(END_DELEGATIONS_OF_MEASURE_RETURNING_SQL, [measureId, endsOn])) as [
    EndedDelegation[],
    number,
  ];
  for (const d of rows) await publishDelegationEnded(tx, d, reason);
}

/**
 * After a change of the contract (renewal, avenant), what the délégataire must learn: the delegation's new end
 * (`delegation.granted` again) and the benefits the contract now manages (`contract.benefits-changed`). Nothing is
 * published for a measure that is not delegated: an association learns only the measures delegated to it.
 */
export async function tellDelegataireOfContract(
  tx: EntityManager,
  measureId: string,
  change: { renewed?: boolean; benefitsChangedOn?: string },
): Promise<void> {
  const m = await tx.getRepository(Measure).findOneByOrFail({ id: measureId });
  const open: { id: string }[] = await tx.query(DELEGATIONS_NOT_ENDED_SQL, [measureId, todayIso()]);
  if (!open.length) return;
  if (change.benefitsChangedOn) {
    await publish(tx, 'contract.benefits-changed', {
      measureId,
      beneficiaryId: m.beneficiaryId,
      managedBenefits: [...m.managedBenefits],
      effectiveOn: change.benefitsChangedOn,
    });
  }
  if (change.renewed) {
    for (const { id } of open)
      await publishDelegationGranted(tx, await tx.getRepository(Delegation).findOneByOrFail({ id }), m);
  }
}

/**
 * Grants a delegation (CASF L271-3) inside the caller's transaction, the measure locked: a MASP 2 in force (its term
 * not passed), to an organisation of the register holding a convention in force on `startsOn`, not already delegated;
 * then tells the délégataire. Shared by `delegateMeasure` and the demo seed (`publishEvent: false`: the seed of the
 * association applies the same event itself).
 */
export async function grantDelegation(
  tx: EntityManager,
  m: Measure,
  input: { associationOrgId: string; conventionRef: string; startsOn: string; endsOn: string | null; id?: string },
  opts: { today?: string; publishEvent?: boolean } = {},
): Promise<Delegation> {
  const today = opts.today ?? todayIso();
  if (m.level !== MeasureLevel.MASP_2 || m.status !== MeasureStatus.ACTIVE) {
    throw ruleError(
      DepartmentCode.DELEGATION_NOT_ALLOWED,
      // L271-3 lets the département delegate a MASP; delegating only a MASP 2 in force is its own practice
      DEPARTMENTAL_PRACTICE,
      `seule une MASP 2 en cours peut être déléguée.`,
      `only a MASP 2 in force can be delegated.`,
    );
  }
  assertContractTermNotPassed(m.endsOn, today);
  if (input.startsOn < m.startsOn || input.startsOn >= m.endsOn)
    throw badInput(
      'startsOn',
      'La délégation commence pendant la mesure.',
      'The delegation starts during the measure.',
    );
  const org = assertDelegataireRegistered(
    await tx.getRepository(DelegataireOrganisation).findOneBy({ id: input.associationOrgId }),
    input.associationOrgId,
  );
  const conventions = await tx.getRepository(DelegationConvention).findBy({ organisationId: org.id });
  const convention = assertConventionInForce(conventions, input.conventionRef, input.startsOn);
  const open = await tx.query(OPEN_DELEGATION_SQL, [m.id, input.startsOn]);
  if (open.length) {
    throw ruleError(
      DepartmentCode.DELEGATION_ALREADY_ACTIVE,
      'CASF L271-3',
      `cette mesure est déjà déléguée : mettez fin à la délégation en cours d'abord.`,
      `this measure is already delegated: end the current delegation first.`,
    );
  }
  // The délégataire acts under its convention: the delegation ends with it at the latest.
  const endsOn =
    convention.endsOn && (input.endsOn == null || input.endsOn > convention.endsOn) ? convention.endsOn : input.endsOn;
  const repo = tx.getRepository(Delegation);
  const saved = await repo.save(
    repo.create({
      ...(input.id ? { id: input.id } : {}),
      measureId: m.id,
      beneficiaryId: m.beneficiaryId,
      associationOrgId: org.id,
      conventionRef: convention.reference,
      conventionId: convention.id,
      startsOn: input.startsOn,
      endsOn,
    }),
  );
  const d = await repo.findOneByOrFail({ id: saved.id });
  if (opts.publishEvent !== false) await publishDelegationGranted(tx, d, m);
  return d;
}

/**
 * Scheduled (end-contracts-at-term), CASF L271-2: every contract still marked in force whose term passed ends at its
 * term (reason TERM), its delegations with it, and each délégataire is told. Idempotent: an ended contract is no
 * longer selected; reach never waited for it (the row rules compare the term with today).
 */
export async function endContractsAtTerm(tx: EntityManager, today: string): Promise<number> {
  const due: { id: string }[] = await tx.query(CONTRACTS_PAST_TERM_SQL, [today]);
  for (const { id } of due) {
    await tx.query(LOCK_PERSON_OF_MEASURE_SQL, [id]);
    const m = await lockedMeasure(tx, id);
    if (m.status !== MeasureStatus.ACTIVE || m.endsOn > today) continue; // ended or renewed meanwhile
    await endDelegationsOfMeasure(tx, m.id, m.endsOn, 'CONTRACT_TERM');
    await tx.getRepository(Measure).update(m.id, {
      status: MeasureStatus.ENDED,
      endedOn: m.endsOn,
      endReason: 'TERM' as Measure['endReason'],
    });
  }
  return due.length;
}

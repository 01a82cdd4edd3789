import type { EntityManager } from 'typeorm';
import { Beneficiary, DecisionKind, DecisionLetter, EndReason, Measure, MeasureLevel } from '../entities';
import { avenantLetter } from './avenant-signed.letter';
import { contractRenewedLetter, RenewalFacts } from './contract-renewed.letter';
import { directPaymentJudgmentLetter, JudgmentFacts } from './direct-payment-judgment.letter';
import { directPaymentRequestedLetter, RequestFacts } from './direct-payment-requested.letter';
import { issueDecisionLetter } from './issue';
import { measureEndedLetter } from './measure-ended.letter';

/**
 * One call per decision, from the resolver of its procedure, inside the decision's transaction: the person as known
 * today, the letter of that kind, stored (letters/issue.ts).
 */
const personOf = (tx: EntityManager, id: string) => tx.getRepository(Beneficiary).findOneByOrFail({ id });

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** CASF L271-2: an avenant signed on measure `before` (now `after`). */
export async function notifyAvenant(
  tx: EntityManager,
  before: Measure,
  after: Measure,
  signedOn: string,
): Promise<DecisionLetter> {
  return issueDecisionLetter(
    tx,
    await personOf(tx, after.beneficiaryId),
    { kind: DecisionKind.AVENANT_SIGNED, subjectId: after.id, decidedOn: signedOn },
    avenantLetter({
      signedOn,
      fromLevel: before.level,
      toLevel: after.level,
      managedBenefits: after.managedBenefits,
      benefitsChanged: !sameSet(before.managedBenefits, after.managedBenefits),
      objectivesChanged: before.objectives !== after.objectives || before.engagements !== after.engagements,
      endsOn: after.endsOn,
    }),
  );
}

/** CASF L271-2: the contract renewed after an evaluation. */
export async function notifyRenewal(tx: EntityManager, m: Measure, f: RenewalFacts): Promise<DecisionLetter> {
  return issueDecisionLetter(
    tx,
    await personOf(tx, m.beneficiaryId),
    { kind: DecisionKind.CONTRACT_RENEWED, subjectId: m.id, decidedOn: f.decidedOn },
    contractRenewedLetter(f),
  );
}

/** CASF L271-2 / L271-5: the measure ended (its `endNotifiedOn`, when given, is the notification). */
export async function notifyEnd(tx: EntityManager, m: Measure): Promise<DecisionLetter> {
  return issueDecisionLetter(
    tx,
    await personOf(tx, m.beneficiaryId),
    { kind: DecisionKind.MEASURE_ENDED, subjectId: m.id, decidedOn: m.endedOn!, notifiedOn: m.endNotifiedOn },
    measureEndedLetter({ level: m.level as MeasureLevel, endedOn: m.endedOn!, reason: m.endReason as EndReason }),
  );
}

/** CASF L271-5: the PCD's request to the judge. */
export async function notifyDirectPaymentRequest(
  tx: EntityManager,
  request: { id: string; beneficiaryId: string },
  f: RequestFacts,
): Promise<DecisionLetter> {
  return issueDecisionLetter(
    tx,
    await personOf(tx, request.beneficiaryId),
    { kind: DecisionKind.DIRECT_PAYMENT_REQUESTED, subjectId: request.id, decidedOn: f.requestedOn },
    directPaymentRequestedLetter(f),
  );
}

/** CASF L271-5: a judgment received (the direct payment ordered or renewed); the subject is the MASP 3 measure. */
export async function notifyDirectPaymentJudgment(
  tx: EntityManager,
  m: { id: string; beneficiaryId: string },
  f: JudgmentFacts,
): Promise<DecisionLetter> {
  return issueDecisionLetter(
    tx,
    await personOf(tx, m.beneficiaryId),
    { kind: DecisionKind.DIRECT_PAYMENT_JUDGMENT, subjectId: m.id, decidedOn: f.judgmentOn },
    directPaymentJudgmentLetter(f),
  );
}

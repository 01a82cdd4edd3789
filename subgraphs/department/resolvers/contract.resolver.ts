import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { notReachable } from '../../kit/rules/errors';
import {
  Avenant,
  BenefitReceived,
  ContractRefusal,
  EligibilityCheck,
  Evaluation,
  Measure,
  MeasureLevel,
  MeasureStatus,
  MeasureTerm,
} from '../entities';
import { assertContribution, scaleReferenceDate } from '../rules/contribution.rule';
import {
  assertAvenant,
  assertConsent,
  assertContractTerm,
  assertEndReason,
  assertManagedBenefits,
  assertRenewalBeforeTermEnd,
  assertRenewalBenefits,
  assertRenewalEvaluation,
  assertBenefitsAuthorisation,
  assertRenewalEnteredInTime,
  assertTotalDuration,
  STATUTE,
  termEndsOn,
} from '../rules/contract.rule';
import { assertNotInFuture } from '../rules/decision-date.rule';
import { CapReading, capReadingOf, parameterInForce } from '../rules/parameter.rule';
import { startedMonthsBetween, todayIso } from '../../kit/rules/calendar';
import { assertContractTermNotPassed } from '../rules/delegation.rule';
import { endDelegationsOfMeasure, tellDelegataireOfContract } from './delegation-lifecycle';
import { recordContractSigned } from './proposal-lifecycle';
import { notifyAvenant, notifyEnd, notifyRenewal } from '../letters/notify';
import {
  assertEligibilityCheckValid,
  assertEligible,
  countableBenefits,
  ReceivedBenefit,
} from '../rules/eligibility.rule';
import { assertNoMajInForce } from '../rules/maj.rule';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import {
  DROP_TERMS_FROM_SQL,
  LOCK_PERSON_OF_MEASURE_SQL,
  MAJ_IN_FORCE_SQL,
  MEASURE_USED_MONTHS_SQL,
  OPEN_CONTRACT_SQL,
} from '../sql';
import {
  audit,
  CASE_WORKERS,
  Ctx as Context,
  lockedMeasure,
  lockPerson,
  param,
  parametersOn,
  reachableMeasure,
  reachablePerson,
  requireCents,
  requireDate,
  requireId,
  requireText,
  usedContractMonths,
} from './support';
import {
  EndMeasureInput,
  RecordContractRefusalInput,
  RenewContractInput,
  SetContributionInput,
  SignAvenantInput,
  SignContractInput,
} from './types/contract.input';
import { labelFr } from '../../kit/rules/french';
import { MEASURE_STATUS_FR } from '../rules/labels';

const CONTRACT_LEVELS = [MeasureLevel.MASP_1, MeasureLevel.MASP_2];

const sameBenefits = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

function notActive(m: Measure): Error {
  return ruleError(
    DepartmentCode.MEASURE_NOT_ACTIVE,
    'CASF L271-2',
    `la mesure n'est pas en cours (elle est ${labelFr(MEASURE_STATUS_FR, m.status)}).`,
    `the measure is not in force (status ${m.status}).`,
  );
}

/**
 * The département's term bounds, 48-month cap and its reading in force on `on`. A stored value that would widen the
 * statute (written before it was refused) reads as the statute's (parameterInForce); bounds that contradict each other
 * read as the statute's 6 to 24 months.
 */
async function termBounds(tx: EntityManager, on: string) {
  const params = await parametersOn(tx, on);
  let minMonths = parameterInForce('CONTRACT_MIN_MONTHS', params.get('CONTRACT_MIN_MONTHS')).value;
  let maxMonths = parameterInForce('CONTRACT_MAX_MONTHS', params.get('CONTRACT_MAX_MONTHS')).value;
  if (minMonths > maxMonths) [minMonths, maxMonths] = [STATUTE.CONTRACT_MIN_MONTHS, STATUTE.CONTRACT_MAX_MONTHS];
  return {
    bounds: { minMonths, maxMonths },
    cap: parameterInForce('TOTAL_MAX_MONTHS', params.get('TOTAL_MAX_MONTHS')).value,
    reading: capReadingOf(params.get('MASP_CAP_READING')),
    eligibilityValidityMonths: parameterInForce(
      'ELIGIBILITY_VALIDITY_MONTHS',
      params.get('ELIGIBILITY_VALIDITY_MONTHS'),
    ).value,
    renewalGraceDays: parameterInForce('RENEWAL_GRACE_DAYS', params.get('RENEWAL_GRACE_DAYS')).value,
  };
}

/** Months already counted against the cap, by the reading in force: this measure's terms, or the person's. */
async function usedMonthsByReading(
  tx: EntityManager,
  reading: CapReading,
  measureId: string | null,
  beneficiaryId: string,
  on: string,
): Promise<number> {
  if (reading === CapReading.PER_PERSON) return usedContractMonths(tx, beneficiaryId, on);
  if (!measureId) return 0;
  const [row] = await tx.query(MEASURE_USED_MONTHS_SQL, [measureId]);
  return Number(row.used);
}

/** The last eligibility check of the person (CASF L271-1), valid on `on` (ELIGIBILITY_VALIDITY_MONTHS). */
async function assertEligibleOn(tx: EntityManager, beneficiaryId: string, on: string, validityMonths: number) {
  const lastCheck = await tx
    .getRepository(EligibilityCheck)
    .findOne({ where: { beneficiaryId }, order: { checkedOn: 'DESC', createdAt: 'DESC' } });
  assertEligible(lastCheck);
  assertEligibilityCheckValid(lastCheck!.checkedOn, on, validityMonths);
}

async function receivedOn(tx: EntityManager, beneficiaryId: string, on: string) {
  const benefits = await tx.getRepository(BenefitReceived).findBy({ beneficiaryId });
  return countableBenefits(benefits as ReceivedBenefit[], on);
}

async function currentTerm(tx: EntityManager, measureId: string): Promise<MeasureTerm> {
  const t = await tx.getRepository(MeasureTerm).findOne({ where: { measureId }, order: { seq: 'DESC' } });
  if (!t) throw new Error(`measure ${measureId} has no term`);
  return t;
}

/**
 * The MASP contract (CASF L271-2…4): signed, renewed, changed by avenant, refused or breached, ended; its contribution.
 */
@Resolver()
export class ContractResolver {
  @Mutation(() => Measure, {
    description: 'Signs a MASP 1 or 2 contract: eligibility, consent, term, 48-month cap, managed benefits.',
  })
  async signContract(@Arg('input') input: SignContractInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'signContract');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    if (!CONTRACT_LEVELS.includes(input.level))
      throw badInput(
        'level',
        'Un contrat est de niveau MASP_1 ou MASP_2 (le niveau 3 est ordonné par le juge).',
        'A contract is MASP_1 or MASP_2 (level 3 is ordered by a judge).',
      );
    const startsOn = requireDate('startsOn', input.startsOn);
    const signedOn = requireDate('signedOn', input.signedOn);
    const notifiedOn = input.notifiedOn == null ? null : requireDate('notifiedOn', input.notifiedOn);
    const objectives = requireText('objectives', input.objectives);
    const engagements = requireText('engagements', input.engagements);
    assertConsent(input.consent);
    assertNotInFuture('signedOn', signedOn, todayIso(), 'CONTRACT');
    if (notifiedOn) assertNotInFuture('notifiedOn', notifiedOn, todayIso(), 'CONTRACT');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const { bounds, cap, reading, eligibilityValidityMonths } = await termBounds(tx, startsOn);
      assertContractTerm(input.months, bounds);
      const open = await tx.query(OPEN_CONTRACT_SQL, [person.id]);
      if (open.length) {
        throw ruleError(
          DepartmentCode.MEASURE_ALREADY_OPEN,
          'CASF L271-2',
          `un contrat MASP est déjà en cours : modifiez-le par avenant.`,
          `a MASP contract is already in force: change it by avenant.`,
        );
      }
      const maj = await tx.query(MAJ_IN_FORCE_SQL, [person.id, startsOn]);
      assertNoMajInForce(maj.length > 0);
      await assertEligibleOn(tx, person.id, signedOn, eligibilityValidityMonths);
      assertManagedBenefits(
        input.level,
        input.managedBenefits,
        await receivedOn(tx, person.id, startsOn),
        input.extensionJustification,
      );
      // a new contract is a new measure: per measure, nothing used yet; per person, its contracts since the last MAJ
      assertTotalDuration(
        await usedMonthsByReading(tx, reading, null, person.id, startsOn),
        input.months,
        cap,
        reading,
      );
      const endsOn = termEndsOn(startsOn, input.months);
      const repo = tx.getRepository(Measure);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          level: input.level,
          status: MeasureStatus.ACTIVE,
          startsOn,
          endsOn,
          objectives,
          engagements,
          managedBenefits: input.managedBenefits,
          extensionJustification: input.extensionJustification ?? null,
          consentRecordedOn: signedOn,
          signedOn,
          notifiedOn,
        }),
      );
      await tx.getRepository(MeasureTerm).insert({
        measureId: saved.id,
        beneficiaryId: person.id,
        seq: 1,
        startsOn,
        endsOn,
        months: input.months,
        decidedOn: signedOn,
      });
      await recordContractSigned(tx, ctx, saved, input); // its proposal accepted, and the letter (issue 18)
      await audit(tx, ctx, person.id, 'signContract', [Domain.SOCIAL, Domain.BENEFITS]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => Measure, {
    description:
      'Renews a contract for a new term: only after a prior evaluation, within the 48-month cap, never tacit.',
  })
  async renewContract(@Arg('input') input: RenewContractInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'renewContract');
    const reached = await reachableMeasure(ctx, input.measureId);
    const decidedOn = requireDate('decidedOn', input.decidedOn);
    const evaluationId = requireId('evaluationId', input.evaluationId);
    const today = todayIso();
    assertNotInFuture('decidedOn', decidedOn, today, 'CONTRACT');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, reached.beneficiaryId);
      const m = await lockedMeasure(tx, reached.id);
      if (m.status !== MeasureStatus.ACTIVE || !CONTRACT_LEVELS.includes(m.level)) throw notActive(m);
      const term = await currentTerm(tx, m.id);
      const evaluation = await tx
        .getRepository(Evaluation)
        .findOneBy({ id: evaluationId, beneficiaryId: m.beneficiaryId });
      if (!evaluation) throw notReachable('Evaluation');
      assertRenewalBeforeTermEnd(decidedOn, term.endsOn);
      // entered by the term (or the département's short grace): a term that ran out is not revived (never tacit)
      const { renewalGraceDays } = await termBounds(tx, today);
      assertRenewalEnteredInTime(today, term.endsOn, renewalGraceDays);
      assertRenewalEvaluation(evaluation.evaluatedOn, term.startsOn, decidedOn);
      const { bounds, cap, reading, eligibilityValidityMonths } = await termBounds(tx, term.endsOn);
      assertContractTerm(input.months, bounds);
      await assertEligibleOn(tx, m.beneficiaryId, decidedOn, eligibilityValidityMonths);
      assertRenewalBenefits((await receivedOn(tx, m.beneficiaryId, decidedOn)).length > 0, input.exception);
      assertTotalDuration(
        await usedMonthsByReading(tx, reading, m.id, m.beneficiaryId, m.startsOn),
        input.months,
        cap,
        reading,
      );
      const endsOn = termEndsOn(term.endsOn, input.months);
      await tx
        .getRepository(MeasureTerm)
        .insert({
          measureId: m.id,
          beneficiaryId: m.beneficiaryId,
          seq: term.seq + 1,
          startsOn: term.endsOn,
          endsOn,
          months: input.months,
          evaluationId,
          decidedOn,
          renewalException: input.exception?.trim() || null,
        })
        .catch((err) => {
          // the database's own guard (one renewal per evaluation, one term per position): a concurrent renewal won
          if ((err as { driverError?: { code?: string } }).driverError?.code === '23505')
            assertRenewalEvaluation(null, term.startsOn, decidedOn);
          throw err;
        });
      await tx.getRepository(Measure).update(m.id, { endsOn });
      await tellDelegataireOfContract(tx, m.id, { renewed: true });
      await notifyRenewal(tx, m, {
        decidedOn,
        evaluatedOn: evaluation.evaluatedOn,
        startsOn: term.endsOn,
        endsOn,
        months: input.months,
      });
      await audit(tx, ctx, m.beneficiaryId, 'renewContract', [Domain.SOCIAL]);
      return tx.getRepository(Measure).findOneByOrFail({ id: m.id });
    });
  }

  @Mutation(() => Measure, {
    description: 'Signs an avenant: level 1 → 2, managed benefits, objectives or engagements (CASF L271-2).',
  })
  async signAvenant(@Arg('input') input: SignAvenantInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'signAvenant');
    const reached = await reachableMeasure(ctx, input.measureId);
    const signedOn = requireDate('signedOn', input.signedOn);
    assertNotInFuture('signedOn', signedOn, todayIso(), 'CONTRACT');
    const authorisation = input.benefitsAuthorisation
      ? {
          signedOn: requireDate('benefitsAuthorisation.signedOn', input.benefitsAuthorisation.signedOn),
          benefits: input.benefitsAuthorisation.benefits,
        }
      : null;
    if (authorisation)
      assertNotInFuture('benefitsAuthorisation.signedOn', authorisation.signedOn, todayIso(), 'CONTRACT');
    return ctx.dataSource.transaction(async (tx) => {
      const m = await lockedMeasure(tx, reached.id);
      if (m.status !== MeasureStatus.ACTIVE) throw notActive(m);
      // CASF L271-2: an avenant changes a contract in force; one past its term ended there (even before the job ran)
      assertContractTermNotPassed(m.endsOn, todayIso());
      const toLevel = assertAvenant(m.level, input) as MeasureLevel;
      const managed = input.managedBenefits ?? m.managedBenefits;
      const justification = input.extensionJustification ?? m.extensionJustification;
      assertManagedBenefits(toLevel, managed, await receivedOn(tx, m.beneficiaryId, signedOn), justification);
      // CASF L271-2: managing benefits rests on the person's written authorisation, for a MASP 2 made or changed here
      const managesAnew =
        toLevel === MeasureLevel.MASP_2 && (m.level !== toLevel || !sameBenefits(managed, m.managedBenefits));
      if (managesAnew) assertBenefitsAuthorisation(managed, authorisation, signedOn);
      await tx.getRepository(Avenant).insert({
        measureId: m.id,
        beneficiaryId: m.beneficiaryId,
        signedOn,
        fromLevel: m.level,
        toLevel,
        managedBenefits: input.managedBenefits ?? null,
        objectives: input.objectives ?? null,
        engagements: input.engagements ?? null,
        authorSub: ctx.caller.sub,
        authorisationSignedOn: authorisation?.signedOn ?? null,
        authorisedBenefits: authorisation ? [...authorisation.benefits] : null,
      });
      await tx.getRepository(Measure).update(m.id, {
        level: toLevel,
        managedBenefits: managed,
        extensionJustification: justification,
        ...(input.objectives != null ? { objectives: requireText('objectives', input.objectives) } : {}),
        ...(input.engagements != null ? { engagements: requireText('engagements', input.engagements) } : {}),
      });
      // the délégataire's file follows the contract's managed benefits (CASF L271-2)
      if (!sameBenefits(managed, m.managedBenefits))
        await tellDelegataireOfContract(tx, m.id, { benefitsChangedOn: signedOn });
      await audit(tx, ctx, m.beneficiaryId, 'signAvenant', [Domain.SOCIAL, Domain.BENEFITS]);
      const after = await tx.getRepository(Measure).findOneByOrFail({ id: m.id });
      await notifyAvenant(tx, m, after, signedOn); // the letter (issue 18)
      return after;
    });
  }

  @Mutation(() => ContractRefusal, {
    description: 'The person refused the contract or breached it (ground of L271-5 and L271-6).',
  })
  async recordContractRefusal(
    @Arg('input') input: RecordContractRefusalInput,
    @Ctx() ctx: Context,
  ): Promise<ContractRefusal> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordContractRefusal');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const recordedOn = requireDate('recordedOn', input.recordedOn);
    assertNotInFuture('recordedOn', recordedOn, todayIso(), 'ELIGIBILITY');
    if (input.measureId) {
      const m = await ctx.loaders.measure.load(requireId('measureId', input.measureId));
      if (!m || m.beneficiaryId !== person.id) throw notReachable('Measure');
    }
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ContractRefusal);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          kind: input.kind,
          recordedOn,
          measureId: input.measureId ?? null,
          note: input.note ?? null,
        }),
      );
      await audit(tx, ctx, person.id, 'recordContractRefusal', [Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }
  @Mutation(() => Measure, { description: 'Ends a measure with a reason of the list; its delegation ends with it.' })
  async endMeasure(@Arg('input') input: EndMeasureInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'endMeasure');
    const reached = await reachableMeasure(ctx, input.measureId);
    return ctx.dataSource.transaction((tx) => endMeasureIn(tx, ctx, reached.id, input, 'endMeasure'));
  }

  @Mutation(() => Measure, {
    description: 'Sets the contribution (CASF L271-4), within the dated scale of D271-5 / R471-5-3.',
  })
  async setContribution(@Arg('input') input: SetContributionInput, @Ctx() ctx: Context): Promise<Measure> {
    requireRole(ctx.caller, CASE_WORKERS, 'setContribution');
    const reached = await reachableMeasure(ctx, input.measureId);
    const decidedOn = requireDate('decidedOn', input.decidedOn);
    const resources = requireCents('annualResourcesCents', input.annualResourcesCents);
    assertNotInFuture('decidedOn', decidedOn, todayIso(), 'CONTRACT');
    return ctx.dataSource.transaction(async (tx) => {
      const m = await lockedMeasure(tx, reached.id);
      if (m.status !== MeasureStatus.ACTIVE || !CONTRACT_LEVELS.includes(m.level)) throw notActive(m);
      // R471-5-3 II: the scale's AAH and SMIC are those of 1 January of the resources' year, not of the decision
      const scaleOn = scaleReferenceDate(decidedOn);
      const params = await parametersOn(tx, scaleOn);
      assertContribution(input.monthlyCents, resources, {
        aahAnnualCents: param(params, 'AAH_ANNUAL_CENTS', scaleOn),
        smicAnnualCents: param(params, 'SMIC_ANNUAL_CENTS', scaleOn),
      });
      await tx.getRepository(Measure).update(m.id, {
        annualResourcesCents: resources,
        contributionMonthlyCents: input.monthlyCents,
        contributionDecidedOn: decidedOn,
      });
      await audit(tx, ctx, m.beneficiaryId, 'setContribution', [Domain.BUDGET]);
      return tx.getRepository(Measure).findOneByOrFail({ id: m.id });
    });
  }
}

/**
 * Ends a measure inside a transaction (shared by endMeasure and endDirectPayment): reason allowed for the level, the
 * running term trimmed to the time actually run (the 48-month count), open delegations ended the same day.
 */
export async function endMeasureIn(
  tx: EntityManager,
  ctx: Context,
  measureId: string,
  input: { endedOn: string; reason: Measure['endReason'] & string; notifiedOn?: string | null },
  action: string,
): Promise<Measure> {
  const endedOn = requireDate('endedOn', input.endedOn);
  const notifiedOn = input.notifiedOn == null ? null : requireDate('notifiedOn', input.notifiedOn);
  await tx.query(LOCK_PERSON_OF_MEASURE_SQL, [measureId]);
  const m = await lockedMeasure(tx, measureId);
  if (m.status === MeasureStatus.ENDED) throw notActive(m);
  assertEndReason(m.level, input.reason);
  if (endedOn <= m.startsOn || endedOn > m.endsOn) {
    throw badInput(
      'endedOn',
      `La fin se situe après le début (${m.startsOn}) et au plus tard au terme (${m.endsOn}).`,
      `The end falls after the start (${m.startsOn}) and at the latest at the term (${m.endsOn}).`,
    );
  }
  // Terms not yet begun are dropped; the running one counts the months actually begun.
  await tx.query(DROP_TERMS_FROM_SQL, [m.id, endedOn]);
  const term = await currentTerm(tx, m.id);
  if (endedOn < term.endsOn) {
    await tx
      .getRepository(MeasureTerm)
      .update(term.id, { endsOn: endedOn, months: Math.max(1, startedMonthsBetween(term.startsOn, endedOn)) });
  }
  await endDelegationsOfMeasure(tx, m.id, endedOn, `MEASURE_ENDED_${input.reason}`);
  await tx.getRepository(Measure).update(m.id, {
    status: MeasureStatus.ENDED,
    endedOn,
    endsOn: endedOn,
    endReason: input.reason,
    endNotifiedOn: notifiedOn,
  });
  await audit(tx, ctx, m.beneficiaryId, action, [Domain.SOCIAL_SUMMARY]);
  const ended = await tx.getRepository(Measure).findOneByOrFail({ id: m.id });
  await notifyEnd(tx, ended); // the letter (issue 18)
  return ended;
}

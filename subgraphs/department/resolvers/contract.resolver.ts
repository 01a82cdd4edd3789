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
  assertTotalDuration,
  termEndsOn,
} from '../rules/contract.rule';
import { startedMonthsBetween, todayIso } from '../../kit/rules/calendar';
import { assertContractTermNotPassed } from '../rules/delegation.rule';
import { endDelegationsOfMeasure, tellDelegataireOfContract } from './delegation-lifecycle';
import { recordContractSigned } from './proposal-lifecycle';
import { notifyAvenant, notifyEnd, notifyRenewal } from '../letters/notify';
import { assertEligible, countableBenefits, ReceivedBenefit } from '../rules/eligibility.rule';
import { assertNoMajInForce } from '../rules/maj.rule';
import { badInput, DepartmentCode, ruleError } from '../rules/errors';
import { DROP_TERMS_FROM_SQL, LOCK_PERSON_OF_MEASURE_SQL, MAJ_IN_FORCE_SQL, OPEN_CONTRACT_SQL } from '../sql';
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

async function termBounds(tx: EntityManager, on: string) {
  const params = await parametersOn(tx, on);
  return {
    bounds: {
      minMonths: param(params, 'CONTRACT_MIN_MONTHS', on),
      maxMonths: param(params, 'CONTRACT_MAX_MONTHS', on),
    },
    cap: param(params, 'TOTAL_MAX_MONTHS', on),
  };
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
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const { bounds, cap } = await termBounds(tx, startsOn);
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
      const lastCheck = await tx
        .getRepository(EligibilityCheck)
        .findOne({ where: { beneficiaryId: person.id }, order: { checkedOn: 'DESC', createdAt: 'DESC' } });
      assertEligible(lastCheck);
      assertManagedBenefits(
        input.level,
        input.managedBenefits,
        await receivedOn(tx, person.id, startsOn),
        input.extensionJustification,
      );
      assertTotalDuration(await usedContractMonths(tx, person.id, startsOn), input.months, cap);
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
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, reached.beneficiaryId);
      const m = await lockedMeasure(tx, reached.id);
      if (m.status !== MeasureStatus.ACTIVE || !CONTRACT_LEVELS.includes(m.level)) throw notActive(m);
      // a renewal decided before the term (below) may be recorded after it, until the job has ended the contract
      const term = await currentTerm(tx, m.id);
      const evaluation = await tx
        .getRepository(Evaluation)
        .findOneBy({ id: evaluationId, beneficiaryId: m.beneficiaryId });
      if (!evaluation) throw notReachable('Evaluation');
      assertRenewalBeforeTermEnd(decidedOn, term.endsOn);
      assertRenewalEvaluation(evaluation.evaluatedOn, term.startsOn, decidedOn);
      const { bounds, cap } = await termBounds(tx, term.endsOn);
      assertContractTerm(input.months, bounds);
      assertRenewalBenefits((await receivedOn(tx, m.beneficiaryId, decidedOn)).length > 0, input.exception);
      assertTotalDuration(await usedContractMonths(tx, m.beneficiaryId, m.startsOn), input.months, cap);
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
    return ctx.dataSource.transaction(async (tx) => {
      const m = await lockedMeasure(tx, reached.id);
      if (m.status !== MeasureStatus.ACTIVE) throw notActive(m);
      // CASF L271-2: an avenant changes a contract in force; one past its term ended there (even before the job ran)
      assertContractTermNotPassed(m.endsOn, signedOn > todayIso() ? signedOn : todayIso());
      const toLevel = assertAvenant(m.level, input) as MeasureLevel;
      const managed = input.managedBenefits ?? m.managedBenefits;
      const justification = input.extensionJustification ?? m.extensionJustification;
      assertManagedBenefits(toLevel, managed, await receivedOn(tx, m.beneficiaryId, signedOn), justification);
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
          recordedOn: requireDate('recordedOn', input.recordedOn),
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

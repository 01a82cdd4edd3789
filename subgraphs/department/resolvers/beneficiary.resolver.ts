import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Domain, Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { notReachable } from '../../kit/rules/errors';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import {
  Beneficiary, BenefitReceived, ContractRefusal, DirectPaymentRequest, EligibilityCheck, Evaluation, L2716Report, MajNotice, Measure, ProtectionMeasure,
} from '../entities';
import { beneficiaryReach } from '../permissions/reach';
import { assessEligibility, ReceivedBenefit } from '../rules/eligibility.rule';
import { badInput } from '../rules/errors';
import { audit, CASE_WORKERS, Ctx as Context, lockPerson, reachablePerson, requireCents, requireDate, requireId, requireText } from './support';
import {
  AssignReferentInput, CheckEligibilityInput, EndBenefitInput, RecordBenefitInput, RecordProtectionMeasureInput, ReferBeneficiaryInput, UpdateHouseholdInput,
} from './types/person.input';
import { RecordEvaluationInput } from './types/evaluation.input';
import { RecordContractRefusalInput } from './types/contract.input';

@Resolver(() => Beneficiary)
export class BeneficiaryResolver {
  @Query(() => Beneficiary, { nullable: true, description: 'One person, if within your reach (otherwise FORBIDDEN, whether or not the id exists).' })
  async beneficiary(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Beneficiary> {
    const found = await ctx.loaders.beneficiary.load(id);
    if (!found) throw notReachable('Beneficiary');
    return found;
  }

  @Query(() => [Beneficiary], { description: 'The persons within your reach, by id; `after` is the last id of the previous page.' })
  async caseload(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<Beneficiary[]> {
    const reach = beneficiaryReach(ctx.caller);
    const qb = ctx.dataSource.getRepository(Beneficiary).createQueryBuilder('b').where(reach.sql, reach.params);
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('b.id > :after', { after: cursor });
    return qb.orderBy('b.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @Public()
  @FieldResolver(() => [Measure], { description: 'Measures of this person within your reach, newest first.' })
  measures(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<Measure[]> {
    return ctx.loaders.measuresByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.BENEFITS, () => [BenefitReceived], { description: 'Benefits of the D271-2 list the person receives.' })
  benefits(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<BenefitReceived[]> {
    return ctx.loaders.benefitsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [ProtectionMeasure], { description: 'Legal protection measures (tutelle, curatelle…).' })
  protectionMeasures(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<ProtectionMeasure[]> {
    return ctx.loaders.protectionsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL, () => [EligibilityCheck])
  eligibilityChecks(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<EligibilityCheck[]> {
    return ctx.loaders.eligibilityChecksByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL_SUMMARY, () => [Evaluation], { description: 'Evaluations, oldest first (their SOCIAL fields need the SOCIAL domain).' })
  evaluations(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<Evaluation[]> {
    return ctx.loaders.evaluationsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.SOCIAL_SUMMARY, () => String, { description: 'The latest evaluation\'s handover summary, for a délégataire or an MJPM.' })
  async handoverSummary(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<string | null> {
    const evaluations = await ctx.loaders.evaluationsByBeneficiary.load(b.id);
    return [...evaluations].reverse().find((e) => e.handoverSummary)?.handoverSummary ?? null;
  }

  @ClassifiedFieldResolver(Domain.SOCIAL, () => [ContractRefusal])
  contractRefusals(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<ContractRefusal[]> {
    return ctx.loaders.refusalsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [L2716Report], { description: 'CASF L271-6 reports to the procureur.' })
  l2716Reports(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<L2716Report[]> {
    return ctx.loaders.reportsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [DirectPaymentRequest], { description: 'CASF L271-5 requests for a direct payment to the landlord.' })
  directPaymentRequests(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<DirectPaymentRequest[]> {
    return ctx.loaders.directPaymentRequestsByBeneficiary.load(b.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [MajNotice], { description: 'Notices of MAJ judgments (which MJPM service runs it).' })
  majNotices(@Root() b: Beneficiary, @Ctx() ctx: Context): Promise<MajNotice[]> {
    return ctx.loaders.majNoticesByBeneficiary.load(b.id);
  }

  // ─── Mutations: persons and households ───────────────────────────────────────────────────────────────────────

  @Mutation(() => Beneficiary, { description: 'SIGNALEMENT/DEMANDE: opens the file of a person referred to the département.' })
  async referBeneficiary(@Arg('input') input: ReferBeneficiaryInput, @Ctx() ctx: Context): Promise<Beneficiary> {
    requireRole(ctx.caller, CASE_WORKERS, 'referBeneficiary');
    const territory = requireText('territory', input.territory);
    const isWorkerOnly = !ctx.caller.roles.includes(Role.ENCADRANT);
    if (!isWorkerOnly && ctx.caller.territory && ctx.caller.territory !== territory) {
      throw badInput('territory', 'Un encadrant ouvre un dossier sur son territoire.', 'An encadrant opens a file in their own territory.');
    }
    // A référent who opens a file is its référent (otherwise the file would leave their reach at once).
    const referentSub = isWorkerOnly ? ctx.caller.sub : (input.referentSub?.trim() || ctx.caller.sub);
    if (!Number.isInteger(input.dependants) || input.dependants < 0) throw badInput('dependants', '« dependants » est un entier positif.', '"dependants" is a non-negative integer.');
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Beneficiary);
      const saved = await repo.save(repo.create({
        lastName: requireText('lastName', input.lastName), firstName: requireText('firstName', input.firstName),
        birthDate: requireDate('birthDate', input.birthDate), address: requireText('address', input.address), phone: input.phone ?? null,
        sex: input.sex ?? null, householdType: input.householdType ?? null, dependants: input.dependants, territory, referentSub,
        referredOn: requireDate('referredOn', input.referredOn), referralSource: input.referralSource ?? null,
      }));
      await audit(tx, ctx, saved.id, 'referBeneficiary', [Domain.IDENTITY, Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => Beneficiary, { description: 'Household composition and address.' })
  async updateHousehold(@Arg('input') input: UpdateHouseholdInput, @Ctx() ctx: Context): Promise<Beneficiary> {
    requireRole(ctx.caller, CASE_WORKERS, 'updateHousehold');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    if (!Number.isInteger(input.dependants) || input.dependants < 0) throw badInput('dependants', '« dependants » est un entier positif.', '"dependants" is a non-negative integer.');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      await tx.getRepository(Beneficiary).update(person.id, {
        householdType: input.householdType, dependants: input.dependants, ...(input.address ? { address: requireText('address', input.address) } : {}),
      });
      await audit(tx, ctx, person.id, 'updateHousehold', [Domain.IDENTITY]);
      return tx.getRepository(Beneficiary).findOneByOrFail({ id: person.id });
    });
  }

  @Mutation(() => Beneficiary, { description: 'Names the référent (and territory) of a person: ENCADRANT only.' })
  async assignReferent(@Arg('input') input: AssignReferentInput, @Ctx() ctx: Context): Promise<Beneficiary> {
    requireRole(ctx.caller, [Role.ENCADRANT], 'assignReferent');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const territory = input.territory?.trim() || person.territory;
    if (ctx.caller.territory && territory !== ctx.caller.territory) {
      throw badInput('territory', 'Un encadrant affecte sur son territoire.', 'An encadrant assigns within their own territory.');
    }
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      await tx.getRepository(Beneficiary).update(person.id, { referentSub: requireText('referentSub', input.referentSub), territory });
      await audit(tx, ctx, person.id, 'assignReferent', [Domain.IDENTITY]);
      return tx.getRepository(Beneficiary).findOneByOrFail({ id: person.id });
    });
  }

  @Mutation(() => BenefitReceived, { description: 'A benefit of the D271-2 list the person receives.' })
  async recordBenefitReceived(@Arg('input') input: RecordBenefitInput, @Ctx() ctx: Context): Promise<BenefitReceived> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordBenefitReceived');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    if (endsOn && endsOn <= startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(BenefitReceived);
      const saved = await repo.save(repo.create({
        beneficiaryId: person.id, kind: input.kind, monthlyAmountCents: requireCents('monthlyAmountCents', input.monthlyAmountCents),
        payingBody: requireText('payingBody', input.payingBody), tiersPayant: input.tiersPayant, startsOn, endsOn,
      }));
      await audit(tx, ctx, person.id, 'recordBenefitReceived', [Domain.BENEFITS]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => BenefitReceived, { description: 'The benefit stops (a measure then runs to its term without renewal, L271-2).' })
  async endBenefitReceived(@Arg('input') input: EndBenefitInput, @Ctx() ctx: Context): Promise<BenefitReceived> {
    requireRole(ctx.caller, CASE_WORKERS, 'endBenefitReceived');
    const benefit = await ctx.dataSource.getRepository(BenefitReceived).findOneBy({ id: requireId('benefitId', input.benefitId) });
    if (!benefit) throw notReachable('BenefitReceived');
    await reachablePerson(ctx, benefit.beneficiaryId).catch(() => { throw notReachable('BenefitReceived'); });
    const endsOn = requireDate('endsOn', input.endsOn);
    if (endsOn <= benefit.startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      await tx.getRepository(BenefitReceived).update(benefit.id, { endsOn });
      await audit(tx, ctx, benefit.beneficiaryId, 'endBenefitReceived', [Domain.BENEFITS]);
      return tx.getRepository(BenefitReceived).findOneByOrFail({ id: benefit.id });
    });
  }

  @Mutation(() => ProtectionMeasure, { description: 'A legal protection measure (blocks eligibility without override; ends a MAJ in force, C. civ. 495-3).' })
  async recordProtectionMeasure(@Arg('input') input: RecordProtectionMeasureInput, @Ctx() ctx: Context): Promise<ProtectionMeasure> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordProtectionMeasure');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    if (endsOn && endsOn <= startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ProtectionMeasure);
      await lockPerson(tx, person.id);
      const saved = await repo.save(repo.create({ beneficiaryId: person.id, kind: input.kind, startsOn, endsOn, court: input.court ?? null }));
      // C. civ. 495-3: opening a tutelle, curatelle or sauvegarde (or a mandat / habilitation) ends the MAJ: the MJPM's reach ends with it.
      await tx.query(`UPDATE department.maj_notice SET ends_on = GREATEST(starts_on, $2::date)
        WHERE beneficiary_id = $1 AND (ends_on IS NULL OR ends_on > $2::date)`, [person.id, startsOn]);
      await audit(tx, ctx, person.id, 'recordProtectionMeasure', [Domain.JUDICIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => EligibilityCheck, { description: 'Assesses CASF L271-1 on the recorded facts and records the outcome (every failed condition listed).' })
  async checkEligibility(@Arg('input') input: CheckEligibilityInput, @Ctx() ctx: Context): Promise<EligibilityCheck> {
    requireRole(ctx.caller, CASE_WORKERS, 'checkEligibility');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const on = requireDate('checkedOn', input.checkedOn);
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const benefits = await tx.getRepository(BenefitReceived).findBy({ beneficiaryId: person.id });
      const protections: { kind: ProtectionMeasure['kind'] }[] = await tx.query(
        `SELECT kind FROM department.protection_measure WHERE beneficiary_id = $1 AND starts_on <= $2 AND (ends_on IS NULL OR ends_on > $2)`, [person.id, on]);
      const refusals = assessEligibility({
        on, birthDate: person.birthDate, benefits: benefits as ReceivedBenefit[], threatToHealthOrSafety: input.threatToHealthOrSafety,
        capacityToConsent: input.capacityToConsent, activeProtections: protections.map((p) => p.kind), protectionOverride: input.protectionOverride,
      });
      const repo = tx.getRepository(EligibilityCheck);
      const saved = await repo.save(repo.create({
        beneficiaryId: person.id, checkedOn: on, checkedBy: ctx.caller.sub, threatToHealthOrSafety: input.threatToHealthOrSafety?.trim() || null,
        capacityToConsent: input.capacityToConsent, protectionOverride: input.protectionOverride?.trim() || null, eligible: refusals.length === 0, refusals,
      }));
      await audit(tx, ctx, person.id, 'checkEligibility', [Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => Evaluation, { description: 'Collecte (CASU form fields), diagnostic, or evaluation of the results.' })
  async recordEvaluation(@Arg('input') input: RecordEvaluationInput, @Ctx() ctx: Context): Promise<Evaluation> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordEvaluation');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const { beneficiaryId: _id, evaluatedOn, ...fields } = input;
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Evaluation);
      const saved = await repo.save(repo.create({ ...fields, beneficiaryId: person.id, evaluatedOn: requireDate('evaluatedOn', evaluatedOn), authorSub: ctx.caller.sub }));
      await audit(tx, ctx, person.id, 'recordEvaluation', [Domain.SOCIAL, Domain.SOCIAL_SUMMARY]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => ContractRefusal, { description: 'The person refused the contract or breached it (ground of L271-5 and L271-6).' })
  async recordContractRefusal(@Arg('input') input: RecordContractRefusalInput, @Ctx() ctx: Context): Promise<ContractRefusal> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordContractRefusal');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    if (input.measureId) {
      const m = await ctx.loaders.measure.load(requireId('measureId', input.measureId));
      if (!m || m.beneficiaryId !== person.id) throw notReachable('Measure');
    }
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ContractRefusal);
      const saved = await repo.save(repo.create({
        beneficiaryId: person.id, kind: input.kind, recordedOn: requireDate('recordedOn', input.recordedOn), measureId: input.measureId ?? null, note: input.note ?? null,
      }));
      await audit(tx, ctx, person.id, 'recordContractRefusal', [Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }
}

/** `_entities` for Beneficiary: the same reach as the queries; unreachable and unknown ids give the same error. */
export const beneficiaryReference = {
  Beneficiary: {
    async __resolveReference(ref: { id: string }, ctx: Context) {
      const found = await ctx.loaders.beneficiary.load(ref.id);
      if (!found) throw notReachable('Beneficiary');
      return found;
    },
  },
};

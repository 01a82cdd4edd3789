import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { BenefitReceived, EligibilityCheck, ProtectionMeasure } from '../entities';
import { assessEligibility, ReceivedBenefit } from '../rules/eligibility.rule';
import { badInput } from '../rules/errors';
import { assertNotInFuture } from '../rules/decision-date.rule';
import { todayIso } from '../../kit/rules/calendar';
import { MAJ_IN_FORCE_SQL, PROTECTIONS_IN_FORCE_SQL } from '../sql';
import { publish } from '../../kit/events/outbox';
import { closeNoticesOnProtection } from '../events/maj.handlers';
import { audit, CASE_WORKERS, Ctx as Context, lockPerson, reachablePerson, requireDate } from './support';
import { CheckEligibilityInput, RecordProtectionMeasureInput } from './types/person.input';

/** CASF L271-1: the facts eligibility is assessed on (a legal protection blocks it) and the recorded assessment. */
@Resolver()
export class EligibilityResolver {
  @Mutation(() => ProtectionMeasure, {
    description:
      'A legal protection measure (blocks eligibility without override; ends a MAJ in force, C. civ. 495-1).',
  })
  async recordProtectionMeasure(
    @Arg('input') input: RecordProtectionMeasureInput,
    @Ctx() ctx: Context,
  ): Promise<ProtectionMeasure> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordProtectionMeasure');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    if (endsOn && endsOn <= startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ProtectionMeasure);
      await lockPerson(tx, person.id);
      const saved = await repo.save(
        repo.create({ beneficiaryId: person.id, kind: input.kind, startsOn, endsOn, court: input.court ?? null }),
      );
      // C. civ. 495-1: opening a tutelle, curatelle or sauvegarde (or a mandat / habilitation) ends the MAJ: the notice
      // closes, the MJPM's reach ends with it, and the MJPM services learn both (their MAJ ends, none may follow).
      await closeNoticesOnProtection(tx, person.id, startsOn);
      await publish(tx, 'protection.recorded', {
        protectionId: saved.id,
        beneficiaryId: person.id,
        kind: saved.kind,
        startsOn,
        endsOn,
      });
      await audit(tx, ctx, person.id, 'recordProtectionMeasure', [Domain.JUDICIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => EligibilityCheck, {
    description: 'Assesses CASF L271-1 on the recorded facts and records the outcome (every failed condition listed).',
  })
  async checkEligibility(@Arg('input') input: CheckEligibilityInput, @Ctx() ctx: Context): Promise<EligibilityCheck> {
    requireRole(ctx.caller, CASE_WORKERS, 'checkEligibility');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const on = requireDate('checkedOn', input.checkedOn);
    assertNotInFuture('checkedOn', on, todayIso(), 'ELIGIBILITY');
    return ctx.dataSource.transaction(async (tx) => {
      await lockPerson(tx, person.id);
      const benefits = await tx.getRepository(BenefitReceived).findBy({ beneficiaryId: person.id });
      const protections: { kind: ProtectionMeasure['kind'] }[] = await tx.query(PROTECTIONS_IN_FORCE_SQL, [
        person.id,
        on,
      ]);
      const majInForce = (await tx.query(MAJ_IN_FORCE_SQL, [person.id, on])).length > 0;
      const refusals = assessEligibility({
        on,
        birthDate: person.birthDate,
        benefits: benefits as ReceivedBenefit[],
        threatToHealthOrSafety: input.threatToHealthOrSafety,
        capacityToConsent: input.capacityToConsent,
        activeProtections: protections.map((p) => p.kind),
        protectionOverride: input.protectionOverride,
        majInForce,
      });
      const repo = tx.getRepository(EligibilityCheck);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          checkedOn: on,
          checkedBy: ctx.caller.sub,
          threatToHealthOrSafety: input.threatToHealthOrSafety?.trim() || null,
          capacityToConsent: input.capacityToConsent,
          protectionOverride: input.protectionOverride?.trim() || null,
          eligible: refusals.length === 0,
          refusals,
        }),
      );
      await audit(tx, ctx, person.id, 'checkEligibility', [Domain.SOCIAL]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }
}

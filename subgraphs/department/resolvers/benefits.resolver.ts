import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { notReachable } from '../../kit/rules/errors';
import { BenefitReceived } from '../entities';
import { badInput } from '../rules/errors';
import {
  audit,
  CASE_WORKERS,
  Ctx as Context,
  reachablePerson,
  requireCents,
  requireDate,
  requireId,
  requireText,
} from './support';
import { EndBenefitInput, RecordBenefitInput } from './types/person.input';

/**
 * The benefits of the D271-2 list the person receives: what a MASP may manage, and what keeps it renewable (L271-2).
 */
@Resolver()
export class BenefitsResolver {
  @Mutation(() => BenefitReceived, { description: 'A benefit of the D271-2 list the person receives.' })
  async recordBenefitReceived(@Arg('input') input: RecordBenefitInput, @Ctx() ctx: Context): Promise<BenefitReceived> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordBenefitReceived');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const startsOn = requireDate('startsOn', input.startsOn);
    const endsOn = input.endsOn == null ? null : requireDate('endsOn', input.endsOn);
    if (endsOn && endsOn <= startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(BenefitReceived);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: person.id,
          kind: input.kind,
          monthlyAmountCents: requireCents('monthlyAmountCents', input.monthlyAmountCents),
          payingBody: requireText('payingBody', input.payingBody),
          tiersPayant: input.tiersPayant,
          startsOn,
          endsOn,
        }),
      );
      await audit(tx, ctx, person.id, 'recordBenefitReceived', [Domain.BENEFITS]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }

  @Mutation(() => BenefitReceived, {
    description: 'The benefit stops (a measure then runs to its term without renewal, L271-2).',
  })
  async endBenefitReceived(@Arg('input') input: EndBenefitInput, @Ctx() ctx: Context): Promise<BenefitReceived> {
    requireRole(ctx.caller, CASE_WORKERS, 'endBenefitReceived');
    const benefit = await ctx.dataSource
      .getRepository(BenefitReceived)
      .findOneBy({ id: requireId('benefitId', input.benefitId) });
    if (!benefit) throw notReachable('BenefitReceived');
    await reachablePerson(ctx, benefit.beneficiaryId).catch(() => {
      throw notReachable('BenefitReceived');
    });
    const endsOn = requireDate('endsOn', input.endsOn);
    if (endsOn <= benefit.startsOn) throw badInput('endsOn', 'La fin suit le début.', 'The end follows the start.');
    return ctx.dataSource.transaction(async (tx) => {
      await tx.getRepository(BenefitReceived).update(benefit.id, { endsOn });
      await audit(tx, ctx, benefit.beneficiaryId, 'endBenefitReceived', [Domain.BENEFITS]);
      return tx.getRepository(BenefitReceived).findOneByOrFail({ id: benefit.id });
    });
  }
}

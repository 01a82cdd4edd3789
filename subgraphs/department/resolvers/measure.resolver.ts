import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedFieldResolver } from '../../kit/schema/classified';
import { Public } from '../../kit/schema/public';
import { notReachable } from '../../kit/rules/errors';
import { Avenant, Beneficiary, Delegation, DirectPaymentJudgment, Measure, MeasureTerm } from '../entities';
import { Ctx as Context } from './support';

/** A measure: its query and fields. The writes live with their procedure (contract, delegation, direct payment). */
@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => Measure, { nullable: true })
  async measure(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Measure> {
    const found = await ctx.loaders.measure.load(id);
    if (!found) throw notReachable('Measure');
    return found;
  }

  @Public()
  @FieldResolver(() => Beneficiary, { nullable: true })
  async beneficiary(@Root() m: Measure, @Ctx() ctx: Context): Promise<Beneficiary> {
    const found = await ctx.loaders.beneficiary.load(m.beneficiaryId);
    if (!found) throw notReachable('Beneficiary');
    return found;
  }

  @Public()
  @FieldResolver(() => [MeasureTerm], { description: 'The initial term and each renewal, in order.' })
  terms(@Root() m: Measure, @Ctx() ctx: Context): Promise<MeasureTerm[]> {
    return ctx.loaders.termsByMeasure.load(m.id);
  }

  @Public()
  @FieldResolver(() => Int, {
    description: 'Months counted against the 48-month cap (CASF L271-2: levels 1 and 2 together; L271-5 for MASP 3).',
  })
  async cumulativeMonths(@Root() m: Measure, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.cumulativeMonths.load(m.id))?.months ?? 0;
  }

  @ClassifiedFieldResolver(Domain.SOCIAL_SUMMARY, () => [Avenant])
  avenants(@Root() m: Measure, @Ctx() ctx: Context): Promise<Avenant[]> {
    return ctx.loaders.avenantsByMeasure.load(m.id);
  }

  @Public()
  @FieldResolver(() => [Delegation], { description: 'Delegations of this measure to an association (CASF L271-3).' })
  delegations(@Root() m: Measure, @Ctx() ctx: Context): Promise<Delegation[]> {
    return ctx.loaders.delegationsByMeasure.load(m.id);
  }

  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [DirectPaymentJudgment], {
    description: 'MASP 3: the judgments ordering and renewing the direct payment.',
  })
  directPaymentJudgments(@Root() m: Measure, @Ctx() ctx: Context): Promise<DirectPaymentJudgment[]> {
    return ctx.loaders.judgmentsByMeasure.load(m.id);
  }
}

export const measureReference = {
  Measure: {
    async __resolveReference(ref: { id: string }, ctx: Context) {
      const found = await ctx.loaders.measure.load(ref.id);
      if (!found) throw notReachable('Measure');
      return found;
    },
  },
};

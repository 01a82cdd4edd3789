import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../kit/context.type';
import { notReachable } from '../../kit/errors';
import { Beneficiary, Measure } from '../entities';
import type { DepartmentLoaders } from '../loaders';

type Ctx = SubgraphContext<DepartmentLoaders>;

@Resolver(() => Measure)
export class MeasureResolver {
  @Query(() => Measure, { nullable: true })
  async measure(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Measure> {
    const found = await ctx.loaders.measure.load(id);
    if (!found) throw notReachable('Measure');
    return found;
  }

  @FieldResolver(() => Beneficiary, { nullable: true })
  async beneficiary(@Root() m: Measure, @Ctx() ctx: Ctx): Promise<Beneficiary> {
    const found = await ctx.loaders.beneficiary.load(m.beneficiaryId);
    if (!found) throw notReachable('Beneficiary');
    return found;
  }
}

export const measureReference = {
  Measure: {
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      const found = await ctx.loaders.measure.load(ref.id);
      if (!found) throw notReachable('Measure');
      return found;
    },
  },
};

import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../kit/context.type';
import { notReachable } from '../../kit/errors';
import { afterCursor, pageSize } from '../../kit/pagination';
import { Beneficiary, Measure } from '../entities';
import type { DepartmentLoaders } from '../loaders';
import { beneficiaryReach } from '../permissions/reach';

type Ctx = SubgraphContext<DepartmentLoaders>;

@Resolver(() => Beneficiary)
export class BeneficiaryResolver {
  @Query(() => Beneficiary, { nullable: true, description: 'One person, if within your reach (otherwise FORBIDDEN, whether or not the id exists).' })
  async beneficiary(@Arg('id', () => ID) id: string, @Ctx() ctx: Ctx): Promise<Beneficiary> {
    const found = await ctx.loaders.beneficiary.load(id);
    if (!found) throw notReachable('Beneficiary');
    return found;
  }

  @Query(() => [Beneficiary], { description: 'The persons within your reach, by id; `after` is the last id of the previous page.' })
  async caseload(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<Beneficiary[]> {
    const reach = beneficiaryReach(ctx.caller);
    const qb = ctx.dataSource.getRepository(Beneficiary).createQueryBuilder('b').where(reach.sql, reach.params);
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('b.id > :after', { after: cursor });
    return qb.orderBy('b.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @FieldResolver(() => [Measure], { description: 'Measures of this person within your reach, newest first.' })
  measures(@Root() b: Beneficiary, @Ctx() ctx: Ctx): Promise<Measure[]> {
    return ctx.loaders.measuresByBeneficiary.load(b.id);
  }
}

/** `_entities` for Beneficiary: the same reach as the queries; unreachable and unknown ids give the same error. */
export const beneficiaryReference = {
  Beneficiary: {
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      const found = await ctx.loaders.beneficiary.load(ref.id);
      if (!found) throw notReachable('Beneficiary');
      return found;
    },
  },
};

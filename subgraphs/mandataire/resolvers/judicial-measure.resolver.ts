import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { ClassifiedFieldResolver } from '../../kit/classified';
import { SubgraphContext } from '../../kit/context.type';
import { notReachable } from '../../kit/errors';
import { afterCursor, pageSize } from '../../kit/pagination';
import { MandataireBeneficiary } from '../entities/beneficiary.stub';
import { JudicialMeasure } from '../entities/judicial-measure.entity';
import type { MandataireLoaders } from '../loaders';
import { judicialMeasureReach } from '../permissions/reach';

type Ctx = SubgraphContext<MandataireLoaders>;

@Resolver(() => JudicialMeasure)
export class JudicialMeasureResolver {
  @Query(() => [JudicialMeasure], { description: "The active MAJ assigned to your service, by id; `after` is the last id of the previous page." })
  async myJudicialMeasures(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<JudicialMeasure[]> {
    const reach = judicialMeasureReach(ctx.caller);
    const qb = ctx.dataSource.getRepository(JudicialMeasure).createQueryBuilder('j').where(reach.sql, reach.params)
      .andWhere('j.mandataire_org_id = :own', { own: ctx.caller.orgId });
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('j.id > :after', { after: cursor });
    return qb.orderBy('j.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @FieldResolver(() => MandataireBeneficiary, { description: 'The person (département) under this measure.' })
  beneficiary(@Root() j: JudicialMeasure): MandataireBeneficiary {
    return { id: j.beneficiaryId };
  }
}

@Resolver(() => MandataireBeneficiary)
export class MandataireBeneficiaryResolver {
  @ClassifiedFieldResolver(Domain.JUDICIAL, () => [JudicialMeasure], { description: "This person's MAJ within your reach, newest first." })
  judicialMeasures(@Root() b: MandataireBeneficiary, @Ctx() ctx: Ctx): Promise<JudicialMeasure[]> {
    return ctx.loaders.judicialMeasuresByBeneficiary.load(b.id);
  }
}

export const mandataireReferences = {
  JudicialMeasure: {
    async __resolveReference(ref: { id: string }, ctx: Ctx) {
      const found = await ctx.loaders.judicialMeasure.load(ref.id);
      if (!found) throw notReachable('JudicialMeasure');
      return found;
    },
  },
  Beneficiary: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};

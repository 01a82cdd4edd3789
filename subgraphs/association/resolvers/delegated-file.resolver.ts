import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { SubgraphContext } from '../../kit/context.type';
import { afterCursor, pageSize } from '../../kit/pagination';
import { DelegatedFile } from '../entities/delegated-file.entity';
import { AssociationMeasure } from '../entities/measure.stub';
import type { AssociationLoaders } from '../loaders';
import { delegatedFileReach } from '../permissions/reach';

type Ctx = SubgraphContext<AssociationLoaders>;

@Resolver(() => DelegatedFile)
export class DelegatedFileResolver {
  @Query(() => [DelegatedFile], { description: "The files delegated to your association, by id; `after` is the last id of the previous page." })
  async myDelegatedFiles(
    @Ctx() ctx: Ctx,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<DelegatedFile[]> {
    const reach = delegatedFileReach(ctx.caller);
    const qb = ctx.dataSource.getRepository(DelegatedFile).createQueryBuilder('f').where(reach.sql, reach.params)
      .andWhere('f.association_org_id = :own', { own: ctx.caller.orgId });
    const cursor = afterCursor(after);
    if (cursor) qb.andWhere('f.id > :after', { after: cursor });
    return qb.orderBy('f.id', 'ASC').limit(pageSize(first)).getMany();
  }

  @FieldResolver(() => AssociationMeasure, { description: 'The delegated measure (département).' })
  measure(@Root() f: DelegatedFile): AssociationMeasure {
    return { id: f.measureId };
  }
}

@Resolver(() => AssociationMeasure)
export class AssociationMeasureResolver {
  @FieldResolver(() => DelegatedFile, { nullable: true, description: 'The file an association runs for this measure, if delegated and within your reach.' })
  delegatedFile(@Root() m: AssociationMeasure, @Ctx() ctx: Ctx): Promise<DelegatedFile | null> {
    return ctx.loaders.fileByMeasure.load(m.id);
  }
}

/** A Measure reference needs no row here: its fields apply their own reach. */
export const measureReference = {
  Measure: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};

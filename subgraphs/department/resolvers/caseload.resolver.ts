import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { Beneficiary, CaseAlert, CaseAlertKind, Measure } from '../entities';
import { measureReach } from '../permissions/reach';
import { ALERTS_SQL } from '../sql';
import { Ctx as Context } from './support';
import { Public } from '../../kit/schema/public';
import { withContestationAlerts } from './contestation-alerts';

@Resolver(() => CaseAlert)
export class CaseloadResolver {
  @Query(() => [CaseAlert], {
    description:
      'Measures in your reach needing attention (term ending, 48-month cap near, renewal without evaluation); `after` = last id.',
  })
  async caseloadAlerts(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<CaseAlert[]> {
    const reach = measureReach(ctx.caller);
    const limit = pageSize(first);
    const [sql, values] = ctx.dataSource.driver.escapeQueryWithParameters(ALERTS_SQL(reach.sql), {
      ...reach.params,
      after: afterCursor(after) ?? null,
      limit,
    });
    const rows: CaseAlert[] = await ctx.dataSource.query(sql, values);
    const page = rows.map((r) => Object.assign(new CaseAlert(), r, { kinds: r.kinds as CaseAlertKind[] }));
    return withContestationAlerts(ctx, page, afterCursor(after) ?? null, limit); // letters (issue 18)
  }

  @Public()
  @FieldResolver(() => Measure, { nullable: true })
  measure(@Root() a: CaseAlert, @Ctx() ctx: Context): Promise<Measure | null> {
    return ctx.loaders.measure.load(a.id);
  }

  @Public()
  @FieldResolver(() => Beneficiary, { nullable: true })
  beneficiary(@Root() a: CaseAlert, @Ctx() ctx: Context): Promise<Beneficiary | null> {
    return ctx.loaders.beneficiary.load(a.beneficiaryId);
  }
}

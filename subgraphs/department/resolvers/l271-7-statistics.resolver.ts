import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { L2717Export } from '../entities';
import { suppressSmallCells, StatCell } from '../rules/statistics.rule';
import { badInput } from '../rules/errors';
import { SMALL_CELL_THRESHOLD_SQL, STATISTICS_SQL } from '../sql';
import { Ctx as Context } from './support';

/** CASF L271-7: the year's statistics the département sends the State. */
@Resolver()
export class L2717StatisticsResolver {
  @Query(() => L2717Export, {
    description:
      "CASF L271-7: the year's aggregates for the State (no name, no id; small cells suppressed). PILOTAGE and ENCADRANT.",
  })
  async l2717Statistics(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<L2717Export> {
    requireRole(ctx.caller, [Role.PILOTAGE, Role.ENCADRANT], 'l2717Statistics');
    if (!Number.isInteger(year) || year < 2007 || year > 2100)
      throw badInput('year', '« year » est une année (2007 ou après).', '"year" is a year (2007 or later).');
    const [row] = await ctx.dataSource.query(SMALL_CELL_THRESHOLD_SQL, [year]);
    const threshold = Number(row?.value ?? 5);
    const cells: StatCell[] = await ctx.dataSource.query(STATISTICS_SQL, [year]);
    return Object.assign(new L2717Export(), {
      year,
      smallCellThreshold: threshold,
      cells: suppressSmallCells(cells, threshold),
    });
  }
}

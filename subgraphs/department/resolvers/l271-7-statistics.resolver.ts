import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { L2717Export } from '../entities';
import { StatisticsExport } from '../exports/l271-7-export';
import { l2717Filename, renderL2717Csv } from '../exports/l271-7-csv';
import { PublishedCell, smallCellThreshold, StatCell, suppressCells } from '../rules/statistics.rule';
import { badInput } from '../rules/errors';
import { SMALL_CELL_THRESHOLD_SQL, STATISTICS_SQL } from '../sql';
import { Ctx as Context } from './support';

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 2007 || year > 2100)
    throw badInput('year', '« year » est une année (2007 ou après).', '"year" is a year (2007 or later).');
}

/**
 * The year's published cells: primary and secondary suppression (rules/statistics.rule.ts) at the département's
 * threshold, never below the statutory floor of 5 (no setting turns suppression off).
 */
async function publishedCells(ctx: Context, year: number): Promise<{ threshold: number; cells: PublishedCell[] }> {
  const [row] = await ctx.dataSource.query(SMALL_CELL_THRESHOLD_SQL, [year]);
  const threshold = smallCellThreshold(row?.value == null ? null : Number(row.value));
  const cells: StatCell[] = await ctx.dataSource.query(STATISTICS_SQL, [year]);
  return { threshold, cells: suppressCells(cells, threshold) };
}

/** CASF L271-7: the year's statistics the département sends the State. */
@Resolver()
export class L2717StatisticsResolver {
  @Query(() => L2717Export, {
    description:
      "CASF L271-7: the year's aggregates for the State (no name, no id; small cells suppressed, with secondary suppression). PILOTAGE and ENCADRANT.",
  })
  async l2717Statistics(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<L2717Export> {
    requireRole(ctx.caller, [Role.PILOTAGE, Role.ENCADRANT], 'l2717Statistics');
    assertYear(year);
    const { threshold, cells } = await publishedCells(ctx, year);
    return Object.assign(new L2717Export(), { year, smallCellThreshold: threshold, cells });
  }

  @Query(() => StatisticsExport, {
    description:
      'CASF L271-7: the file the département sends the State for `year`, as CSV (layout: subgraphs/department/exports/l271-7-layout.md), with the same suppression. PILOTAGE.',
  })
  async l2717Export(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<StatisticsExport> {
    requireRole(ctx.caller, [Role.PILOTAGE], 'l2717Export');
    assertYear(year);
    const { cells } = await publishedCells(ctx, year);
    return Object.assign(new StatisticsExport(), { filename: l2717Filename(year), csv: renderL2717Csv(year, cells) });
  }
}

import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { L2717Export } from '../entities';
import { suppressSmallCells, StatCell } from '../rules/statistics.rule';
import { badInput } from '../rules/errors';
import { Ctx as Context } from './support';

/** L271-7 indicators for a year (⚠ reconstructed list, domain.md): one GROUP BY per indicator, all in one statement. */
const STATISTICS_SQL = `
  WITH y AS (SELECT make_date($1, 1, 1) AS first_day, make_date($1, 12, 31) AS last_day),
  stock AS (SELECT m.*, b.birth_date, b.sex, b.household_type FROM department.measure m JOIN department.beneficiary b ON b.id = m.beneficiary_id, y
            WHERE m.starts_on <= y.last_day AND m.ends_on > y.last_day AND m.status <> 'PROPOSED'),
  started AS (SELECT m.* FROM department.measure m, y WHERE m.starts_on BETWEEN y.first_day AND y.last_day),
  ended AS (SELECT m.* FROM department.measure m, y WHERE m.ended_on BETWEEN y.first_day AND y.last_day)
  SELECT 'STOCK_31_12_BY_LEVEL' AS indicator, level::text AS dimension, count(*)::int AS count FROM stock GROUP BY level
  UNION ALL SELECT 'STOCK_31_12_BY_SEX', COALESCE(sex, 'UNKNOWN'), count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_BY_HOUSEHOLD', COALESCE(household_type, 'UNKNOWN'), count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_BY_AGE_BAND', CASE WHEN a < 25 THEN '18-24' WHEN a < 40 THEN '25-39' WHEN a < 60 THEN '40-59' ELSE '60+' END, count(*)::int
    FROM (SELECT date_part('year', age(make_date($1, 12, 31), birth_date))::int AS a FROM stock) s GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_DELEGATED', CASE WHEN EXISTS (SELECT 1 FROM department.delegation d, y WHERE d.measure_id = stock.id AND d.starts_on <= y.last_day
    AND (d.ends_on IS NULL OR d.ends_on > y.last_day)) THEN 'DELEGATED' ELSE 'IN_HOUSE' END, count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_CONTRIBUTION', CASE WHEN COALESCE(contribution_monthly_cents, 0) > 0 THEN 'CHARGED' ELSE 'NONE' END, count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'NEW_MEASURES_BY_LEVEL', level::text, count(*)::int FROM started GROUP BY level
  UNION ALL SELECT 'ENDED_BY_REASON', COALESCE(end_reason, 'UNKNOWN'), count(*)::int FROM ended GROUP BY 2
  UNION ALL SELECT 'ENDED_DURATION_MONTHS', CASE WHEN months < 12 THEN '<12' WHEN months < 24 THEN '12-23' WHEN months < 36 THEN '24-35' ELSE '36-48' END, count(*)::int
    FROM (SELECT (SELECT COALESCE(SUM(t.months), 0) FROM department.measure_term t WHERE t.measure_id = ended.id) AS months FROM ended) s GROUP BY 2
  UNION ALL SELECT 'RENEWALS', 'TOTAL', count(*)::int FROM department.measure_term t, y WHERE t.seq > 1 AND t.decided_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'BENEFITS_MANAGED', k, count(*)::int FROM stock, unnest(stock.managed_benefits) k GROUP BY k
  UNION ALL SELECT 'DIRECT_PAYMENT_REQUESTS', status, count(*)::int FROM department.direct_payment_request r, y WHERE r.requested_on BETWEEN y.first_day AND y.last_day GROUP BY status
  UNION ALL SELECT 'DIRECT_PAYMENT_JUDGMENTS', 'TOTAL', count(*)::int FROM department.direct_payment_judgment j, y WHERE j.judgment_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'L271_6_REPORTS_SENT', 'TOTAL', count(*)::int FROM department.l271_6_report r, y WHERE r.sent_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'L271_6_DECISIONS', decision_outcome, count(*)::int FROM department.l271_6_report r, y WHERE r.decided_on BETWEEN y.first_day AND y.last_day GROUP BY decision_outcome
  ORDER BY 1, 2`;

/** CASF L271-7: the year's statistics the département sends the State. */
@Resolver()
export class L2717StatisticsResolver {
  @Query(() => L2717Export, { description: 'CASF L271-7: the year\'s aggregates for the State (no name, no id; small cells suppressed). PILOTAGE and ENCADRANT.' })
  async l2717Statistics(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<L2717Export> {
    requireRole(ctx.caller, [Role.PILOTAGE, Role.ENCADRANT], 'l2717Statistics');
    if (!Number.isInteger(year) || year < 2007 || year > 2100) throw badInput('year', '« year » est une année (2007 ou après).', '"year" is a year (2007 or later).');
    const [row] = await ctx.dataSource.query(`SELECT value FROM department.parameter WHERE key = 'STATS_SMALL_CELL' AND valid_from <= make_date($1, 12, 31) ORDER BY valid_from DESC LIMIT 1`, [year]);
    const threshold = Number(row?.value ?? 5);
    const cells: StatCell[] = await ctx.dataSource.query(STATISTICS_SQL, [year]);
    return Object.assign(new L2717Export(), { year, smallCellThreshold: threshold, cells: suppressSmallCells(cells, threshold) });
  }
}

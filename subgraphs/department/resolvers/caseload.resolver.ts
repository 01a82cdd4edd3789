import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { userError } from '../../kit/rules/errors';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { Beneficiary, CaseAlert, CaseAlertKind, DepartmentParameter, L2717Export, Measure } from '../entities';
import { measureReach } from '../permissions/reach';
import { suppressSmallCells, StatCell } from '../rules/statistics.rule';
import { STATUTE } from '../rules/contract.rule';
import { badInput } from '../rules/errors';
import { Ctx as Context, requireDate, requireText } from './support';
import { SetDepartmentParameterInput } from './types/contract.input';

/**
 * The caseload's alerts, in one statement over the measures in reach (never one query per measure):
 * - a contract's term ends within 30 days;
 * - the 48-month cap (CASF L271-2) is reached within 3 months;
 * - a renewal is pending (term ends within 30 days or passed, cap not reached) and no evaluation since the term began.
 */
const ALERTS_SQL = (reachSql: string) => `
  WITH cap AS (
    -- the département's 48-month cap in force today (CASF L271-2, a dated parameter), read in the same statement:
    -- a separate query before it cost the page one more round trip to PostgreSQL
    SELECT COALESCE((SELECT value FROM department.parameter WHERE key = 'TOTAL_MAX_MONTHS' AND valid_from <= current_date
                     ORDER BY valid_from DESC LIMIT 1), ${STATUTE.TOTAL_MAX_MONTHS})::int AS months
  ), m AS (
    SELECT m.id, m.beneficiary_id, m.ends_on,
      t.starts_on AS term_starts_on, t.months AS term_months, c.cumulative,
      EXISTS (SELECT 1 FROM department.evaluation e WHERE e.beneficiary_id = m.beneficiary_id AND e.evaluated_on >= t.starts_on) AS evaluated
    FROM department.measure m
    JOIN LATERAL (SELECT starts_on, months FROM department.measure_term WHERE measure_id = m.id ORDER BY seq DESC LIMIT 1) t ON TRUE
    -- once per measure: OFFSET 0 keeps PostgreSQL from copying the subquery into each of the three uses below
    CROSS JOIN LATERAL (SELECT (SELECT COALESCE(SUM(t2.months), 0) FROM department.measure_term t2 JOIN department.measure m2 ON m2.id = t2.measure_id
        WHERE m2.beneficiary_id = m.beneficiary_id AND m2.level IN ('MASP_1', 'MASP_2')
          AND m2.starts_on >= COALESCE((SELECT max(n.starts_on) FROM department.maj_notice n
                                        WHERE n.beneficiary_id = m.beneficiary_id AND n.starts_on <= m.starts_on), '-infinity'::date))::int AS cumulative OFFSET 0) c
    WHERE m.status = 'ACTIVE' AND m.level IN ('MASP_1', 'MASP_2') AND ${reachSql} AND (CAST(:after AS uuid) IS NULL OR m.id > CAST(:after AS uuid))
  ), flagged AS (
    SELECT id, beneficiary_id, ends_on, cumulative,
      array_remove(ARRAY[
        CASE WHEN ends_on >= current_date AND ends_on <= current_date + 30 THEN 'ENDING_WITHIN_30_DAYS' END,
        CASE WHEN (term_starts_on + make_interval(months => cap.months - cumulative + term_months))::date <= (current_date + interval '3 months')::date
             THEN 'TOTAL_CAP_WITHIN_3_MONTHS' END,
        CASE WHEN ends_on <= current_date + 30 AND cumulative < cap.months AND NOT evaluated THEN 'RENEWAL_WITHOUT_EVALUATION' END
      ], NULL) AS kinds
    FROM m, cap
  )
  SELECT id, beneficiary_id AS "beneficiaryId", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", cumulative AS "cumulativeMonths", kinds
  FROM flagged WHERE cardinality(kinds) > 0 ORDER BY id LIMIT :limit`;

/** L271-7 indicators for a year (⚠ reconstructed list, schema/domain.md › Reporting): one GROUP BY per indicator, all in one statement. */
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

@Resolver(() => CaseAlert)
export class CaseloadResolver {
  @Query(() => [CaseAlert], { description: 'Measures in your reach needing attention (term ending, 48-month cap near, renewal without evaluation); `after` = last id.' })
  async caseloadAlerts(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<CaseAlert[]> {
    const reach = measureReach(ctx.caller);
    const limit = pageSize(first);
    const [sql, values] = ctx.dataSource.driver.escapeQueryWithParameters(ALERTS_SQL(reach.sql), { ...reach.params, after: afterCursor(after) ?? null, limit });
    const rows: CaseAlert[] = await ctx.dataSource.query(sql, values);
    return rows.map((r) => Object.assign(new CaseAlert(), r, { kinds: r.kinds as CaseAlertKind[] }));
  }

  @FieldResolver(() => Measure, { nullable: true })
  measure(@Root() a: CaseAlert, @Ctx() ctx: Context): Promise<Measure | null> {
    return ctx.loaders.measure.load(a.id);
  }

  @FieldResolver(() => Beneficiary, { nullable: true })
  beneficiary(@Root() a: CaseAlert, @Ctx() ctx: Context): Promise<Beneficiary | null> {
    return ctx.loaders.beneficiary.load(a.beneficiaryId);
  }
}

@Resolver()
export class StatisticsResolver {
  @Query(() => L2717Export, { description: 'CASF L271-7: the year\'s aggregates for the State (no name, no id; small cells suppressed). PILOTAGE and ENCADRANT.' })
  async l2717Statistics(@Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<L2717Export> {
    requireRole(ctx.caller, [Role.PILOTAGE, Role.ENCADRANT], 'l2717Statistics');
    if (!Number.isInteger(year) || year < 2007 || year > 2100) throw badInput('year', '« year » est une année (2007 ou après).', '"year" is a year (2007 or later).');
    const [row] = await ctx.dataSource.query(`SELECT value FROM department.parameter WHERE key = 'STATS_SMALL_CELL' AND valid_from <= make_date($1, 12, 31) ORDER BY valid_from DESC LIMIT 1`, [year]);
    const threshold = Number(row?.value ?? 5);
    const cells: StatCell[] = await ctx.dataSource.query(STATISTICS_SQL, [year]);
    return Object.assign(new L2717Export(), { year, smallCellThreshold: threshold, cells: suppressSmallCells(cells, threshold) });
  }

  @Mutation(() => DepartmentParameter, { description: 'Sets a dated département parameter (new version from `validFrom`): ENCADRANT without territory (département-wide).' })
  async setDepartmentParameter(@Arg('input') input: SetDepartmentParameterInput, @Ctx() ctx: Context): Promise<DepartmentParameter> {
    requireRole(ctx.caller, [Role.ENCADRANT], 'setDepartmentParameter');
    if (ctx.caller.territory) throw userError('FORBIDDEN', 'Un paramètre départemental se fixe au niveau du département. / A département parameter is set département-wide.');
    const KEYS = ['CONTRACT_MIN_MONTHS', 'CONTRACT_MAX_MONTHS', 'TOTAL_MAX_MONTHS', 'AAH_ANNUAL_CENTS', 'SMIC_ANNUAL_CENTS', 'RESTE_A_VIVRE_FLOOR_CENTS', 'RESTE_A_VIVRE_PER_DEPENDANT_CENTS', 'STATS_SMALL_CELL'];
    if (!KEYS.includes(input.key)) throw badInput('key', `Paramètre inconnu (admis : ${KEYS.join(', ')}).`, `Unknown parameter (allowed: ${KEYS.join(', ')}).`);
    if (!Number.isInteger(input.value) || input.value < 0) throw badInput('value', '« value » est un entier positif.', '"value" is a non-negative integer.');
    if (input.key === 'TOTAL_MAX_MONTHS' && input.value > 48) throw badInput('value', 'CASF L271-2 : la durée totale ne peut excéder 48 mois.', 'CASF L271-2: the total cannot exceed 48 months.');
    const validFrom = requireDate('validFrom', input.validFrom);
    return ctx.dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO department.parameter (key, valid_from, value, source) VALUES ($1, $2, $3, $4)
        ON CONFLICT (key, valid_from) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source`, [input.key, validFrom, input.value, requireText('source', input.source)]);
      return tx.getRepository(DepartmentParameter).findOneByOrFail({ key: input.key, validFrom });
    });
  }
}

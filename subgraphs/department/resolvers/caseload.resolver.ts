import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { Beneficiary, CaseAlert, CaseAlertKind, Measure } from '../entities';
import { measureReach } from '../permissions/reach';
import { STATUTE } from '../rules/contract.rule';
import { Ctx as Context } from './support';

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

import { CaseAlert, CaseAlertKind } from '../entities';
import { measureReach } from '../permissions/reach';
import type { Ctx as Context } from './support';

/**
 * The measures in reach whose decision letter (contract, avenant, renewal, end, direct-payment judgment) can still be
 * contested today: its contestation deadline has not passed (letters/recourse.ts). Keyset-paged by measure id.
 */
const CONTESTATION_RUNNING_SQL = (reachSql: string) => `
  SELECT m.id, m.beneficiary_id AS "beneficiaryId", to_char(m.ends_on, 'YYYY-MM-DD') AS "endsOn"
    FROM department.measure m
   WHERE EXISTS (SELECT 1 FROM department.decision_letter l WHERE l.subject_id = m.id AND l.contest_until >= current_date)
     AND ${reachSql} AND (CAST(:after AS uuid) IS NULL OR m.id > CAST(:after AS uuid))
   ORDER BY m.id LIMIT :limit`;

/** caseloadAlerts' page with the CONTESTATION_DEADLINE_RUNNING alerts merged in (same order, same page size). */
export async function withContestationAlerts(
  ctx: Context,
  page: CaseAlert[],
  after: string | null,
  limit: number,
): Promise<CaseAlert[]> {
  const reach = measureReach(ctx.caller);
  const [sql, values] = ctx.dataSource.driver.escapeQueryWithParameters(CONTESTATION_RUNNING_SQL(reach.sql), {
    ...reach.params,
    after,
    limit,
  });
  const running: { id: string; beneficiaryId: string; endsOn: string }[] = await ctx.dataSource.query(sql, values);
  const byId = new Map(page.map((a) => [a.id, a]));
  const missing = running.filter((r) => !byId.has(r.id));
  const months = await Promise.all(missing.map((r) => ctx.loaders.cumulativeMonths.load(r.id)));
  for (const r of running) {
    const alert = byId.get(r.id);
    if (alert) alert.kinds = [...alert.kinds, CaseAlertKind.CONTESTATION_DEADLINE_RUNNING];
  }
  missing.forEach((r, i) =>
    byId.set(
      r.id,
      Object.assign(new CaseAlert(), r, {
        kinds: [CaseAlertKind.CONTESTATION_DEADLINE_RUNNING],
        cumulativeMonths: months[i]?.months ?? 0,
      }),
    ),
  );
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit);
}

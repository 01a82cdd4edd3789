/**
 * The mandataire subgraph's raw SQL, in one place: the statements and fragments its loaders, resolvers and row rules
 * (permissions/reach.ts) send to PostgreSQL, each rule written once. TypeORM query-builder chains stay with their
 * callers; their raw conditions come from here.
 */

// ─── The rules, each written once ────────────────────────────────────────────────────────────────────────────────

/** A MAJ running (not ended). */
export const MAJ_ACTIVE = (measure: string) => `${measure}.status = 'ACTIVE'`;

/**
 * A MAJ running on `on` by its dates (C. civ. 495-8): not ended, before its term (`ends_on`, the first day without it),
 * and its notice not closed by then. Reach compares dates, so it stops at the term before any job has run.
 */
export const MAJ_RUNNING_ON = (measure: string, on = 'current_date') =>
  `(${MAJ_ACTIVE(measure)} AND ${measure}.ends_on > ${on} AND NOT EXISTS (SELECT 1 FROM mandataire.maj_notice rn
      WHERE rn.notice_id = ${measure}.notice_id AND rn.closed_on <= ${on}))`;

/** A notice (alias `notice`) open on `on`: begun, before its term, not closed. */
export const NOTICE_OPEN_ON = (notice: string, on: string) =>
  `(${notice}.starts_on <= ${on} AND ${notice}.ends_on > ${on} AND (${notice}.closed_on IS NULL OR ${notice}.closed_on > ${on}))`;

// ─── Row rules (permissions/reach.ts), parameter :reachOrg ───────────────────────────────────────────────────────

/** MAJ (alias `measure`) assigned to the caller's MJPM service and running. */
export const MAJ_OF_SERVICE = (measure: string) =>
  `(${measure}.mandataire_org_id = :reachOrg AND ${MAJ_RUNNING_ON(measure)})`;

/** Notices (alias `notice`) the département sent the caller's MJPM service. */
export const NOTICE_OF_SERVICE = (notice: string) => `${notice}.mandataire_org_id = :reachOrg`;

/** Rows hanging off a MAJ (alias `row`, column `judicial_measure_id`): `reach` on the MAJ, alias `rj`. */
export const ROW_OF_MAJ = (row: string, reach: string) =>
  `EXISTS (SELECT 1 FROM mandataire.judicial_measure rj WHERE rj.id = ${row}.judicial_measure_id AND ${reach})`;

/** Rows about a person (alias `row`, column `beneficiary_id`): a MAJ of that person within `reach` (alias `rj`). */
export const ROW_OF_MAJ_PERSON = (row: string, reach: string) =>
  `EXISTS (SELECT 1 FROM mandataire.judicial_measure rj WHERE rj.beneficiary_id = ${row}.beneficiary_id AND ${reach})`;

// ─── Loaders: a one-to-many relation read a page at a time ───────────────────────────────────────────────────────

export type PageOrder = [column: string, direction: 'ASC' | 'DESC'][];

/**
 * The rows of `table` (alias `alias`) that come after the row `:after` in `order` (keyset pagination; every column in
 * the same direction).
 */
export function KEYSET_AFTER(alias: string, table: string, order: PageOrder): string {
  const direction = order[0][1];
  if (order.some(([, d]) => d !== direction)) throw new Error(`keyset order on ${table} mixes directions`);
  const columns = order.map(([c]) => c);
  const key = columns.length === 1 ? `${alias}.${columns[0]}` : `(${columns.map((c) => `${alias}.${c}`).join(', ')})`;
  return `${key} ${direction === 'DESC' ? '<' : '>'} (SELECT ${columns.map((c) => `c.${c}`).join(', ')} FROM mandataire.${table} c WHERE c.id = :after)`;
}

/** The ids of the first `:first` rows of each parent of `:ids` in `order`, after the row `:after` when `after`. */
export function PAGE_IDS(table: string, parentColumn: string, order: PageOrder, after: boolean): string {
  const cursor = after ? `AND ${KEYSET_AFTER('x', table, order)}` : '';
  const orderOf = (alias: string) => order.map(([c, d]) => `${alias}.${c} ${d}`).join(', ');
  return `SELECT id FROM (SELECT x.id, row_number() OVER (PARTITION BY x.${parentColumn} ORDER BY ${orderOf('x')}) AS rn
            FROM mandataire.${table} x WHERE x.${parentColumn} = ANY(:ids) ${cursor}) ranked WHERE rn <= :first`;
}

// ─── Resolvers ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Serialises, until commit, the writes that concern person `$1` (a transaction-scoped advisory lock). */
export const LOCK_PERSON_SQL = `SELECT pg_advisory_xact_lock(hashtextextended('mandataire.person:' || $1, 0))`;

/**
 * The opening balance of MAJ `$1` on `$2`, two ways: the sum of every earlier operation (`net`) and the ledger's
 * running balance (`last`).
 */
export const OPENING_BALANCE_SQL = `SELECT COALESCE(SUM(CASE WHEN direction = 'RECEIPT' THEN amount_cents ELSE -amount_cents END), 0)::bigint AS net,
              (SELECT balance_after_cents FROM mandataire.maj_account_operation
                 WHERE judicial_measure_id = $1 AND operation_date < $2 ORDER BY seq DESC LIMIT 1) AS last
         FROM mandataire.maj_account_operation WHERE judicial_measure_id = $1 AND operation_date < $2`;

/** The operations of MAJ `$1` from `$2` to before `$3`, in ledger order. */
export const OPERATIONS_BETWEEN_SQL = `SELECT kind, amount_cents, balance_after_cents FROM mandataire.maj_account_operation
        WHERE judicial_measure_id = $1 AND operation_date >= $2 AND operation_date < $3 ORDER BY seq`;

// ─── The MAJ from its notice (issue 17: every cross-partner fact from its legal source) ──────────────────────────

/**
 * The notice `$1` the département sent service `$3` for person `$2`, if still open on `$4` (or still to begin), locked
 * for the MAJ recorded from it; with the MAJ already recorded from it, if any.
 */
export const NOTICE_FOR_MAJ_SQL = `SELECT n.notice_id AS "noticeId", n.beneficiary_id AS "beneficiaryId",
    to_char(n.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(n.ends_on, 'YYYY-MM-DD') AS "endsOn",
    (SELECT j.id FROM mandataire.judicial_measure j WHERE j.notice_id = n.notice_id) AS "majId"
  FROM mandataire.maj_notice n
  WHERE n.notice_id = $1 AND n.beneficiary_id = $2 AND n.mandataire_org_id = $3
    AND n.ends_on > $4::date AND (n.closed_on IS NULL OR n.closed_on > $4::date)
  FOR UPDATE`;

/** The open notices (on `$3`) of person `$1` for service `$2`, newest first (the one a MAJ is recorded from). */
export const OPEN_NOTICES_SQL = `SELECT n.notice_id AS "noticeId" FROM mandataire.maj_notice n
  WHERE n.beneficiary_id = $1 AND n.mandataire_org_id = $2 AND n.ends_on > $3::date
    AND (n.closed_on IS NULL OR n.closed_on > $3::date)
    AND NOT EXISTS (SELECT 1 FROM mandataire.judicial_measure j WHERE j.notice_id = n.notice_id)
  ORDER BY n.starts_on DESC`;

/** handler `maj-notice.recorded`: keeps the notice once (its id is the département's). Returns the row if new. */
export const INSERT_NOTICE_SQL = `INSERT INTO mandataire.maj_notice
    (notice_id, beneficiary_id, mandataire_org_id, starts_on, ends_on, judgment_on, court, reference)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (notice_id) DO NOTHING RETURNING notice_id`;

/** handler `maj-notice.closed`: closes notice `$1` on `$2` for reason `$3` (the first close wins); returns it if so. */
export const CLOSE_NOTICE_SQL = `UPDATE mandataire.maj_notice SET closed_on = $2, close_reason = $3
  WHERE notice_id = $1 AND closed_on IS NULL RETURNING notice_id, beneficiary_id, mandataire_org_id`;

/** The running MAJ recorded from notice `$1`. */
export const MAJ_OF_NOTICE_SQL = `SELECT id FROM mandataire.judicial_measure WHERE notice_id = $1 AND status = 'ACTIVE' FOR UPDATE`;

/** The running MAJ of person `$1`, whichever service runs it. */
export const RUNNING_MAJ_OF_PERSON_SQL = `SELECT id FROM mandataire.judicial_measure WHERE beneficiary_id = $1 AND status = 'ACTIVE' FOR UPDATE`;

/** handler `protection.recorded`: keeps the département's measure once, under its id. Returns it if new. */
export const INSERT_RELAYED_PROTECTION_SQL = `INSERT INTO mandataire.protection_measure
    (id, beneficiary_id, kind, opened_on, ends_on, source) VALUES ($1, $2, $3, $4, $5, 'department')
  ON CONFLICT (id) DO NOTHING RETURNING id`;

/** handler `protection.recorded`: the MAJ a protection measure ended. */
export const SET_PROTECTION_ENDED_MAJ_SQL = `UPDATE mandataire.protection_measure SET ended_judicial_measure_id = $2 WHERE id = $1`;

/** handler `lease.known`: the lease as the département last relayed it. */
export const UPSERT_KNOWN_LEASE_SQL = `INSERT INTO mandataire.known_lease
    (lease_id, beneficiary_id, landlord_org_id, mandataire_org_id, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (lease_id) DO UPDATE SET beneficiary_id = EXCLUDED.beneficiary_id, landlord_org_id = EXCLUDED.landlord_org_id,
    mandataire_org_id = EXCLUDED.mandataire_org_id, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on,
    received_at = now()`;

/** A rent payment (C. civ. 495-7): lease `$1` is one of person `$2`'s, as the département relayed it. */
export const LEASE_OF_PERSON_SQL = `SELECT 1 FROM mandataire.known_lease WHERE lease_id = $1 AND beneficiary_id = $2`;

/**
 * The scheduled end (job `end-majs-past-term`): the running MAJ past their term on `$1`, or whose notice closed by
 * then, with the day and reason they end.
 */
export const MAJ_DUE_TO_END_SQL = `SELECT j.id,
    CASE WHEN n.closed_on IS NOT NULL AND n.closed_on <= $1::date AND n.closed_on < j.ends_on
         THEN to_char(GREATEST(n.closed_on, j.starts_on), 'YYYY-MM-DD') ELSE to_char(j.ends_on, 'YYYY-MM-DD') END AS "endedOn",
    CASE WHEN n.closed_on IS NOT NULL AND n.closed_on <= $1::date AND n.closed_on < j.ends_on
         THEN n.close_reason ELSE 'TERM' END AS "closeReason"
  FROM mandataire.judicial_measure j LEFT JOIN mandataire.maj_notice n ON n.notice_id = j.notice_id
  WHERE j.status = 'ACTIVE' AND (j.ends_on <= $1::date OR n.closed_on <= $1::date)
  ORDER BY j.id FOR UPDATE OF j`;

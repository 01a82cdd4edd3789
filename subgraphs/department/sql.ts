/**
 * The department subgraph's raw SQL, in one place: the statements and fragments its loaders, resolvers and row rules
 * (permissions/reach.ts) send to PostgreSQL. Each rule of the law is written once, as a fragment, and reused by every
 * statement that needs it. Fragments take the SQL they apply to (an alias, a column, a `$n` or `:name` parameter).
 * TypeORM query-builder chains stay with their callers; their raw conditions come from here.
 */
import { PARAMETER_RANGES } from './rules/parameter.rule';
import { ARREARS_MONTHS, ENDING_WINDOW_DAYS } from './rules/alerts.rule';

// ─── The rules, each written once ────────────────────────────────────────────────────────────────────────────────

/** A MASP contract (levels 1 and 2, CASF L271-2), as opposed to a MASP 3 ordered by the judge (L271-5). */
export const IS_CONTRACT = (measure: string) => `${measure}.level IN ('MASP_1', 'MASP_2')`;

/** A measure in force (signed, not ended). */
export const MEASURE_ACTIVE = (measure: string) => `${measure}.status = 'ACTIVE'`;

/**
 * A dated row (delegation, MAJ notice, protection measure) in force on `on`: begun, not ended. `ends_on` is exclusive
 * (the first day without it), so that ending a delegation or a MAJ today removes the reach at once.
 */
const inForceOn = (row: string, on: string) =>
  `${row}.starts_on <= ${on} AND (${row}.ends_on IS NULL OR ${row}.ends_on > ${on})`;

/**
 * A dated row not ended on `on`: in force then, or still to begin (what a new row would overlap, what an end cuts
 * short).
 */
const notEndedOn = (row: string, on: string) => `(${row}.ends_on IS NULL OR ${row}.ends_on > ${on})`;

/** A delegation (CASF L271-3) in force on `on` (default today): its association's DELEGUE reaches the measure. */
export const DELEGATION_IN_FORCE = (delegation: string, on = 'current_date') => inForceOn(delegation, on);
/** A delegation not ended on `on`: the one a new delegation would overlap, or that ending the measure ends. */
export const DELEGATION_NOT_ENDED = notEndedOn;

/**
 * CASF L271-2: a contract not renewed by its term ends at its term — from that day (`ends_on`, exclusive) its
 * delegation gives no reach, whether or not the scheduled job (end-contracts-at-term) has marked it ended yet.
 */
export const CONTRACT_TERM_NOT_PASSED = (measure: string, on = 'current_date') => `${measure}.ends_on > ${on}`;

/** A MAJ (C. civ. 495-8) in force on `on` (default today): the MJPM service its notice names reaches the person. */
export const MAJ_IN_FORCE = (notice: string, on = 'current_date') => inForceOn(notice, on);
/** A MAJ notice not ended on `on`: one MAJ at a time (practice); a protection measure ends it (C. civ. 495-1). */
export const MAJ_NOT_ENDED = notEndedOn;

/** A legal protection measure (tutelle, curatelle…) in force on `on`: it bars a MASP without override and a MAJ. */
export const PROTECTION_IN_FORCE = (protection: string, on: string) => inForceOn(protection, on);

/** An L271-6 report not yet decided by the procureur: the MEDECIN reaches the person, its annex is still open. */
export const REPORT_OPEN = (report: string) => `${report}.status <> 'DECIDED'`;

/** Months run by one measure: the sum of its terms (the 48-month count of a MASP 3, L271-5). */
export const MEASURE_MONTHS = (measureId: string) =>
  `(SELECT COALESCE(SUM(mt.months), 0) FROM department.measure_term mt WHERE mt.measure_id = ${measureId})`;

/**
 * Months already used of the 48-month cap of CASF L271-2 (levels 1 and 2 together) by a person, for a contract starting
 * on `on`: the terms of the person's MASP 1/2 since the last MAJ that started before (a MASP may follow a MAJ that
 * ended,
 * L271-1 al. 3, and starts a new count). An integer-valued SQL expression.
 */
export const USED_MONTHS = (
  personId: string,
  on: string,
) => `(SELECT COALESCE(SUM(ut.months), 0) FROM department.measure_term ut
    JOIN department.measure um ON um.id = ut.measure_id
    WHERE um.beneficiary_id = ${personId} AND ${IS_CONTRACT('um')}
      AND um.starts_on >= COALESCE((SELECT max(un.starts_on) FROM department.maj_notice un
                                    WHERE un.beneficiary_id = ${personId} AND un.starts_on <= ${on}), '-infinity'::date))`;

// ─── Row rules (permissions/reach.ts, loaders): parameters :reachSub, :reachTerritory, :reachOrg ─────────────────

/** Persons (alias `person` = department.beneficiary), by role of the caller. */
export const PERSON_REACH = {
  /** An archived file (retention/, CNIL) is no longer the référent's: the encadrant still reaches it. */
  referent: (person: string) => `${person}.referent_sub = :reachSub AND ${person}.archived_on IS NULL`,
  territory: (person: string) => `${person}.territory = :reachTerritory`,
  /** An open L271-6 procedure, or a medical annex written. */
  medicalProcedure: (
    person: string,
  ) => `(EXISTS (SELECT 1 FROM department.l271_6_report rr WHERE rr.beneficiary_id = ${person}.id AND ${REPORT_OPEN('rr')})
        OR EXISTS (SELECT 1 FROM department.medical_annex ra WHERE ra.beneficiary_id = ${person}.id))`,
  /** A measure delegated to the caller's association. */
  delegated: (
    person: string,
  ) => `EXISTS (SELECT 1 FROM department.delegation rd JOIN department.measure rm ON rm.id = rd.measure_id
        WHERE rm.beneficiary_id = ${person}.id AND rd.association_org_id = :reachOrg AND ${DELEGATION_IN_FORCE('rd')}
          AND ${CONTRACT_TERM_NOT_PASSED('rm')})`,
  /** A MAJ run by the caller's MJPM service. */
  maj: (person: string) => `EXISTS (SELECT 1 FROM department.maj_notice rn
        WHERE rn.beneficiary_id = ${person}.id AND rn.mandataire_org_id = :reachOrg AND ${MAJ_IN_FORCE('rn')})`,
};

/** Measures (alias `measure`): the délégataire's own delegated measure; everybody else through the person. */
export const MEASURE_REACH = {
  delegated: (measure: string) =>
    `(EXISTS (SELECT 1 FROM department.delegation rd WHERE rd.measure_id = ${measure}.id AND rd.association_org_id = :reachOrg AND ${DELEGATION_IN_FORCE('rd')})
      AND ${CONTRACT_TERM_NOT_PASSED(measure)})`,
  /** `personReach` on alias `rb`; `personIds` (an SQL array) bounds the persons whose reach is checked. */
  viaPerson: (measure: string, personReach: string, personIds?: string) =>
    `EXISTS (SELECT 1 FROM department.beneficiary rb WHERE rb.id = ${measure}.beneficiary_id${personIds ? ` AND rb.id = ANY(${personIds})` : ''} AND ${personReach})`,
};

/**
 * Rows hanging off a person or a measure (alias `row`, column `beneficiary_id` or `measure_id`), reached through them:
 * `reach` is the person's (measure's) reach on alias `${row}_rb` (`${row}_rm`); `within` (an SQL array) bounds the
 * persons (measures) checked to the batch's.
 */
export const ROW_OF_PERSON = (row: string, reach: string, within?: string) =>
  `EXISTS (SELECT 1 FROM department.beneficiary ${row}_rb WHERE ${row}_rb.id = ${row}.beneficiary_id${within ? ` AND ${row}_rb.id = ANY(${within})` : ''} AND ${reach})`;
export const ROW_OF_MEASURE = (row: string, reach: string, within?: string) =>
  `EXISTS (SELECT 1 FROM department.measure ${row}_rm WHERE ${row}_rm.id = ${row}.measure_id${within ? ` AND ${row}_rm.id = ANY(${within})` : ''} AND ${reach})`;

// ─── Loaders ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * The 48-month count of each measure of `$1`: MASP 3 its own terms; MASP 1/2 the person's terms since the last MAJ
 * before it.
 */
export const CUMULATIVE_MONTHS_SQL = `
  SELECT m.id, CASE WHEN m.level = 'MASP_3' THEN ${MEASURE_MONTHS('m.id')} ELSE ${USED_MONTHS('m.beneficiary_id', 'm.starts_on')} END::int AS months
  FROM department.measure m WHERE m.id = ANY($1)`;

// ─── Shared by the procedures (resolvers/support.ts) ─────────────────────────────────────────────────────────────

/** Locks the person `$1`'s row: writes on one file are serialised. */
export const LOCK_PERSON_SQL = 'SELECT id FROM department.beneficiary WHERE id = $1 FOR UPDATE';

/** Locks the row of the person of measure `$1`. */
export const LOCK_PERSON_OF_MEASURE_SQL =
  'SELECT id FROM department.beneficiary WHERE id = (SELECT beneficiary_id FROM department.measure WHERE id = $1) FOR UPDATE';

/** The département's parameters in force on `$1` (latest `valid_from` on or before it). */
export const PARAMETERS_ON_SQL = `SELECT DISTINCT ON (key) key, value FROM department.parameter WHERE valid_from <= $1 ORDER BY key, valid_from DESC`;

/** Months already used of the 48-month cap by person `$1` for a contract starting on `$2` (see USED_MONTHS). */
export const USED_MONTHS_SQL = `SELECT ${USED_MONTHS('$1', '$2')}::int AS used`;

/** Months already run by measure `$1` (its terms): the 48-month cap read per measure (MASP_CAP_READING). */
export const MEASURE_USED_MONTHS_SQL = `SELECT ${MEASURE_MONTHS('$1')}::int AS used`;

/**
 * maj.recorded (C. civ. 495-1: a MAJ only when the MASP failed): the MASP contracts of person `$1` still marked in
 * force (oldest first).
 */
export const CONTRACTS_RUNNING_ON_SQL = `SELECT m.id FROM department.measure m
  WHERE m.beneficiary_id = $1 AND ${MEASURE_ACTIVE('m')} AND ${IS_CONTRACT('m')} ORDER BY m.starts_on, m.id`;

/** maj.recorded: measure `$1`'s dates, the person's référent, the département that recorded the last notice. */
export const MEASURE_FOR_MAJ_END_SQL = `SELECT to_char(m.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(m.ends_on, 'YYYY-MM-DD') AS "endsOn",
    b.referent_sub AS "referentSub",
    (SELECT n.recorded_by_org_id FROM department.maj_notice n WHERE n.beneficiary_id = m.beneficiary_id
      ORDER BY n.starts_on DESC LIMIT 1) AS "orgId"
  FROM department.measure m JOIN department.beneficiary b ON b.id = m.beneficiary_id WHERE m.id = $1`;

/** maj.recorded: the last term of measure `$1` (after the terms not yet begun were dropped). */
export const LAST_TERM_SQL = `SELECT id, to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
  FROM department.measure_term WHERE measure_id = $1 ORDER BY seq DESC LIMIT 1`;

/** maj.recorded: term `$1` ends on `$2` having run `$3` months (the 48-month count). */
export const TRIM_TERM_SQL = `UPDATE department.measure_term SET ends_on = $2, months = $3 WHERE id = $1`;

/** maj.recorded: measure `$1`, still in force, ends on `$2` for reason `$3`. */
export const END_MEASURE_FOR_MAJ_SQL = `UPDATE department.measure SET status = 'ENDED', ended_on = $2, ends_on = $2, end_reason = $3
  WHERE id = $1 AND status = 'ACTIVE'`;

/** The kinds of the legal protection measures of person `$1` in force on `$2`. */
export const PROTECTIONS_IN_FORCE_SQL = `SELECT p.kind FROM department.protection_measure p WHERE p.beneficiary_id = $1 AND ${PROTECTION_IN_FORCE('p', '$2')}`;

// ─── Procedures (resolvers/*.resolver.ts) ────────────────────────────────────────────────────────────────────────

/** contract: person `$1` already has a MASP contract proposed or in force. */
export const OPEN_CONTRACT_SQL = `SELECT 1 FROM department.measure m WHERE m.beneficiary_id = $1 AND ${IS_CONTRACT('m')} AND m.status IN ('PROPOSED', 'ACTIVE')`;

/** contract: a MAJ of person `$1` in force on `$2`. */
export const MAJ_IN_FORCE_SQL = `SELECT 1 FROM department.maj_notice n WHERE n.beneficiary_id = $1 AND ${MAJ_IN_FORCE('n', '$2')}`;

/** contract (ending a measure `$1` on `$2`): terms not yet begun are dropped (the first stays). */
export const DROP_TERMS_FROM_SQL = `DELETE FROM department.measure_term WHERE measure_id = $1 AND seq > 1 AND starts_on >= $2`;

/** contract (ending a measure `$1` on `$2`): its delegations not yet ended end the same day. */
export const END_DELEGATIONS_OF_MEASURE_SQL = `UPDATE department.delegation d SET ends_on = GREATEST(d.starts_on, $2::date), end_reason = COALESCE(d.end_reason, 'MEASURE_ENDED')
    WHERE d.measure_id = $1 AND ${DELEGATION_NOT_ENDED('d', '$2::date')}`;

/** contract (ending a measure `$1` on `$2`): as END_DELEGATIONS_OF_MEASURE_SQL, returning the delegations ended. */
export const END_DELEGATIONS_OF_MEASURE_RETURNING_SQL = `${END_DELEGATIONS_OF_MEASURE_SQL}
    RETURNING d.id, d.measure_id AS "measureId", d.beneficiary_id AS "beneficiaryId", d.association_org_id AS "associationOrgId",
      to_char(d.ends_on, 'YYYY-MM-DD') AS "endsOn", d.end_reason AS "endReason"`;

/** delegation lifecycle: the delegations of measure `$1` not ended on `$2` (what a renewal or an avenant tells). */
export const DELEGATIONS_NOT_ENDED_SQL = `SELECT d.id FROM department.delegation d WHERE d.measure_id = $1 AND ${DELEGATION_NOT_ENDED('d', '$2::date')} ORDER BY d.starts_on`;

/**
 * end-contracts-at-term (CASF L271-2): the contracts still marked in force whose term passed on `$1` (each is then
 * locked person first, as the procedures do, and checked again).
 */
export const CONTRACTS_PAST_TERM_SQL = `SELECT m.id FROM department.measure m
  WHERE ${MEASURE_ACTIVE('m')} AND ${IS_CONTRACT('m')} AND NOT ${CONTRACT_TERM_NOT_PASSED('m', '$1::date')}
  ORDER BY m.id`;

/** delegation: measure `$1` has a delegation not ended on `$2`. */
export const OPEN_DELEGATION_SQL = `SELECT 1 FROM department.delegation d WHERE d.measure_id = $1 AND ${DELEGATION_NOT_ENDED('d', '$2')}`;

/**
 * direct payment (L271-5): person `$1` refused the contract or breached it, a recorded refusal or a measure ended so.
 */
export const REFUSAL_OR_BREACH_SQL = `SELECT EXISTS (SELECT 1 FROM department.contract_refusal WHERE beneficiary_id = $1)
  OR EXISTS (SELECT 1 FROM department.measure WHERE beneficiary_id = $1 AND end_reason = 'REFUSAL_OR_BREACH') AS found`;

/** L271-6: person `$1` had a MASP contract, or refused one. */
export const MASP_FAILED_SQL = `SELECT EXISTS (SELECT 1 FROM department.measure m WHERE m.beneficiary_id = $1 AND ${IS_CONTRACT('m')})
        OR EXISTS (SELECT 1 FROM department.contract_refusal WHERE beneficiary_id = $1) AS found`;

/** L271-6: sending report `$1` on `$2` seals its medical annex. */
export const SEAL_ANNEX_SQL = `UPDATE department.medical_annex SET sealed_on = $2 WHERE report_id = $1 AND sealed_on IS NULL`;

/** MAJ notice: person `$1` has a MAJ notice not ended on `$2`. */
export const MAJ_NOT_ENDED_SQL = `SELECT 1 FROM department.maj_notice n WHERE n.beneficiary_id = $1 AND ${MAJ_NOT_ENDED('n', '$2')}`;

/** Parameters: a new version of parameter `$1` from `$2` (value `$3`, source `$4`). */
export const SET_PARAMETER_SQL = `INSERT INTO department.parameter (key, valid_from, value, source) VALUES ($1, $2, $3, $4)
        ON CONFLICT (key, valid_from) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source`;

/** L271-7: the small-cell threshold in force on the last day of year `$1`. */
export const SMALL_CELL_THRESHOLD_SQL = `SELECT value FROM department.parameter WHERE key = 'STATS_SMALL_CELL' AND valid_from <= make_date($1, 12, 31) ORDER BY valid_from DESC LIMIT 1`;

/**
 * The caseload's alerts (rules/alerts.rule.ts), one SQL per kind, each over the rows of ONE person (`:person`, in the
 * caller's reach) and yielding the same columns: kind, subject (the row it stems from), beneficiary_id, measure_id,
 * on_date (its date), ends_on (the measure's term), cumulative (months of the 48-month cap). What they may use
 * (ALERTS_SQL): `params` (cap, validity), `contracts` (the person's active contracts in reach, alias-free columns),
 * `:staff` (true when the caller reaches the person as département staff: the kinds on a person's situation are theirs
 * alone). To add a kind: an entry here and a value of CaseAlertKind.
 */
const ALERT_COLUMNS = (
  kind: string,
  subject: string,
  person: string,
  measure: string,
  on: string,
  endsOn = 'NULL::date',
  cumulative = 'NULL::int',
) =>
  `SELECT '${kind}'::text AS kind, (${subject})::text AS subject, ${person} AS beneficiary_id, ${measure} AS measure_id, ${on}::date AS on_date, ${endsOn} AS ends_on, ${cumulative} AS cumulative`;
const CONTRACT_ALERT = (kind: string, where: string) =>
  `${ALERT_COLUMNS(kind, 'c.id', 'c.beneficiary_id', 'c.id', 'c.ends_on', 'c.ends_on', 'c.cumulative')} FROM contracts c, params WHERE ${where}`;
export const ALERT_KIND_SQL: Record<string, string> = {
  /** CASF L271-2: the term falls after today and within the window. */
  ENDING_WITHIN_30_DAYS: CONTRACT_ALERT(
    'ENDING_WITHIN_30_DAYS',
    `c.ends_on > current_date AND c.ends_on <= current_date + ${ENDING_WINDOW_DAYS}`,
  ),
  /** CASF L271-2: a contract still in force whose term passed (ends_on exclusive). */
  CONTRACT_PAST_TERM: CONTRACT_ALERT('CONTRACT_PAST_TERM', `c.ends_on <= current_date`),
  /** CASF L271-2: the 48-month cap (a dated parameter) is reached within 3 months. */
  TOTAL_CAP_WITHIN_3_MONTHS: CONTRACT_ALERT(
    'TOTAL_CAP_WITHIN_3_MONTHS',
    `(c.term_starts_on + make_interval(months => params.cap - c.cumulative + c.term_months))::date <= (current_date + interval '3 months')::date`,
  ),
  /** CASF L271-2: renewable, term within the window or passed, no evaluation since the term began. */
  RENEWAL_WITHOUT_EVALUATION: CONTRACT_ALERT(
    'RENEWAL_WITHOUT_EVALUATION',
    `c.ends_on <= current_date + ${ENDING_WINDOW_DAYS} AND c.cumulative < params.cap AND NOT c.evaluated`,
  ),
  /** CASF L271-5: a direct payment whose last day paid is today or within the window. */
  DIRECT_PAYMENT_ENDING: `${ALERT_COLUMNS('DIRECT_PAYMENT_ENDING', 'po.id', 'po.beneficiary_id', 'po.measure_id', 'po.ends_on', 'm.ends_on')}
    FROM department.measure m JOIN department.payment_order po ON po.measure_id = m.id
    WHERE m.beneficiary_id = :person AND po.status = 'ACTIVE' AND po.ends_on BETWEEN current_date AND current_date + ${ENDING_WINDOW_DAYS} AND :measureReach`,
  /** CASF L271-5: two months unpaid on a lease still running, no request filed on them (nor on the lease since). */
  ARREARS_TWO_MONTHS: `${ALERT_COLUMNS('ARREARS_TWO_MONTHS', 'a.id', 'a.beneficiary_id', 'NULL::uuid', 'a.reached_on')}
    FROM department.arrears_fact a
    WHERE :staff AND a.beneficiary_id = :person AND cardinality(a.unpaid_months) >= ${ARREARS_MONTHS}
      AND NOT EXISTS (SELECT 1 FROM department.lease_fact l WHERE l.lease_id = a.lease_id AND l.ends_on <= current_date)
      AND NOT EXISTS (SELECT 1 FROM department.direct_payment_request r WHERE r.arrears_fact_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM department.direct_payment_request r WHERE r.lease_id = a.lease_id AND r.requested_on >= a.reached_on)`,
  /** C. civ. 495-8: a MAJ (its notice, not closed) ending within the window. */
  MAJ_ENDING: `${ALERT_COLUMNS('MAJ_ENDING', 'n.id', 'n.beneficiary_id', 'NULL::uuid', 'n.ends_on')}
    FROM department.maj_notice n
    WHERE :staff AND n.beneficiary_id = :person
      AND n.closed_on IS NULL AND n.ends_on > current_date AND n.ends_on <= current_date + ${ENDING_WINDOW_DAYS}`,
  /** A legal protection measure begun while a MASP in force runs (from its start, before its term). */
  PROTECTION_OPENED_DURING_MASP: `${ALERT_COLUMNS('PROTECTION_OPENED_DURING_MASP', `pm.id::text || '/' || m.id::text`, 'pm.beneficiary_id', 'm.id', 'pm.starts_on', 'm.ends_on')}
    FROM department.protection_measure pm
    JOIN department.measure m ON m.beneficiary_id = pm.beneficiary_id AND ${MEASURE_ACTIVE('m')}
    WHERE :staff AND pm.beneficiary_id = :person AND pm.starts_on >= m.starts_on AND pm.starts_on < m.ends_on`,
  /**
   * CASF L271-1: a contract proposed, or in force and due for renewal (term within the window or passed), whose
   * person's latest eligibility check is older than its validity (ELIGIBILITY_VALIDITY_MONTHS, default 6).
   */
  ELIGIBILITY_EXPIRED: `${ALERT_COLUMNS('ELIGIBILITY_EXPIRED', `e.id::text || '/' || m.id::text`, 'm.beneficiary_id', 'm.id', `(e.checked_on + make_interval(months => params.validity))`, 'm.ends_on')}
    FROM department.measure m CROSS JOIN params
    JOIN LATERAL (SELECT ec.id, ec.checked_on FROM department.eligibility_check ec WHERE ec.beneficiary_id = m.beneficiary_id
                  ORDER BY ec.checked_on DESC, ec.created_at DESC LIMIT 1) e ON TRUE
    WHERE :staff AND m.beneficiary_id = :person
      AND ${IS_CONTRACT('m')} AND (m.status = 'PROPOSED' OR (${MEASURE_ACTIVE('m')} AND m.ends_on <= current_date + ${ENDING_WINDOW_DAYS}))
      AND (e.checked_on + make_interval(months => params.validity))::date <= current_date`,
  /**
   * CJA R421-1 (a judgment: CPC 538): a decision letter on a measure in reach whose contestation deadline has not
   * passed (letters/recourse.ts); date: the last day to contest.
   */
  CONTESTATION_DEADLINE_RUNNING: `${ALERT_COLUMNS('CONTESTATION_DEADLINE_RUNNING', 'l.id', 'm.beneficiary_id', 'm.id', 'l.contest_until', 'm.ends_on')}
    FROM department.measure m JOIN department.decision_letter l ON l.subject_id = m.id
    WHERE m.beneficiary_id = :person AND l.contest_until >= current_date AND :measureReach`,
};

/**
 * The value of parameter `key` in force on `on`, as `parameterInForce` reads it (rules/parameter.rule.ts): the latest
 * row's value when it lies in the key's range, else (none, or an older row out of range) the range's fallback.
 */
export const PARAMETER_IN_FORCE = (key: keyof typeof PARAMETER_RANGES, on = 'current_date') => {
  const r = PARAMETER_RANGES[key];
  return `COALESCE((SELECT CASE WHEN value BETWEEN ${r.min} AND ${r.max} THEN value END FROM department.parameter
    WHERE key = '${key}' AND valid_from <= ${on} ORDER BY valid_from DESC LIMIT 1), ${r.fallback})::int`;
};

/**
 * The caseload's alerts, every kind of ALERT_KIND_SQL in one statement (never one query per kind or per measure),
 * ordered by person (the caseload's own order), then by the alert's stable key (md5 of kind and subject). The
 * persons are walked in id order and each one's alerts computed beside it, so that a page stops at the persons it
 * shows instead of computing a whole caseload's alerts to sort them (issue 21: a référent of 7,500 files at 100×).
 * `reach`: `outer`, the caller's reach on persons (alias `b`), a bound on every kind's rows; `person`, the same as
 * département staff (alias `b`: the kinds on a person's situation); `measure`, the reach on measures (alias `m`).
 * `page`: `after`, whether a cursor is given (named parameters :afterPerson, :afterKey: the id of the previous page's
 * last alert is `<person>:<key>`), and `limit`, the page size, written into the text. A first page thus has no
 * parameter that moves PostgreSQL's estimates (a cursor that may be NULL, an unknown LIMIT), so that its plan cache
 * settles on a generic plan after five executions of the prepared statement (kit/db/loaders.ts `readRows`): at 100×,
 * 0.04 ms of planning per page instead of 2 ms for a custom plan, for the same execution
 * (test/bench/levers/README.md, session 10).
 */
export const ALERTS_SQL = (
  reach: { outer: string; measure: string; person: string },
  page: { after: boolean; limit: number },
) => `
  WITH params AS (
    -- the département's parameters in force today, read in the same statement (one round trip): the 48-month cap
    -- (CASF L271-2) and the validity of an eligibility check
    SELECT ${PARAMETER_IN_FORCE('TOTAL_MAX_MONTHS')} AS cap,
           ${PARAMETER_IN_FORCE('ELIGIBILITY_VALIDITY_MONTHS')} AS validity
  )
  SELECT pr.id::text || ':' || a.key::text AS id, a.kind, to_char(a.on_date, 'YYYY-MM-DD') AS date,
    a.beneficiary_id AS "beneficiaryId", a.measure_id AS "measureId", to_char(a.ends_on, 'YYYY-MM-DD') AS "endsOn",
    a.cumulative AS "cumulativeMonths"
  FROM (
    SELECT b.id, (${reach.person}) AS staff FROM department.beneficiary b
    WHERE ${reach.outer}${page.after ? ' AND b.id >= CAST(:afterPerson AS uuid)' : ''}
    -- no ORDER BY here: the subquery is then planned with the page's LIMIT, walking an index in id order
  ) pr
  CROSS JOIN LATERAL (
    SELECT md5(k.kind || ':' || k.subject)::uuid AS key, k.* FROM (
      WITH contracts AS (
        SELECT m.id, m.beneficiary_id, m.ends_on,
          t.starts_on AS term_starts_on, t.months AS term_months, ${USED_MONTHS('m.beneficiary_id', 'm.starts_on')}::int AS cumulative,
          EXISTS (SELECT 1 FROM department.evaluation e WHERE e.beneficiary_id = m.beneficiary_id AND e.evaluated_on >= t.starts_on) AS evaluated
        FROM department.measure m
        JOIN LATERAL (SELECT starts_on, months FROM department.measure_term WHERE measure_id = m.id ORDER BY seq DESC LIMIT 1) t ON TRUE
        WHERE m.beneficiary_id = pr.id AND ${MEASURE_ACTIVE('m')} AND ${IS_CONTRACT('m')} AND ${reach.measure}
      )
      ${Object.values(ALERT_KIND_SQL)
        .map((q) =>
          q
            .replace(/:measureReach/g, () => reach.measure)
            .replace(/:person\b/g, 'pr.id')
            .replace(/:staff\b/g, 'pr.staff'),
        )
        .join('\n      UNION ALL ')}
    ) k
  ) a
  ${page.after ? 'WHERE (pr.id, a.key) > (CAST(:afterPerson AS uuid), CAST(:afterKey AS uuid))' : ''}
  ORDER BY pr.id, a.key LIMIT ${Math.trunc(page.limit)}`;

/** L271-7 indicators for year `$1` (⚠ a reconstructed list): one GROUP BY per indicator, all in one statement. */
export const STATISTICS_SQL = `
  WITH y AS (SELECT make_date($1, 1, 1) AS first_day, make_date($1, 12, 31) AS last_day),
  stock AS (SELECT m.*, b.birth_date, b.sex, b.household_type FROM department.measure m JOIN department.beneficiary b ON b.id = m.beneficiary_id, y
            WHERE m.starts_on <= y.last_day AND m.ends_on > y.last_day AND m.status <> 'PROPOSED'),
  started AS (SELECT m.* FROM department.measure m, y WHERE m.starts_on BETWEEN y.first_day AND y.last_day),
  ended AS (SELECT m.* FROM department.measure m, y WHERE m.ended_on BETWEEN y.first_day AND y.last_day),
  -- measures in force some day of the year (signed, begun by its last day, not ended by its first)
  in_year AS (SELECT m.* FROM department.measure m, y WHERE m.status IN ('ACTIVE', 'ENDED') AND m.starts_on <= y.last_day
              AND COALESCE(m.ended_on, m.ends_on) > y.first_day)
  SELECT 'STOCK_31_12_BY_LEVEL' AS indicator, level::text AS dimension, count(*)::int AS count FROM stock GROUP BY level
  UNION ALL SELECT 'STOCK_31_12_BY_SEX', COALESCE(sex, 'UNKNOWN'), count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_BY_HOUSEHOLD', COALESCE(household_type, 'UNKNOWN'), count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_BY_AGE_BAND', CASE WHEN a < 25 THEN '18-24' WHEN a < 40 THEN '25-39' WHEN a < 60 THEN '40-59' ELSE '60+' END, count(*)::int
    FROM (SELECT date_part('year', age(make_date($1, 12, 31), birth_date))::int AS a FROM stock) s GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_DELEGATED', CASE WHEN EXISTS (SELECT 1 FROM department.delegation d, y WHERE d.measure_id = stock.id
    AND ${DELEGATION_IN_FORCE('d', 'y.last_day')}) THEN 'DELEGATED' ELSE 'IN_HOUSE' END, count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'STOCK_31_12_CONTRIBUTION', CASE WHEN COALESCE(contribution_monthly_cents, 0) > 0 THEN 'CHARGED' ELSE 'NONE' END, count(*)::int FROM stock GROUP BY 2
  UNION ALL SELECT 'NEW_MEASURES_BY_LEVEL', level::text, count(*)::int FROM started GROUP BY level
  UNION ALL SELECT 'ENDED_BY_REASON', COALESCE(end_reason, 'UNKNOWN'), count(*)::int FROM ended GROUP BY 2
  UNION ALL SELECT 'ENDED_DURATION_MONTHS', CASE WHEN months < 12 THEN '<12' WHEN months < 24 THEN '12-23' WHEN months < 36 THEN '24-35' ELSE '36-48' END, count(*)::int
    FROM (SELECT ${MEASURE_MONTHS('ended.id')} AS months FROM ended) s GROUP BY 2
  UNION ALL SELECT 'RENEWALS', 'TOTAL', count(*)::int FROM department.measure_term t, y WHERE t.seq > 1 AND t.decided_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'BENEFITS_MANAGED', k, count(*)::int FROM stock, unnest(stock.managed_benefits) k GROUP BY k
  UNION ALL SELECT 'DIRECT_PAYMENT_REQUESTS', status, count(*)::int FROM department.direct_payment_request r, y WHERE r.requested_on BETWEEN y.first_day AND y.last_day GROUP BY status
  UNION ALL SELECT 'DIRECT_PAYMENT_JUDGMENTS', 'TOTAL', count(*)::int FROM department.direct_payment_judgment j, y WHERE j.judgment_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'L271_6_REPORTS_SENT', 'TOTAL', count(*)::int FROM department.l271_6_report r, y WHERE r.sent_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'L271_6_DECISIONS', decision_outcome, count(*)::int FROM department.l271_6_report r, y WHERE r.decided_on BETWEEN y.first_day AND y.last_day GROUP BY decision_outcome
  -- issue 18 (the complete export, exports/l271-7-layout.md): persons and measures of the year, délégataire types,
  -- refusals, dismissals, MAJ
  UNION ALL SELECT 'MEASURES_IN_YEAR_BY_LEVEL', level::text, count(*)::int FROM in_year GROUP BY level
  UNION ALL SELECT 'PERSONS_IN_YEAR_BY_LEVEL', level::text, count(DISTINCT beneficiary_id)::int FROM in_year GROUP BY level
  UNION ALL SELECT 'PERSONS_IN_YEAR', 'TOTAL', count(DISTINCT beneficiary_id)::int FROM in_year
  UNION ALL SELECT 'DELEGATED_IN_YEAR_BY_DELEGATAIRE_KIND', COALESCE(dk.kind::text, 'UNREGISTERED'), count(DISTINCT d.measure_id)::int
    FROM department.delegation d CROSS JOIN y
    LEFT JOIN department.delegation_convention dc ON dc.id = d.convention_id
    LEFT JOIN department.delegataire dk ON dk.id = dc.organisation_id
    WHERE d.starts_on <= y.last_day AND (d.ends_on IS NULL OR d.ends_on > y.first_day) GROUP BY 2
  UNION ALL SELECT 'CONTRACT_REFUSALS', 'TOTAL', count(*)::int FROM department.contract_refusal cr, y WHERE cr.recorded_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'L271_5_REQUESTS_DISMISSED', 'TOTAL', count(*)::int FROM department.direct_payment_request r, y
    WHERE r.status = 'DISMISSED' AND r.requested_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'MAJ_STARTED', 'TOTAL', count(*)::int FROM department.maj_notice n, y WHERE n.starts_on BETWEEN y.first_day AND y.last_day
  UNION ALL SELECT 'MAJ_IN_FORCE_31_12', 'TOTAL', count(*)::int FROM department.maj_notice n, y WHERE ${MAJ_IN_FORCE('n', 'y.last_day')}
  ORDER BY 1, 2`;

// ─── The MAJ notice's lifecycle and the leases relayed to the MJPM (events/maj.handlers.ts, issue 17) ────────────

/** The notice's columns a `maj-notice.closed` fact carries (statements below that return a notice). */
const NOTICE_CLOSED_ROW = `id AS "noticeId", beneficiary_id AS "beneficiaryId", mandataire_org_id AS "mandataireOrgId",
  to_char(closed_on, 'YYYY-MM-DD') AS "endsOn", close_reason AS "reason"`;

/**
 * Closes notice `$1` from `$2` for reason `$3` (the first close wins): from that day the MJPM no longer reaches the
 * person; `ends_on` (the term) is cut short, never extended.
 */
export const CLOSE_MAJ_NOTICE_SQL = `UPDATE department.maj_notice n
  SET closed_on = GREATEST(n.starts_on, $2::date), close_reason = $3,
      ends_on = LEAST(n.ends_on, GREATEST(n.starts_on, $2::date))
  WHERE n.id = $1 AND n.closed_on IS NULL RETURNING ${NOTICE_CLOSED_ROW}`;

/**
 * C. civ. 495-1: a protection measure of person `$1` from `$2` closes every notice not ended by then (reason
 * PROTECTION_MEASURE_OPENED).
 */
export const CLOSE_MAJ_NOTICES_ON_PROTECTION_SQL = `UPDATE department.maj_notice n
  SET closed_on = GREATEST(n.starts_on, $2::date), close_reason = 'PROTECTION_MEASURE_OPENED',
      ends_on = LEAST(n.ends_on, GREATEST(n.starts_on, $2::date))
  WHERE n.beneficiary_id = $1 AND n.closed_on IS NULL AND ${MAJ_NOT_ENDED('n', '$2::date')} RETURNING ${NOTICE_CLOSED_ROW}`;

/**
 * `maj.recorded`: MAJ `$2` recorded from notice `$1` runs to `$3` (the judgment's term, or a renewal's): the notice, if
 * still open and not another MAJ's, runs to it. Returns the notice if it applied.
 */
export const SET_NOTICE_MAJ_SQL = `UPDATE department.maj_notice n SET maj_id = $2, ends_on = $3
  WHERE n.id = $1 AND n.closed_on IS NULL AND (n.maj_id IS NULL OR n.maj_id = $2) RETURNING id`;

/** The notice of MAJ `$1` (or, for a MAJ this notice never named, the open notice of person `$2`). */
export const NOTICE_OF_MAJ_SQL = `SELECT n.id, n.closed_on IS NOT NULL AS closed, n.recorded_by_org_id AS "recordedByOrgId",
    b.referent_sub AS "referentSub"
  FROM department.maj_notice n JOIN department.beneficiary b ON b.id = n.beneficiary_id
  WHERE n.maj_id = $1 OR (n.beneficiary_id = $2 AND n.maj_id IS NULL AND n.closed_on IS NULL AND ${MAJ_NOT_ENDED('n', 'current_date')})
  ORDER BY (n.maj_id = $1) DESC NULLS LAST, n.starts_on DESC LIMIT 1 FOR UPDATE OF n`;

/** Scheduled: the notices past their term on `$1` and not yet closed (closed as TERM, on their term). */
export const CLOSE_NOTICES_PAST_TERM_SQL = `UPDATE department.maj_notice n SET closed_on = n.ends_on, close_reason = 'TERM'
  WHERE n.closed_on IS NULL AND n.ends_on <= $1::date RETURNING ${NOTICE_CLOSED_ROW}`;

/** `protection.recorded` from an MJPM service: the measure under the producer's id, once. Returns it if new. */
export const INSERT_RELAYED_PROTECTION_SQL = `INSERT INTO department.protection_measure (id, beneficiary_id, kind, starts_on, ends_on, source)
  SELECT $1, b.id, $3, $4, $5, 'mandataire' FROM department.beneficiary b WHERE b.id = $2
  ON CONFLICT (id) DO NOTHING RETURNING id`;

/**
 * The leases (department.lease_fact) of the persons whose notice is not ended (or `$1`'s only, when not null), not yet
 * relayed to that notice's MJPM as they are now: what `lease.known` must carry.
 */
export const LEASES_TO_RELAY_SQL = `SELECT l.lease_id AS "leaseId", l.beneficiary_id AS "beneficiaryId",
    l.landlord_org_id AS "landlordOrgId", to_char(l.starts_on, 'YYYY-MM-DD') AS "startsOn",
    to_char(l.ends_on, 'YYYY-MM-DD') AS "endsOn", n.id AS "noticeId", n.mandataire_org_id AS "mandataireOrgId"
  FROM department.lease_fact l
  JOIN department.maj_notice n ON n.beneficiary_id = l.beneficiary_id AND n.closed_on IS NULL AND ${MAJ_NOT_ENDED('n', 'current_date')}
  LEFT JOIN department.lease_relay r ON r.lease_id = l.lease_id AND r.notice_id = n.id
  WHERE ($1::uuid IS NULL OR l.beneficiary_id = $1::uuid)
    AND (r.lease_id IS NULL OR r.starts_on <> l.starts_on OR r.ends_on IS DISTINCT FROM l.ends_on)
  ORDER BY l.lease_id, n.id FOR UPDATE OF n`;

/** Remembers that lease `$1` was relayed to notice `$2`'s MJPM as running from `$3` to `$4`. */
export const UPSERT_LEASE_RELAY_SQL = `INSERT INTO department.lease_relay (lease_id, notice_id, starts_on, ends_on) VALUES ($1, $2, $3, $4)
  ON CONFLICT (lease_id, notice_id) DO UPDATE SET starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on, relayed_at = now()`;

// ─── Retention (CNIL, retention/purge.ts, issue 18) ──────────────────────────────────────────────────────────────

/** The retention parameters in force on `$1` (null when the département set none). */
export const RETENTION_PARAMETERS_SQL = `SELECT
  (SELECT value FROM department.parameter WHERE key = 'RETENTION_ARCHIVE_AFTER_LAST_CONTACT_MONTHS' AND valid_from <= $1::date
   ORDER BY valid_from DESC LIMIT 1)::int AS "archiveMonths",
  (SELECT value FROM department.parameter WHERE key = 'RETENTION_AFTER_LAST_CONTACT_MONTHS' AND valid_from <= $1::date
   ORDER BY valid_from DESC LIMIT 1)::int AS "eraseMonths"`;

/**
 * Every file not yet erased on `$1`: whether something still runs on it (a contract proposed or in force, a MAJ, an
 * open L271-6 report, a direct payment or a delegation running) and its last contact (the latest date of the file;
 * GREATEST ignores the missing ones).
 */
export const RETENTION_FILES_SQL = `SELECT b.id, to_char(b.archived_on, 'YYYY-MM-DD') AS "archivedOn",
    (EXISTS (SELECT 1 FROM department.measure m WHERE m.beneficiary_id = b.id AND m.status IN ('PROPOSED', 'ACTIVE'))
      OR EXISTS (SELECT 1 FROM department.maj_notice n WHERE n.beneficiary_id = b.id AND n.closed_on IS NULL AND ${MAJ_NOT_ENDED('n', '$1::date')})
      OR EXISTS (SELECT 1 FROM department.l271_6_report r WHERE r.beneficiary_id = b.id AND ${REPORT_OPEN('r')})
      OR EXISTS (SELECT 1 FROM department.payment_order po WHERE po.beneficiary_id = b.id AND po.status = 'ACTIVE')
      OR EXISTS (SELECT 1 FROM department.delegation d WHERE d.beneficiary_id = b.id AND ${DELEGATION_NOT_ENDED('d', '$1::date')})) AS open,
    to_char(GREATEST(b.created_at::date, b.referred_on,
      (SELECT max(GREATEST(m.starts_on, m.signed_on, COALESCE(m.ended_on, m.ends_on))) FROM department.measure m WHERE m.beneficiary_id = b.id),
      (SELECT max(e.evaluated_on) FROM department.evaluation e WHERE e.beneficiary_id = b.id),
      (SELECT max(c.checked_on) FROM department.eligibility_check c WHERE c.beneficiary_id = b.id),
      (SELECT max(cr.recorded_on) FROM department.contract_refusal cr WHERE cr.beneficiary_id = b.id),
      (SELECT max(GREATEST(n.starts_on, COALESCE(n.closed_on, n.ends_on))) FROM department.maj_notice n WHERE n.beneficiary_id = b.id),
      (SELECT max(dr.requested_on) FROM department.direct_payment_request dr WHERE dr.beneficiary_id = b.id),
      (SELECT max(po.ends_on) FROM department.payment_order po WHERE po.beneficiary_id = b.id),
      (SELECT max(GREATEST(r.sent_on, r.decided_on)) FROM department.l271_6_report r WHERE r.beneficiary_id = b.id)
    ), 'YYYY-MM-DD') AS "lastContact"
  FROM department.beneficiary b WHERE b.erased_on IS NULL`;

/**
 * One step of the purge: what it counts (the dry run) and what it does, both over the persons `$1` (uuid[]) on `$2`,
 * each returning `n`. A step touches only what is still there: run twice, the second run counts and does nothing.
 */
export interface RetentionStep {
  kind: string;
  count: string;
  apply: string;
}
const counted = (sql: string) => `WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`;
const EVALUATION_TEXT = `housing_situation, family_situation, resources_and_charges, debts, health_and_safety, autonomy, needs, diagnosis, handover_summary`;

/** Archiving: the référent no longer reaches the file (PERSON_REACH.referent); the encadrant still does. */
export const RETENTION_ARCHIVE_STEPS: RetentionStep[] = [
  {
    kind: 'PERSON_ARCHIVED',
    count: `SELECT count(*)::int AS n FROM department.beneficiary WHERE id = ANY($1) AND archived_on IS NULL AND erased_on IS NULL`,
    apply: counted(
      `UPDATE department.beneficiary SET archived_on = $2::date WHERE id = ANY($1) AND archived_on IS NULL AND erased_on IS NULL`,
    ),
  },
];

/**
 * Erasing: identity replaced (the year of birth and sex, household type and territory stay for the age bands and
 * breakdowns of L271-7), personal rows deleted or emptied; measures, terms, delegations, requests and judgments stay,
 * dated and without identity, so that the statistics of past years remain computable.
 */
export const RETENTION_ERASE_STEPS: RetentionStep[] = [
  {
    kind: 'PERSON_IDENTITY',
    count: `SELECT count(*)::int AS n FROM department.beneficiary WHERE id = ANY($1) AND erased_on IS NULL`,
    apply: counted(`UPDATE department.beneficiary SET last_name = '[effacé]', first_name = '[effacé]',
        birth_date = date_trunc('year', birth_date)::date, address = '[effacé]', phone = NULL, referral_source = NULL,
        archived_on = COALESCE(archived_on, $2::date), erased_on = $2::date
      WHERE id = ANY($1) AND erased_on IS NULL`),
  },
  {
    kind: 'ELIGIBILITY_CHECK',
    count: `SELECT count(*)::int AS n FROM department.eligibility_check WHERE beneficiary_id = ANY($1)`,
    apply: counted(`DELETE FROM department.eligibility_check WHERE beneficiary_id = ANY($1) AND $2::date IS NOT NULL`),
  },
  {
    kind: 'BENEFIT_RECEIVED',
    count: `SELECT count(*)::int AS n FROM department.benefit_received WHERE beneficiary_id = ANY($1)`,
    apply: counted(`DELETE FROM department.benefit_received WHERE beneficiary_id = ANY($1) AND $2::date IS NOT NULL`),
  },
  {
    // kept as dated rows (a renewal term names its evaluation), emptied of their content
    kind: 'EVALUATION_CONTENT',
    count: `SELECT count(*)::int AS n FROM department.evaluation WHERE beneficiary_id = ANY($1) AND num_nonnulls(${EVALUATION_TEXT}) > 0`,
    apply:
      counted(`UPDATE department.evaluation SET (${EVALUATION_TEXT}) = (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
      WHERE beneficiary_id = ANY($1) AND num_nonnulls(${EVALUATION_TEXT}) > 0 AND $2::date IS NOT NULL`),
  },
  {
    kind: 'CONTRACT_CONTENT',
    count: `SELECT count(*)::int AS n FROM department.measure WHERE beneficiary_id = ANY($1) AND num_nonnulls(objectives, engagements, extension_justification) > 0`,
    apply: counted(`UPDATE department.measure SET objectives = NULL, engagements = NULL, extension_justification = NULL
      WHERE beneficiary_id = ANY($1) AND num_nonnulls(objectives, engagements, extension_justification) > 0 AND $2::date IS NOT NULL`),
  },
  {
    kind: 'REFUSAL_NOTE',
    count: `SELECT count(*)::int AS n FROM department.contract_refusal WHERE beneficiary_id = ANY($1) AND note IS NOT NULL`,
    apply: counted(
      `UPDATE department.contract_refusal SET note = NULL WHERE beneficiary_id = ANY($1) AND note IS NOT NULL AND $2::date IS NOT NULL`,
    ),
  },
  {
    kind: 'MEDICAL_ANNEX',
    count: `SELECT count(*)::int AS n FROM department.medical_annex WHERE beneficiary_id = ANY($1)`,
    apply: counted(`DELETE FROM department.medical_annex WHERE beneficiary_id = ANY($1) AND $2::date IS NOT NULL`),
  },
  {
    // the notification letters (name, address, decision) and the L271-6 pack's PDFs: their deadlines are long past
    kind: 'DECISION_LETTER',
    count: `SELECT count(*)::int AS n FROM department.decision_letter WHERE beneficiary_id = ANY($1)`,
    apply: counted(`DELETE FROM department.decision_letter WHERE beneficiary_id = ANY($1) AND $2::date IS NOT NULL`),
  },
  {
    kind: 'REPORT_DOCUMENT',
    count: `SELECT count(*)::int AS n FROM department.report_document WHERE beneficiary_id = ANY($1)`,
    apply: counted(`DELETE FROM department.report_document WHERE beneficiary_id = ANY($1) AND $2::date IS NOT NULL`),
  },
  {
    // kept as dated rows (a refusal names its proposal), emptied of their content
    kind: 'PROPOSAL_CONTENT',
    count: `SELECT count(*)::int AS n FROM department.contract_proposal WHERE beneficiary_id = ANY($1) AND (objectives <> '' OR engagements <> '' OR extension_justification IS NOT NULL)`,
    apply:
      counted(`UPDATE department.contract_proposal SET objectives = '', engagements = '', extension_justification = NULL
      WHERE beneficiary_id = ANY($1) AND (objectives <> '' OR engagements <> '' OR extension_justification IS NOT NULL) AND $2::date IS NOT NULL`),
  },
];

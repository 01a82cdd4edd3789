/**
 * The association subgraph's raw SQL, in one place: the statements and fragments its loaders, resolvers and row rule
 * (permissions/reach.ts) send to PostgreSQL, each rule written once. TypeORM query-builder chains stay with their
 * callers; their raw conditions come from here.
 */

// ─── The rules, each written once ────────────────────────────────────────────────────────────────────────────────

/**
 * A file not closed (ACTIVE or CLOSING): the delegation runs, or its final bilan is not handed back yet. Its
 * association
 * reaches it, and a measure has at most one (the partial unique index delegated_file_open_measure_key, same predicate).
 */
export const FILE_OPEN = (file: string) => `${file}.status <> 'CLOSED'`;

/** An overdraft authorisation in force on `on` (`valid_until` inclusive). */
export const OVERDRAFT_IN_FORCE = (overdraft: string, on: string) =>
  `${overdraft}.valid_from <= ${on} AND (${overdraft}.valid_until IS NULL OR ${overdraft}.valid_until >= ${on})`;

// ─── Row rule (permissions/reach.ts) and loaders ─────────────────────────────────────────────────────────────────

/**
 * The association's reach on a file ends with the closing window after its delegation (CASF L271-3; the window is the
 * département's, carried by its events): compared with today, so it stops on the day even if no job has run.
 */
export const FILE_WITHIN_REACH_DATES = (file: string, on = 'current_date') =>
  `(${file}.reach_ends_on IS NULL OR ${file}.reach_ends_on > ${on})`;

/** A DELEGUE's files (alias `file`): its own association's (parameter :reachOrg), while open and within its dates. */
export const FILE_OF_ASSOCIATION = (file: string) =>
  `(${file}.association_org_id = :reachOrg AND ${FILE_OPEN(file)} AND ${FILE_WITHIN_REACH_DATES(file)})`;

/** Rows hanging off a file (alias `x`, column `file_id`), reached through their file: `reach` on alias `f`. */
export const ROW_OF_FILE = (reach: string) =>
  `EXISTS (SELECT 1 FROM association.delegated_file f WHERE f.id = x.file_id AND ${reach})`;

/** The overdraft limit in force today on the account `x` (0 without one). */
export const OVERDRAFT_LIMIT_TODAY = `(SELECT COALESCE(MAX(o.limit_cents), 0) FROM association.delegated_overdraft o
            WHERE o.file_id = x.file_id AND ${OVERDRAFT_IN_FORCE('o', 'current_date')})`;

/** The operations page of file `x` below `upper` (a `:beforeSeq`, or the account's next seq), `:last` of them. */
export const OPERATIONS_BELOW = (beforeSeq: number | null) => {
  const upper =
    beforeSeq == null
      ? '(SELECT a.last_seq + 1 FROM association.delegated_account a WHERE a.file_id = x.file_id)'
      : ':beforeSeq';
  return `x.seq < ${upper} AND x.seq >= ${upper} - :last`;
};

// ─── Resolvers ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Locks the file of measure `$1` not yet closed, if any (one open file per measure). */
export const LOCK_OPEN_FILE_OF_MEASURE_SQL = `SELECT 1 FROM association.delegated_file f WHERE f.measure_id = $1 AND ${FILE_OPEN('f')} FOR UPDATE`;

/** Opens the managed account of file `$1` (person `$2`). */
export const OPEN_ACCOUNT_SQL = `INSERT INTO association.delegated_account (file_id, beneficiary_id) VALUES ($1, $2)`;

/** Records (or updates) a benefit the file manages: one row per file and kind. */
export const UPSERT_BENEFIT_SQL = `INSERT INTO association.delegated_benefit (file_id, beneficiary_id, kind, monthly_amount_cents, paying_body, recorded_by_sub, recorded_by_org_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (file_id, kind) DO UPDATE SET monthly_amount_cents = EXCLUDED.monthly_amount_cents, paying_body = EXCLUDED.paying_body,
           recorded_by_sub = EXCLUDED.recorded_by_sub, recorded_by_org_id = EXCLUDED.recorded_by_org_id, recorded_at = now()
         RETURNING id`;

/** Locks the account of file `$1` and reads its balance: concurrent postings on it run one after the other. */
export const LOCK_ACCOUNT_SQL = `SELECT balance_cents FROM association.delegated_account WHERE file_id = $1 FOR UPDATE`;

/** File `$1`'s totals for the month of `$2`: housing (`$3`) and care (`$4`) benefits received, rent and care paid. */
export const MONTH_TOTALS_SQL = `SELECT
           COALESCE(SUM(amount_cents) FILTER (WHERE kind = 'RECEIPT' AND benefit_kind = ANY($3)), 0)::int AS housing_received,
           COALESCE(SUM(amount_cents) FILTER (WHERE kind = 'RECEIPT' AND benefit_kind = ANY($4)), 0)::int AS care_received,
           COALESCE(SUM(amount_cents) FILTER (WHERE kind = 'RENT_PAYMENT'), 0)::int AS rent_paid,
           COALESCE(SUM(amount_cents) FILTER (WHERE kind = 'CARE_PAYMENT'), 0)::int AS care_paid
         FROM association.delegated_operation
         WHERE file_id = $1 AND operated_on >= date_trunc('month', $2::date) AND operated_on < date_trunc('month', $2::date) + interval '1 month'`;

/** The largest overdraft of file `$1` in force on `$2`. */
export const OVERDRAFT_ON_SQL = `SELECT o.id, o.limit_cents FROM association.delegated_overdraft o
         WHERE o.file_id = $1 AND ${OVERDRAFT_IN_FORCE('o', '$2::date')} ORDER BY o.limit_cents DESC LIMIT 1`;

/** Posts an operation; seq and balance_after_cents are computed by the ledger trigger from the locked account row. */
export const INSERT_OPERATION_SQL = `INSERT INTO association.delegated_operation (file_id, beneficiary_id, kind, amount_cents, operated_on, label, benefit_kind, overdraft_id, overdraft_limit_cents, author_sub, author_org_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`;

// ─── Delegations (events from the département) and the files' lifecycle ─────────────────────────────────────────

/** delegation.granted: records (or moves the end of) delegation `$1`; `inserted` says whether it is new. */
export const UPSERT_DELEGATION_SQL = `INSERT INTO association.delegation
    (id, measure_id, beneficiary_id, association_org_id, starts_on, ends_on, reach_ends_on, managed_benefits)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
  ON CONFLICT (id) DO UPDATE SET ends_on = EXCLUDED.ends_on, reach_ends_on = EXCLUDED.reach_ends_on,
    managed_benefits = EXCLUDED.managed_benefits
    WHERE association.delegation.end_reason IS NULL
  RETURNING (xmax = 0) AS inserted`;

/** delegation.granted / ended: the open files of delegation `$1` take its end `$2` and reach end `$3`. */
export const FILE_DATES_OF_DELEGATION_SQL = `UPDATE association.delegated_file SET delegation_ends_on = $2, reach_ends_on = $3
  WHERE delegation_id = $1 AND ${FILE_OPEN('delegated_file')}`;

/** delegation.ended: delegation `$1` ends on `$2` (reach until `$3`, reason `$4`); the row before the change. */
export const END_DELEGATION_SQL = `UPDATE association.delegation d SET ends_on = LEAST(d.ends_on, GREATEST(d.starts_on, $2::date)),
    reach_ends_on = LEAST(d.reach_ends_on, GREATEST(d.starts_on, $3::date)), end_reason = COALESCE(d.end_reason, $4)
  FROM (SELECT id, end_reason AS before_reason FROM association.delegation WHERE id = $1 FOR UPDATE) old
  WHERE d.id = old.id
  RETURNING d.id, d.measure_id AS "measureId", d.beneficiary_id AS "beneficiaryId", d.association_org_id AS "associationOrgId",
    to_char(d.ends_on, 'YYYY-MM-DD') AS "endsOn", to_char(d.reach_ends_on, 'YYYY-MM-DD') AS "reachEndsOn", old.before_reason AS "beforeReason"`;

/** contract.benefits-changed: the delegations of measure `$1` take the benefits `$2` effective `$3` (latest wins). */
export const DELEGATION_BENEFITS_SQL = `UPDATE association.delegation SET managed_benefits = $2, benefits_effective_on = $3
  WHERE measure_id = $1 AND (benefits_effective_on IS NULL OR benefits_effective_on <= $3)`;

/** contract.benefits-changed: the open files of measure `$1` manage the benefits `$2` of its delegation's contract. */
export const FILE_BENEFITS_SQL = `UPDATE association.delegated_file f SET managed_benefits = d.managed_benefits
  FROM association.delegation d WHERE d.id = f.delegation_id AND f.measure_id = $1 AND ${FILE_OPEN('f')}`;

/**
 * The delegation has ended on `$1` (its date passed): the ACTIVE files go CLOSING (read-only, final bilan due), the
 * files returned.
 */
export const FILES_TO_CLOSING_SQL = `UPDATE association.delegated_file SET status = 'CLOSING', ended_on = COALESCE(ended_on, delegation_ends_on)
  WHERE status = 'ACTIVE' AND delegation_ends_on <= $1::date
  RETURNING id, measure_id AS "measureId", beneficiary_id AS "beneficiaryId", association_org_id AS "associationOrgId",
    to_char(delegation_ends_on, 'YYYY-MM-DD') AS "endsOn", to_char(reach_ends_on, 'YYYY-MM-DD') AS "reachEndsOn"`;

/** The closing window has passed on `$1`: the files still CLOSING are CLOSED (the association's reach ended). */
export const FILES_TO_CLOSED_SQL = `UPDATE association.delegated_file SET status = 'CLOSED'
  WHERE status = 'CLOSING' AND reach_ends_on <= $1::date`;

/** The delegations of measure `$1`, as openDelegatedFile checks them. */
export const DELEGATIONS_OF_MEASURE_SQL = `SELECT id, measure_id AS "measureId", beneficiary_id AS "beneficiaryId",
    association_org_id AS "associationOrgId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn",
    to_char(reach_ends_on, 'YYYY-MM-DD') AS "reachEndsOn", managed_benefits AS "managedBenefits"
  FROM association.delegation WHERE measure_id = $1 FOR SHARE`;

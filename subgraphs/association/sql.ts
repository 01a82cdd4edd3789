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

/** A DELEGUE's files (alias `file`): its own association's (parameter :reachOrg), while open. */
export const FILE_OF_ASSOCIATION = (file: string) => `(${file}.association_org_id = :reachOrg AND ${FILE_OPEN(file)})`;

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

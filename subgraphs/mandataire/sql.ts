/**
 * The mandataire subgraph's raw SQL, in one place: the statements and fragments its loaders, resolvers and row rules
 * (permissions/reach.ts) send to PostgreSQL, each rule written once. TypeORM query-builder chains stay with their
 * callers; their raw conditions come from here.
 */

// ─── The rules, each written once ────────────────────────────────────────────────────────────────────────────────

/** A MAJ running (not ended). */
export const MAJ_ACTIVE = (measure: string) => `${measure}.status = 'ACTIVE'`;

// ─── Row rules (permissions/reach.ts), parameter :reachOrg ───────────────────────────────────────────────────────

/** MAJ (alias `measure`) assigned to the caller's MJPM service and running. */
export const MAJ_OF_SERVICE = (measure: string) =>
  `(${measure}.mandataire_org_id = :reachOrg AND ${MAJ_ACTIVE(measure)})`;

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

/**
 * The bailleur subgraph's raw SQL, in one place: the statements and fragments its loaders, resolvers and row rule
 * (permissions/reach.ts) send to PostgreSQL, each rule written once. TypeORM query-builder chains stay with their
 * callers; their raw conditions come from here.
 */

// ─── The rules, each written once ────────────────────────────────────────────────────────────────────────────────

/**
 * A direct-payment order in force at some day between `first` and `last` (SQL dates; `ends_on` is inclusive, the last
 * day paid). With `first` = `last`: in force that day.
 */
export const ORDER_IN_FORCE_BETWEEN = (order: string, first: string, last: string) =>
  `${order}.starts_on <= ${last} AND (${order}.ends_on IS NULL OR ${order}.ends_on >= ${first})`;

/** The month (`YYYY-MM`) `n` months before today's. */
export const MONTHS_AGO = (n: number) => `to_char(current_date - make_interval(months => ${n}), 'YYYY-MM')`;

// ─── Row rule (permissions/reach.ts), parameter :reachOrg ────────────────────────────────────────────────────────

/** Leases (alias `lease`) of the caller's landlord organisation. */
export const LEASE_OF_LANDLORD = (lease: string) => `${lease}.landlord_org_id = :reachOrg`;

/** Leases (alias `lease`) on which the caller's organisation pays the rent under an order in force today. */
export const LEASE_PAID_BY = (
  lease: string,
) => `EXISTS (SELECT 1 FROM bailleur.direct_payment_order ro WHERE ro.lease_id = ${lease}.id AND ro.payer_org_id = :reachOrg
        AND ${ORDER_IN_FORCE_BETWEEN('ro', 'current_date', 'current_date')})`;

// ─── Loaders and resolvers: rows reached through their lease ─────────────────────────────────────────────────────

/**
 * A row hanging off a lease (alias `row`, column `lease_id`) whose lease (alias `l`) is within `reach`; `within`
 * ('id' or 'beneficiary_id') bounds the leases checked to the batch's `:ids`.
 */
export const ROW_OF_LEASE = (row: string, reach: string, within?: 'id' | 'beneficiary_id') =>
  `EXISTS (SELECT 1 FROM bailleur.lease l WHERE l.id = ${row}.lease_id${within ? ` AND l.${within} = ANY(:ids)` : ''} AND ${reach})`;

/** A correction (alias `x`) whose payment's lease (alias `l`) is within `reach`. */
export const CORRECTION_IN_REACH = (reach: string) =>
  `EXISTS (SELECT 1 FROM bailleur.rent_payment rp JOIN bailleur.lease l ON l.id = rp.lease_id WHERE rp.id = x.payment_id AND ${reach})`;

/** Payments (alias `x`) of the last `months` months. */
export const PAID_SINCE = (months: number) => `x.month >= ${MONTHS_AGO(months)}`;

/**
 * Payments (alias `x`) among the last `n` of each lease of the persons `:ids`, within the last `months` months: an
 * index walk per lease (lease_id, month DESC, LIMIT n) instead of every payment of the window. The ids are gathered
 * once (`ARRAY(…)`, an init plan): as `x.id IN (…)`, PostgreSQL's custom plan for a landlord's reach ran the walk
 * again for every payment of the persons (14 ms instead of 0.8 at 100×).
 */
export const LAST_PAYMENTS_OF_PERSONS = (n: number, months: number) =>
  `x.id = ANY(ARRAY(SELECT lp.id FROM bailleur.lease pl CROSS JOIN LATERAL (
     SELECT p.id FROM bailleur.rent_payment p WHERE p.lease_id = pl.id AND p.month >= ${MONTHS_AGO(months)}
     ORDER BY p.month DESC LIMIT ${Math.trunc(n)}) lp WHERE pl.beneficiary_id = ANY(:ids)))`;

/** Arrears declarations (alias `x`) of the last `months` months. */
export const DECLARED_SINCE = (months: number) => `x.declared_at >= current_date - make_interval(months => ${months})`;

// ─── Resolvers ───────────────────────────────────────────────────────────────────────────────────────────────────

/** The order (alias `o`) in force on the lease in the month `:first`..`:last`. */
export const ORDER_IN_MONTH = ORDER_IN_FORCE_BETWEEN('o', ':first', ':last');

/**
 * One confirmation per lease and month: INSERT … ON CONFLICT DO NOTHING against the UNIQUE (lease_id, month)
 * constraint (an id back only when this call wrote the row).
 */
export const INSERT_RENT_PAYMENT_SQL = `INSERT INTO bailleur.rent_payment (lease_id, beneficiary_id, month, expected_cents, received_cents, received_on, status, confirmed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::bailleur.rent_payment_status, $8)
       ON CONFLICT (lease_id, month) DO NOTHING RETURNING id`;

/**
 * The caller's leases (`reachSql` on alias `l`, :own) with an order in force in the month :firstDay..:lastDay, by lease
 * id after :after (when `hasCursor`), `limit` of them: the latest order to start when two share the month.
 */
export const EXPECTED_PAYMENTS_SQL = (
  reachSql: string,
  hasCursor: boolean,
  limit: number,
) => `SELECT DISTINCT ON (l.id) l.id AS lease_id, l.beneficiary_id, l.tenant_name, l.reference,
              o.id AS order_id, o.monthly_amount_cents, o.payer_kind, o.payer_org_id
         FROM bailleur.lease l
         JOIN bailleur.direct_payment_order o ON o.lease_id = l.id AND ${ORDER_IN_FORCE_BETWEEN('o', ':firstDay', ':lastDay')}
        WHERE ${reachSql} AND l.landlord_org_id = :own ${hasCursor ? 'AND l.id > :after' : ''}
        ORDER BY l.id, o.starts_on DESC
        LIMIT ${limit}`;

/** Another order on lease `$1` covers part of `$2`..`$3` (`$3` null: open-ended). */
export const ORDER_OVERLAP_SQL = `SELECT 1 FROM bailleur.direct_payment_order WHERE lease_id = $1 AND daterange(starts_on, ends_on, '[]') && daterange($2::date, $3::date, '[]') LIMIT 1`;

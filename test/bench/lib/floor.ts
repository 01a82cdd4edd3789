/**
 * The floor: each journey as ONE hand-written SQL statement over the same database (all four schemas), with the same
 * row rules (reach) as the subgraphs, building the JSON answer in PostgreSQL — what the fastest possible monolith would
 * do. Served raw (pg) and behind one loopback HTTP hop (a minimal node:http server), to compare with the gateway.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { ALERTS_SQL, MEASURE_REACH, PERSON_REACH } from '../../../subgraphs/department/sql';

const ACTIVE = (a: string) =>
  `${a}.starts_on <= current_date AND (${a}.ends_on IS NULL OR ${a}.ends_on >= current_date)`;
const LAST_YEAR = `to_char(current_date - make_interval(months => 12), 'YYYY-MM')`;

export interface FloorQuery {
  sql: string;
  params: unknown[];
}

/** Journey 1: a DELEGUE's delegated files, with the person, the lease and its last payments (first n). */
export const associationFilesSql = (orgId: string, n: number): FloorQuery => ({
  params: [orgId, n],
  sql: `
WITH f AS MATERIALIZED (
  SELECT * FROM association.delegated_file f WHERE f.association_org_id = $1 AND f.status IN ('ACTIVE', 'CLOSING') ORDER BY f.id LIMIT $2)
SELECT coalesce(json_agg(x), '[]') AS data FROM (
  SELECT f.id, f.status, f.started_on AS "startedOn", f.monthly_resources_cents AS "monthlyResourcesCents",
         f.rent_and_charges_cents AS "rentAndChargesCents", f.handover_summary AS "handoverSummary",
         json_build_object('id', m.id, 'level', m.level, 'startsOn', m.starts_on, 'endsOn', m.ends_on,
           'beneficiary', json_build_object('firstName', b.first_name, 'lastName', b.last_name, 'address', b.address,
             'leases', (SELECT coalesce(json_agg(json_build_object('reference', l.reference, 'rentCents', l.rent_cents, 'chargesCents', l.charges_cents,
                 'payments', (SELECT coalesce(json_agg(p), '[]') FROM (SELECT p.month, p.status, p.received_cents AS "receivedCents" FROM bailleur.rent_payment p
                              WHERE p.lease_id = l.id AND p.month >= ${LAST_YEAR} ORDER BY p.month DESC LIMIT 3) p)) ORDER BY l.starts_on DESC), '[]')
               FROM bailleur.lease l WHERE l.beneficiary_id = b.id
                 AND EXISTS (SELECT 1 FROM bailleur.direct_payment_order ro WHERE ro.lease_id = l.id AND ro.payer_org_id = $1 AND ${ACTIVE('ro')})))) AS measure
  FROM f
  JOIN department.measure m ON m.id = f.measure_id
   AND EXISTS (SELECT 1 FROM department.delegation rd WHERE rd.measure_id = m.id AND rd.association_org_id = $1 AND ${ACTIVE('rd')})
  JOIN department.beneficiary b ON b.id = m.beneficiary_id
   AND EXISTS (SELECT 1 FROM department.delegation rd JOIN department.measure rm ON rm.id = rd.measure_id
               WHERE rm.beneficiary_id = b.id AND rd.association_org_id = $1 AND ${ACTIVE('rd')})
  ORDER BY f.id) x`,
});

/**
 * Journey 2, as its sample query (gateway/sample-queries.ts landlordPayments): the month's expected direct payments
 * (first `expected`, one line per lease: its latest order in force that month, the month's confirmation if any) and
 * the landlord's leases (first `leases`) with the rent table, the orders, the last two payments and the arrears of the
 * last 24 months (bailleur/rules/arrears.rule.ts: MISSING or declared months not later CONFIRMED; the longest run of
 * consecutive months; the latest declaration's amount + the shortfall of each later confirmation).
 */
export const landlordMonthSql = (orgId: string, month: string, expected: number, leases: number): FloorQuery => ({
  params: [orgId, month, expected, leases],
  sql: `
WITH bounds AS (SELECT to_date($2 || '-01', 'YYYY-MM-DD') AS first_day, (to_date($2 || '-01', 'YYYY-MM-DD') + interval '1 month - 1 day')::date AS last_day),
e AS (
  SELECT DISTINCT ON (l.id) l.id AS lease_id, l.tenant_name, l.reference, o.monthly_amount_cents, o.payer_kind
    FROM bailleur.lease l, bounds
    JOIN bailleur.direct_payment_order o ON TRUE
   WHERE o.lease_id = l.id AND o.starts_on <= bounds.last_day AND (o.ends_on IS NULL OR o.ends_on >= bounds.first_day) AND l.landlord_org_id = $1
   ORDER BY l.id, o.starts_on DESC LIMIT $3),
ls AS MATERIALIZED (SELECT * FROM bailleur.lease l WHERE l.landlord_org_id = $1 ORDER BY l.id LIMIT $4),
since AS (SELECT to_char(current_date - make_interval(months => 24), 'YYYY-MM') AS month),
win AS (SELECT p.* FROM bailleur.rent_payment p, since WHERE p.lease_id IN (SELECT id FROM ls) AND p.month >= since.month),
decl AS (SELECT d.lease_id, d.amount_due_cents, d.declared_at, ARRAY(SELECT m FROM unnest(d.months) m, since WHERE m >= since.month) AS months
           FROM bailleur.rent_arrears_declaration d WHERE d.lease_id IN (SELECT id FROM ls) AND d.declared_at >= current_date - make_interval(months => 24)),
latest AS (SELECT DISTINCT ON (lease_id) lease_id, amount_due_cents, (SELECT max(m) FROM unnest(months) m) AS covered_until FROM decl ORDER BY lease_id, declared_at DESC),
unpaid AS (
  SELECT lease_id, month FROM (SELECT lease_id, month FROM win WHERE status = 'MISSING' UNION SELECT lease_id, unnest(months) FROM decl) u
   WHERE NOT EXISTS (SELECT 1 FROM win c WHERE c.lease_id = u.lease_id AND c.month = u.month AND c.status = 'CONFIRMED')),
runs AS (
  SELECT lease_id, max(n) AS consecutive FROM (
    SELECT lease_id, count(*) OVER (PARTITION BY lease_id, idx - rn) AS n FROM (
      SELECT lease_id, (split_part(month, '-', 1)::int * 12 + split_part(month, '-', 2)::int) AS idx, row_number() OVER (PARTITION BY lease_id ORDER BY month) AS rn FROM unpaid) i) g
  GROUP BY lease_id),
arrears AS (
  SELECT ls.id AS lease_id,
    (SELECT coalesce(json_agg(month ORDER BY month), '[]') FROM unpaid u WHERE u.lease_id = ls.id) AS unpaid_months,
    coalesce(r.consecutive, 0)::int AS consecutive,
    (coalesce(lt.amount_due_cents, 0) + coalesce((SELECT sum(greatest(0, w.expected_cents - coalesce(w.received_cents, 0))) FROM win w
       WHERE w.lease_id = ls.id AND w.month > coalesce(lt.covered_until, '')), 0))::int AS amount_due
  FROM ls LEFT JOIN runs r ON r.lease_id = ls.id LEFT JOIN latest lt ON lt.lease_id = ls.id)
SELECT json_build_object(
  'expectedPayments', (SELECT coalesce(json_agg(x ORDER BY x."leaseId"), '[]') FROM (
     SELECT e.lease_id AS "leaseId", $2 AS month, e.tenant_name AS "tenantName", e.reference, e.monthly_amount_cents AS "expectedCents",
            e.payer_kind AS "payerKind", coalesce(p.status::text, 'PENDING') AS status, p.received_cents AS "receivedCents"
       FROM e LEFT JOIN bailleur.rent_payment p ON p.lease_id = e.lease_id AND p.month = $2) x),
  'myLeases', (SELECT coalesce(json_agg(x ORDER BY x.id), '[]') FROM (
     SELECT l.id, l.reference, l.tenant_name AS "tenantName", l.rent_cents AS "rentCents", l.charges_cents AS "chargesCents",
       (SELECT coalesce(json_agg(json_build_object('effectiveFrom', t.effective_from, 'rentCents', t.rent_cents, 'chargesCents', t.charges_cents) ORDER BY t.effective_from), '[]')
          FROM bailleur.lease_rent t WHERE t.lease_id = l.id) AS "rentHistory",
       (SELECT coalesce(json_agg(json_build_object('payerKind', o.payer_kind, 'monthlyAmountCents', o.monthly_amount_cents, 'startsOn', o.starts_on, 'endsOn', o.ends_on) ORDER BY o.starts_on DESC), '[]')
          FROM bailleur.direct_payment_order o WHERE o.lease_id = l.id) AS "directPaymentOrders",
       (SELECT coalesce(json_agg(p), '[]') FROM (SELECT p.month, p.status, p.expected_cents AS "expectedCents", p.received_cents AS "receivedCents", p.received_on AS "receivedOn"
          FROM bailleur.rent_payment p WHERE p.lease_id = l.id AND p.month >= ${LAST_YEAR} ORDER BY p.month DESC LIMIT 2) p) AS payments,
       json_build_object('unpaidMonths', a.unpaid_months, 'consecutiveUnpaidMonths', a.consecutive, 'amountDueCents', a.amount_due, 'alert', a.consecutive >= 2) AS "rentArrears"
     FROM ls l JOIN arrears a ON a.lease_id = l.id) x)) AS data`,
});

/** Journey 3: a référent's caseload across the four schemas (first n persons). */
export const caseloadSql = (referentSub: string, n: number): FloorQuery => ({
  params: [referentSub, n],
  sql: `
SELECT coalesce(json_agg(x), '[]') AS data FROM (
  SELECT b.id, b.first_name AS "firstName", b.last_name AS "lastName", b.territory,
    (SELECT coalesce(json_agg(json_build_object('id', m.id, 'level', m.level, 'status', m.status, 'startsOn', m.starts_on, 'endsOn', m.ends_on,
        'delegatedFile', (SELECT json_build_object('status', f.status, 'monthlyResourcesCents', f.monthly_resources_cents, 'handoverSummary', f.handover_summary)
                          FROM association.delegated_file f WHERE f.measure_id = m.id)) ORDER BY m.starts_on DESC), '[]')
       FROM department.measure m WHERE m.beneficiary_id = b.id) AS measures,
    (SELECT coalesce(json_agg(json_build_object('tenantName', l.tenant_name, 'rentCents', l.rent_cents, 'chargesCents', l.charges_cents,
        'payments', (SELECT coalesce(json_agg(p), '[]') FROM (SELECT p.month, p.status FROM bailleur.rent_payment p
                     WHERE p.lease_id = l.id AND p.month >= ${LAST_YEAR} ORDER BY p.month DESC LIMIT 2) p)) ORDER BY l.starts_on DESC), '[]')
       FROM bailleur.lease l WHERE l.beneficiary_id = b.id) AS leases,
    (SELECT coalesce(json_agg(json_build_object('payerKind', o.payer_kind, 'monthlyAmountCents', o.monthly_amount_cents) ORDER BY o.starts_on DESC), '[]')
       FROM bailleur.direct_payment_order o JOIN bailleur.lease l ON l.id = o.lease_id WHERE l.beneficiary_id = b.id) AS "directPaymentOrders",
    (SELECT coalesce(json_agg(json_build_object('court', j.court, 'status', j.status, 'startsOn', j.starts_on, 'endsOn', j.ends_on) ORDER BY j.starts_on DESC), '[]')
       FROM mandataire.judicial_measure j WHERE j.beneficiary_id = b.id) AS "judicialMeasures"
  FROM department.beneficiary b WHERE b.referent_sub = $1 ORDER BY b.id LIMIT $2) x`,
});

/**
 * Journey 3's page (issue 8: "the caseload page of 50 persons with alerts"): the caseload of journey 3 and the
 * référent's alerts (department caseloadAlerts, every kind), the resolver's own statement (sql.ts ALERTS_SQL: person
 * by person, the page's persons only) with the référent's reach written in: no faster SQL is known for the same
 * answer.
 */
export const caseloadPageSql = (referentSub: string, n: number): FloorQuery => {
  const person = PERSON_REACH.referent('b');
  const alerts = ALERTS_SQL(
    { outer: person, person, measure: MEASURE_REACH.viaPerson('m', PERSON_REACH.referent('rb')) },
    { after: false, limit: n },
  ).replace(/:reachSub\b/g, '$1');
  return {
    params: [referentSub, n],
    sql: `
SELECT json_build_object(
  'caseload', (${caseloadSql(referentSub, n).sql}),
  'caseloadAlerts', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'kinds', ARRAY[a.kind], 'endsOn', a."endsOn",
     'cumulativeMonths', a."cumulativeMonths") ORDER BY a.id COLLATE "C"), '[]') FROM (${alerts}) a)) AS data`,
  };
};

/** A pg pool and a minimal HTTP server in front of it: POST {journey} → the floor query's JSON, one hop. */
export async function startFloor(
  url: string,
  queries: Record<string, FloorQuery>,
  port = 0,
): Promise<{ pool: Pool; url: string; run(name: string): Promise<unknown>; stop(): Promise<void> }> {
  const pool = new Pool({ connectionString: url, max: 5 });
  const run = async (name: string) => (await pool.query(queries[name].sql, queries[name].params)).rows[0].data;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let journey: string | undefined;
      try {
        journey = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { journey?: string }).journey;
      } catch {
        journey = undefined;
      }
      if (!journey || !queries[journey]) {
        res.writeHead(400); // a readiness probe (GET), or no such journey
        res.end();
        return;
      }
      pool.query(queries[journey].sql, queries[journey].params).then(
        (r) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: r.rows[0].data }));
        },
        (e) => {
          res.writeHead(500);
          res.end(JSON.stringify({ errors: [{ message: (e as Error).message }] }));
        },
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    pool,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    run,
    stop: async () => {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await pool.end();
    },
  };
}

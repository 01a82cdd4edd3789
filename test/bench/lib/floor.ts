/**
 * The floor: each journey as ONE hand-written SQL statement over the same database (all four schemas), with the same
 * row rules (reach) as the subgraphs, building the JSON answer in PostgreSQL — what the fastest possible monolith would
 * do. Served raw (pg) and behind one loopback HTTP hop (a minimal node:http server), to compare with the gateway.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';

const ACTIVE = (a: string) => `${a}.starts_on <= current_date AND (${a}.ends_on IS NULL OR ${a}.ends_on >= current_date)`;
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

/** Journey 2: a landlord's leases with the orders and the last two payments (first n). */
export const landlordLeasesSql = (orgId: string, n: number): FloorQuery => ({
  params: [orgId, n],
  sql: `
SELECT coalesce(json_agg(x), '[]') AS data FROM (
  SELECT l.id, l.reference, l.tenant_name AS "tenantName", l.rent_cents AS "rentCents", l.charges_cents AS "chargesCents",
    (SELECT coalesce(json_agg(json_build_object('payerKind', o.payer_kind, 'monthlyAmountCents', o.monthly_amount_cents, 'startsOn', o.starts_on) ORDER BY o.starts_on DESC), '[]')
       FROM bailleur.direct_payment_order o WHERE o.lease_id = l.id) AS "directPaymentOrders",
    (SELECT coalesce(json_agg(p), '[]') FROM (SELECT p.month, p.status, p.expected_cents AS "expectedCents", p.received_cents AS "receivedCents"
       FROM bailleur.rent_payment p WHERE p.lease_id = l.id AND p.month >= ${LAST_YEAR} ORDER BY p.month DESC LIMIT 2) p) AS payments
  FROM bailleur.lease l WHERE l.landlord_org_id = $1 ORDER BY l.id LIMIT $2) x`,
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

/** A pg pool and a minimal HTTP server in front of it: POST {journey} → the floor query's JSON, one hop. */
export async function startFloor(url: string, queries: Record<string, FloorQuery>): Promise<{ pool: Pool; url: string; run(name: string): Promise<unknown>; stop(): Promise<void> }> {
  const pool = new Pool({ connectionString: url, max: 5 });
  const run = async (name: string) => (await pool.query(queries[name].sql, queries[name].params)).rows[0].data;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { journey } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      pool.query(queries[journey].sql, queries[journey].params).then(
        (r) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify({ data: r.rows[0].data })); },
        (e) => { res.writeHead(500); res.end(JSON.stringify({ errors: [{ message: (e as Error).message }] })); },
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    pool,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    run,
    stop: async () => { await new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }); await pool.end(); },
  };
}

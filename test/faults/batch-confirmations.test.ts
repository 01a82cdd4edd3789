import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { startTestHub, TestHub } from '../helpers/hub';
import { askGateway } from './helpers/fault-hub';
import { UNKNOWN_UUID } from './helpers/operations';
import { Figures } from './helpers/report';
import { rowCounts } from './helpers/row-counts';

/**
 * Issue 9 — nothing half-written in a batch: `confirmRentPayments` checks the shape of every item before writing
 * any (a malformed item refuses the whole batch, naming the field, nothing written); then each item runs in its own
 * transaction and reports its own outcome: a refused item (a lease out of reach, no order that month) writes nothing,
 * the valid items are written completely (payment row + access-log WRITE).
 */
const figures = new Figures('batch confirmations');
let hub: TestHub;
let token: string;
beforeAll(async () => {
  hub = await startTestHub();
  token = await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']);
});
afterAll(async () => {
  figures.flush();
  await hub?.stop();
});

const CONFIRM =
  'mutation($month: Month!, $items: [RentConfirmationItemInput!]!) { confirmRentPayments(month: $month, items: $items) { leaseId ok errorCode errorField payment { id leaseId month receivedCents } } }';

/** Two leases of bailleur 1 with an order active in the same begun month and nothing confirmed for it yet. */
async function twoUnconfirmed(): Promise<{ month: string; leases: Array<{ id: string; expected: number }> }> {
  const rows: Array<{ month: string; lease_id: string; expected: number }> =
    await hub.subgraphs.bailleur.dataSource.query(
      `WITH cand AS (
       SELECT DISTINCT ON (l.id, m.month) l.id AS lease_id, m.month, o.monthly_amount_cents AS expected
         FROM bailleur.lease l JOIN bailleur.direct_payment_order o ON o.lease_id = l.id
         CROSS JOIN LATERAL (SELECT to_char(g, 'YYYY-MM') AS month FROM generate_series(date_trunc('month', o.starts_on), date_trunc('month', LEAST(COALESCE(o.ends_on, current_date), current_date)), interval '1 month') g) m
        WHERE l.landlord_org_id = $1 AND NOT EXISTS (SELECT 1 FROM bailleur.rent_payment p WHERE p.lease_id = l.id AND p.month = m.month)
        ORDER BY l.id, m.month, o.starts_on DESC)
     SELECT * FROM cand WHERE month = (SELECT month FROM cand GROUP BY month HAVING count(*) >= 2 ORDER BY month LIMIT 1) ORDER BY lease_id LIMIT 2`,
      [DEMO_ORGS.bailleurs[0]],
    );
  expect(rows).toHaveLength(2); // the demo has them; without, the test could not fail
  return { month: rows[0].month, leases: rows.map((r) => ({ id: r.lease_id, expected: r.expected })) };
}

const receivedOn = (month: string) => {
  const today = new Date().toISOString().slice(0, 10);
  return `${month}-05` > today ? today : `${month}-05`;
};

describe('faults › confirmRentPayments writes nothing half', () => {
  it('a malformed item (negative amount, far date) refuses the whole batch naming the field, and nothing is written', async () => {
    const { month, leases } = await twoUnconfirmed();
    const before = await rowCounts();
    for (const bad of [{ amountReceivedCents: -1 }, { receivedOn: '1800-01-05' }]) {
      const items = [
        { leaseId: leases[0].id, amountReceivedCents: leases[0].expected, receivedOn: receivedOn(month) },
        { leaseId: leases[1].id, amountReceivedCents: leases[1].expected, receivedOn: receivedOn(month), ...bad },
      ];
      const a = await askGateway(hub.gateway, token, CONFIRM, { month, items });
      figures.add('requests');
      expect(a.status).toBe(200);
      expect(a.body.data?.confirmRentPayments ?? null).toBeNull();
      expect(a.body.errors).toHaveLength(1);
      expect(a.body.errors[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: `items.${Object.keys(bad)[0]}`,
      });
    }
    expect(await rowCounts()).toEqual(before);
    figures.add('rowCountChecks');
  });

  it('a well-formed batch with one item out of reach: the valid item is written completely, the other reported and not written', async () => {
    const { month, leases } = await twoUnconfirmed();
    const before = await rowCounts();
    const items = [
      { leaseId: leases[0].id, amountReceivedCents: leases[0].expected, receivedOn: receivedOn(month) },
      { leaseId: UNKNOWN_UUID, amountReceivedCents: 100, receivedOn: receivedOn(month) },
    ];
    const a = await askGateway(hub.gateway, token, CONFIRM, { month, items });
    figures.add('requests');
    expect(a.body.errors).toBeUndefined();
    const [good, refused] = a.body.data.confirmRentPayments;
    expect(good).toMatchObject({
      leaseId: leases[0].id,
      ok: true,
      errorCode: null,
      payment: { leaseId: leases[0].id, month, receivedCents: leases[0].expected },
    });
    expect(refused).toMatchObject({ leaseId: UNKNOWN_UUID, ok: false, errorCode: 'FORBIDDEN', payment: null });
    const after = await rowCounts();
    figures.add('rowCountChecks');
    const changed = Object.fromEntries(
      Object.keys(after)
        .filter((t) => after[t] !== before[t])
        .map((t) => [t, after[t] - before[t]]),
    );
    // one payment and its WRITE record, nothing for the refused item
    expect(changed).toEqual({ 'bailleur.rent_payment': 1, 'bailleur.access_log': 1 });
    const [row] = await hub.subgraphs.bailleur.dataSource.query(
      `SELECT count(*)::int AS n FROM bailleur.rent_payment WHERE lease_id = $1 AND month = $2`,
      [leases[0].id, month],
    );
    expect(row.n).toBe(1);
  });
});

import { OrgKind, Role } from '../../../schema/policy';
import { DEMO_ORGS, DemoLease } from '../../../subgraphs/kit/seed/demo-plan';
import type { TestHub } from '../../helpers/hub';

export { sql } from '../../helpers/sql';

/** `YYYY-MM`, `delta` months from this month (UTC). */
export const monthFromNow = (delta: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + delta, 1)).toISOString().slice(0, 7);
};
export const today = () => new Date().toISOString().slice(0, 10);

export const landlordClaims = (orgId: string, sub = `gestion-${orgId.slice(-1)}`) => ({
  sub,
  org_kind: OrgKind.BAILLEUR,
  org_id: orgId,
  roles: [Role.GESTIONNAIRE_LOCATIF],
});
/** An ENCADRANT of the whole département (no territory claim). */
export const staffClaims = {
  sub: 'encadrant-dept',
  org_kind: OrgKind.DEPARTEMENT,
  org_id: DEMO_ORGS.departement,
  roles: [Role.ENCADRANT],
};

/**
 * Seeded leases without any direct-payment order, of one landlord: tests that mutate take their own slice
 * (each test file a disjoint range), so that files sharing the run's database stay independent.
 */
export function leasesWithoutOrder(hub: TestHub, landlordOrgId: string): DemoLease[] {
  const ordered = new Set(hub.plan.orders.map((o) => o.leaseId));
  return hub.plan.leases
    .filter((l) => l.landlordOrgId === landlordOrgId && !ordered.has(l.id))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export const CREATE_ORDER = `mutation($input: CreateDirectPaymentOrderInput!) { createDirectPaymentOrder(input: $input) { id leaseId basis payerKind payerOrgId monthlyAmountCents startsOn endsOn } }`;
export const CONFIRM = `mutation($input: RentConfirmationInput!) { confirmRentPayment(input: $input) { id leaseId month status expectedCents receivedCents receivedOn confirmedBy corrections { previousReceivedCents previousStatus receivedCents status authorSub } } }`;

/**
 * A département order on a lease, paid by association A, from the first day of `fromMonth`, of 300 € (below any demo
 * rent).
 */
export async function createOrder(
  hub: TestHub,
  leaseId: string,
  fromMonth = monthFromNow(-4),
  amount = 30000,
): Promise<string> {
  const { body } = await hub.query(await hub.token(staffClaims), CREATE_ORDER, {
    input: {
      leaseId,
      basis: 'MASP2_DELEGATION',
      payerOrgId: DEMO_ORGS.associationA,
      payerKind: 'ASSOCIATION',
      monthlyAmountCents: amount,
      startsOn: `${fromMonth}-01`,
    },
  });
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data.createDirectPaymentOrder.id;
}

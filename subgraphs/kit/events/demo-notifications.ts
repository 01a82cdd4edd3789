import type { DataSource } from 'typeorm';
import { DEMO_ORGS, DemoPlan } from '../seed/demo-plan';
import { notify, NotificationAudience } from './notify';

type Demo = { audience: NotificationAudience; beneficiaryId: string; kind: string; data: Record<string, unknown> };

/** The demo's notifications of one partner: a few of what each is told (issue 17 §5), from the demo plan's rows. */
export function demoNotifications(partner: string, plan: DemoPlan): Demo[] {
  const firstOf = <T, K>(rows: T[], key: (r: T) => K) => [...new Map(rows.map((r) => [key(r), r])).values()];
  switch (partner) {
    case 'department': {
      // one person of each référent: arrears for the département, a contract ending for the référent
      const persons = firstOf([...plan.persons].reverse(), (p) => p.referentSub);
      return persons.flatMap((p) => [
        {
          audience: { orgId: DEMO_ORGS.departement },
          beneficiaryId: p.id,
          kind: 'arrears.reached',
          data: {},
        },
        {
          audience: { orgId: DEMO_ORGS.departement, sub: p.referentSub },
          beneficiaryId: p.id,
          kind: 'contract.ending',
          data: {},
        },
      ]);
    }
    case 'association':
      return firstOf([...plan.delegations].reverse(), (d) => d.associationOrgId).map((d) => ({
        audience: { orgId: d.associationOrgId },
        beneficiaryId: d.beneficiaryId,
        kind: 'delegation.granted',
        data: { startsOn: d.startsOn },
      }));
    case 'bailleur':
      return firstOf([...plan.leases].reverse(), (l) => l.landlordOrgId).map((l) => ({
        audience: { orgId: l.landlordOrgId },
        beneficiaryId: l.beneficiaryId,
        kind: 'payment-order.decided',
        data: { startsOn: l.startsOn },
      }));
    case 'mandataire':
      return firstOf([...plan.majNotices].reverse(), (n) => n.mandataireOrgId).map((n) => ({
        audience: { orgId: n.mandataireOrgId },
        beneficiaryId: n.beneficiaryId,
        kind: 'maj-notice.recorded',
        data: { startsOn: n.startsOn },
      }));
    default:
      return [];
  }
}

/** Seeds the demo's notifications of a partner once (nothing if its list already holds any). */
export async function seedDemoNotifications(ds: DataSource, plan: DemoPlan): Promise<void> {
  const schema = (ds.options as { schema?: string }).schema!;
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${schema}".notification`);
  if (n > 0) return;
  await ds.transaction(async (m) => {
    for (const d of demoNotifications(schema, plan)) await notify(m, d);
  });
}

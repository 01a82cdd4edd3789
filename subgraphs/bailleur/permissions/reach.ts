import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/caller';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/reach';

/**
 * Row rule for leases (alias `l`), and through them orders and payments:
 * - GESTIONNAIRE_LOCATIF: the leases of their own landlord organisation;
 * - DELEGUE, MJPM: the leases on which their organisation pays the rent under an active order;
 * - TRAVAILLEUR_SOCIAL, ENCADRANT: every lease (the référent check lives with the person, at the département);
 * - anybody else: none.
 */
export function leaseReach(caller: Caller, alias = 'l'): Condition {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const role of caller.roles) {
    if (role === Role.GESTIONNAIRE_LOCATIF && caller.orgKind === OrgKind.BAILLEUR) {
      parts.push(`${alias}.landlord_org_id = :reachOrg`);
      params.reachOrg = caller.orgId;
    } else if (role === Role.DELEGUE || role === Role.MJPM) {
      parts.push(`EXISTS (SELECT 1 FROM bailleur.direct_payment_order ro WHERE ro.lease_id = ${alias}.id AND ro.payer_org_id = :reachOrg
        AND ro.starts_on <= current_date AND (ro.ends_on IS NULL OR ro.ends_on >= current_date))`);
      params.reachOrg = caller.orgId;
    } else if ((role === Role.TRAVAILLEUR_SOCIAL || role === Role.ENCADRANT) && caller.orgKind === OrgKind.DEPARTEMENT) {
      return REACH_ALL;
    }
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : REACH_NONE;
}

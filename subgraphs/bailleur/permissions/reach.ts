import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/access/caller';
import { candidatesForDepartementStaff, type PersonRegistry } from '../../kit/access/department-registry';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/access/reach';

/**
 * Row rule for leases (alias `l`), and through them orders and payments:
 * - GESTIONNAIRE_LOCATIF: the leases of their own landlord organisation;
 * - DELEGUE, MJPM: the leases on which their organisation pays the rent under an active order;
 * - TRAVAILLEUR_SOCIAL, ENCADRANT: the leases of the persons the département's registry says they reach (référent /
 *   territory, schema/policy.md › Row rules). The SQL lets every lease through as a candidate only when the caller holds the request's
 *   `registry`, and the rows read must then go through `registry.keep` (kit/department-registry.ts); without it, none;
 * - anybody else: none.
 */
export function leaseReach(caller: Caller, alias = 'l', registry?: PersonRegistry): Condition {
  if (candidatesForDepartementStaff(caller, registry)) return REACH_ALL; // candidates: the registry filters them person by person
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
    }
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : REACH_NONE;
}

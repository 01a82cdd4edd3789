import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/access/caller';
import { candidatesForDepartementStaff, type PersonRegistry } from '../../kit/access/department-registry';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/access/reach';
import { LEASE_OF_LANDLORD, LEASE_PAID_BY } from '../sql';

/**
 * Row rule for leases (alias `l`), and through them orders and payments:
 * - GESTIONNAIRE_LOCATIF: the leases of their own landlord organisation;
 * - DELEGUE, MJPM: the leases on which their organisation pays the rent under an active order;
 * - TRAVAILLEUR_SOCIAL, ENCADRANT: the leases of the persons the département's registry says they reach (référent /
 * territory, schema/policy.md › Row rules). The SQL lets every lease through as a candidate only when the caller holds
 * the request's
 *   `registry`, and the rows read must then go through `registry.keep` (kit/department-registry.ts); without it, none;
 * - anybody else: none.
 */
export function leaseReach(caller: Caller, alias = 'l', registry?: PersonRegistry): Condition {
  // candidates: the registry filters them person by person
  if (candidatesForDepartementStaff(caller, registry)) return REACH_ALL;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const role of caller.roles) {
    if (role === Role.GESTIONNAIRE_LOCATIF && caller.orgKind === OrgKind.BAILLEUR) {
      parts.push(LEASE_OF_LANDLORD(alias));
      params.reachOrg = caller.orgId;
    } else if (role === Role.DELEGUE || role === Role.MJPM) {
      parts.push(LEASE_PAID_BY(alias));
      params.reachOrg = caller.orgId;
    }
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : REACH_NONE;
}

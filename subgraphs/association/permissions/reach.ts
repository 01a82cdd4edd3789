import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/caller';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/reach';

/**
 * Row rule for delegated files (alias `f`): a DELEGUE reaches the files of its own association while the
 * delegation lasts and until the final bilan (ACTIVE, CLOSING); département staff reach every file
 * (the référent check lives with the person, at the département); nobody else reaches any.
 */
export function delegatedFileReach(caller: Caller, alias = 'f'): Condition {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const role of caller.roles) {
    if (role === Role.DELEGUE && caller.orgKind === OrgKind.ASSOCIATION) {
      parts.push(`(${alias}.association_org_id = :reachOrg AND ${alias}.status IN ('ACTIVE', 'CLOSING'))`);
      params.reachOrg = caller.orgId;
    } else if ((role === Role.TRAVAILLEUR_SOCIAL || role === Role.ENCADRANT) && caller.orgKind === OrgKind.DEPARTEMENT) {
      return REACH_ALL;
    }
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : REACH_NONE;
}

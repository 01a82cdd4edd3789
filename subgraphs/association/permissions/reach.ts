import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/access/caller';
import { candidatesForDepartementStaff, type PersonRegistry } from '../../kit/access/department-registry';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/access/reach';
import { FILE_OF_ASSOCIATION } from '../sql';

/**
 * Row rule for delegated files (alias `f`): a DELEGUE reaches the files of its own association while the
 * delegation lasts and until the final bilan (ACTIVE, CLOSING); département staff (TRAVAILLEUR_SOCIAL, ENCADRANT)
 * reach the files of the persons the département's registry says they reach (référent / territory, schema/policy.md ›
 * Row rules): the
 * SQL lets every file through as a candidate only when the caller holds the request's `registry`, and the rows read
 * must then go through `registry.keep` (kit/department-registry.ts); without it, no file. Nobody else reaches any.
 */
export function delegatedFileReach(caller: Caller, alias = 'f', registry?: PersonRegistry): Condition {
  // candidates: the registry filters them person by person
  if (candidatesForDepartementStaff(caller, registry)) return REACH_ALL;
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const role of caller.roles) {
    if (role === Role.DELEGUE && caller.orgKind === OrgKind.ASSOCIATION) {
      parts.push(FILE_OF_ASSOCIATION(alias));
      params.reachOrg = caller.orgId;
    }
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : REACH_NONE;
}

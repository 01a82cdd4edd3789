import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/access/caller';
import { candidatesForDepartementStaff, type PersonRegistry } from '../../kit/access/department-registry';
import { Condition, REACH_ALL, REACH_NONE } from '../../kit/access/reach';
import { MAJ_OF_SERVICE, NOTICE_OF_SERVICE, ROW_OF_MAJ, ROW_OF_MAJ_PERSON } from '../sql';

/**
 * Row rule for judicial measures (alias `j`): an MJPM reaches the active MAJ assigned to its service; département
 * staff (TRAVAILLEUR_SOCIAL, ENCADRANT; they receive the notices, CASF L271-6) the MAJ of the persons the
 * département's registry says they reach (référent / territory, schema/policy.md › Row rules): the SQL lets every row
 * through as a
 * candidate only when the caller holds the request's `registry`, and the rows read must then go through
 * `registry.keep` (kit/department-registry.ts); without it, none. Nobody else reaches any.
 */
export function judicialMeasureReach(caller: Caller, alias = 'j', registry?: PersonRegistry): Condition {
  // candidates: the registry filters them person by person
  if (candidatesForDepartementStaff(caller, registry)) return REACH_ALL;
  if (caller.roles.includes(Role.MJPM) && caller.orgKind === OrgKind.MANDATAIRE) {
    return { sql: MAJ_OF_SERVICE(alias), params: { reachOrg: caller.orgId } };
  }
  return REACH_NONE;
}

/** Rows that hang off a MAJ (renewals, account, operations; alias with a `judicial_measure_id`): the MAJ's reach. */
export function attachedToMeasureReach(caller: Caller, alias: string, registry?: PersonRegistry): Condition {
  const measure = judicialMeasureReach(caller, 'rj', registry);
  if (measure === REACH_ALL || measure === REACH_NONE) return measure;
  return { sql: ROW_OF_MAJ(alias, measure.sql), params: measure.params };
}

/**
 * Rows about a person (protection measures; alias with a `beneficiary_id`): département staff the persons the
 * registry says they reach (same contract as above); an MJPM the persons its service runs an active MAJ for.
 */
export function personReach(caller: Caller, alias: string, registry?: PersonRegistry): Condition {
  const measure = judicialMeasureReach(caller, 'rj', registry);
  if (measure === REACH_ALL || measure === REACH_NONE) return measure;
  return { sql: ROW_OF_MAJ_PERSON(alias, measure.sql), params: measure.params };
}

/** The notices the département sent (alias `n`): an MJPM reaches those naming its service; nobody else any. */
export function noticeReach(caller: Caller, alias = 'n'): Condition {
  if (caller.roles.includes(Role.MJPM) && caller.orgKind === OrgKind.MANDATAIRE) {
    return { sql: NOTICE_OF_SERVICE(alias), params: { reachOrg: caller.orgId } };
  }
  return REACH_NONE;
}

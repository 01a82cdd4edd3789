import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/access/caller';

import { Condition, REACH_ALL, REACH_NONE } from '../../kit/access/reach';
import { MEASURE_REACH, PERSON_REACH } from '../sql';

/**
 * Row rule of schema/policy.md › Row rules for persons (alias `b` = department.beneficiary): which persons this caller
 * may reach.
 * - TRAVAILLEUR_SOCIAL: the persons whose référent they are;
 * - ENCADRANT: the persons of their territory (no territory claim: the whole département);
 * - DELEGUE: the persons with a measure delegated to their association by an active delegation;
 * - MJPM: the persons with an active MAJ notice naming their service;
 * - MEDECIN: the persons with an open L271-6 procedure (report not yet decided) or a medical annex;
 * - PILOTAGE, GESTIONNAIRE_LOCATIF: nobody.
 */
export function beneficiaryReach(caller: Caller, alias = 'b'): Condition {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  for (const role of caller.roles) {
    if (role === Role.TRAVAILLEUR_SOCIAL && caller.orgKind === OrgKind.DEPARTEMENT) {
      parts.push(PERSON_REACH.referent(alias));
      params.reachSub = caller.sub;
    } else if (role === Role.ENCADRANT && caller.orgKind === OrgKind.DEPARTEMENT) {
      if (!caller.territory) return REACH_ALL;
      parts.push(PERSON_REACH.territory(alias));
      params.reachTerritory = caller.territory;
    } else if (role === Role.MEDECIN && caller.orgKind === OrgKind.DEPARTEMENT) {
      parts.push(PERSON_REACH.medicalProcedure(alias));
    } else if (role === Role.DELEGUE) {
      parts.push(PERSON_REACH.delegated(alias));
      params.reachOrg = caller.orgId;
    } else if (role === Role.MJPM) {
      parts.push(PERSON_REACH.maj(alias));
      params.reachOrg = caller.orgId;
    }
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : REACH_NONE;
}

/**
 * Row rule for measures (alias `m` = department.measure): a délégataire reaches only the measure delegated to it
 * (strict necessity), everybody else the measures of the persons they reach. `personIds` (an SQL array expression, e.g.
 * `:ids`) bounds the persons whose reach is checked: the rows asked for, so the reach is not evaluated over a whole
 * caseload.
 */
export function measureReach(caller: Caller, alias = 'm', personIds?: string): Condition {
  if (caller.roles.length === 1 && caller.roles[0] === Role.DELEGUE) {
    return { sql: MEASURE_REACH.delegated(alias), params: { reachOrg: caller.orgId } };
  }
  const person = beneficiaryReach(caller, 'rb');
  if (person === REACH_NONE || person === REACH_ALL) return person;
  return { sql: MEASURE_REACH.viaPerson(alias, person.sql, personIds), params: person.params };
}

import { DEPARTMENT_CASE_ROLES, isDepartmentCaseWorker, OrgKind, Role } from '../../schema/policy';

describe('schema › policy › département case workers', () => {
  it('are the référent and the encadrant, and only at the département', () => {
    expect(DEPARTMENT_CASE_ROLES).toEqual([Role.TRAVAILLEUR_SOCIAL, Role.ENCADRANT]);
    expect(isDepartmentCaseWorker({ orgKind: OrgKind.DEPARTEMENT, roles: [Role.TRAVAILLEUR_SOCIAL] })).toBe(true);
    expect(isDepartmentCaseWorker({ orgKind: OrgKind.DEPARTEMENT, roles: [Role.PILOTAGE, Role.ENCADRANT] })).toBe(true);
    expect(isDepartmentCaseWorker({ orgKind: OrgKind.DEPARTEMENT, roles: [Role.MEDECIN, Role.PILOTAGE] })).toBe(false);
    expect(isDepartmentCaseWorker({ orgKind: OrgKind.ASSOCIATION, roles: [Role.ENCADRANT] })).toBe(false);
    expect(isDepartmentCaseWorker({ orgKind: OrgKind.DEPARTEMENT, roles: [] })).toBe(false);
  });
});

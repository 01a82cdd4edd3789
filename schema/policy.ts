/**
 * The secret partagé as data: the matrix of ../shared/policy.md.
 *
 * The gateway turns a caller's roles into domain scopes with `scopesForRoles`; every subgraph builds its
 * graphql-shield map from the `@requiresScopes` directives of its own schema and this same module.
 * A field is served only if it is classified (`@requiresScopes(scopes: [["domain:X"]])`) and the caller holds X,
 * or if it is listed in `PUBLIC_FIELDS` (ids, lifecycle enums and dates: nothing that says who a person is).
 */

export enum Domain {
  IDENTITY = 'IDENTITY',
  TENANCY = 'TENANCY',
  BENEFITS = 'BENEFITS',
  BUDGET = 'BUDGET',
  SOCIAL = 'SOCIAL',
  SOCIAL_SUMMARY = 'SOCIAL_SUMMARY',
  JUDICIAL = 'JUDICIAL',
  MEDICAL = 'MEDICAL',
  STATISTICS = 'STATISTICS',
  AUDIT = 'AUDIT',
}

export enum OrgKind {
  DEPARTEMENT = 'DEPARTEMENT',
  ASSOCIATION = 'ASSOCIATION',
  BAILLEUR = 'BAILLEUR',
  MANDATAIRE = 'MANDATAIRE',
}

export enum Role {
  TRAVAILLEUR_SOCIAL = 'TRAVAILLEUR_SOCIAL',
  ENCADRANT = 'ENCADRANT',
  MEDECIN = 'MEDECIN',
  PILOTAGE = 'PILOTAGE',
  DELEGUE = 'DELEGUE',
  GESTIONNAIRE_LOCATIF = 'GESTIONNAIRE_LOCATIF',
  MJPM = 'MJPM',
}

/** Which roles an organisation of each kind may hand out (a token claiming another pairing is refused). */
export const ROLES_BY_ORG_KIND: Readonly<Record<OrgKind, readonly Role[]>> = {
  [OrgKind.DEPARTEMENT]: [Role.TRAVAILLEUR_SOCIAL, Role.ENCADRANT, Role.MEDECIN, Role.PILOTAGE],
  [OrgKind.ASSOCIATION]: [Role.DELEGUE],
  [OrgKind.BAILLEUR]: [Role.GESTIONNAIRE_LOCATIF],
  [OrgKind.MANDATAIRE]: [Role.MJPM],
};

/** The département's case workers (the référent and the encadrant): they run the case work on the persons they follow. */
export const DEPARTMENT_CASE_ROLES: readonly Role[] = [Role.TRAVAILLEUR_SOCIAL, Role.ENCADRANT];

/**
 * A département agent holding a case worker's role: the one whose reach on a partner's rows is the département's
 * référent / territory rule. The same role claimed by another organisation (refused at sign-in anyway) is not one.
 */
export function isDepartmentCaseWorker(caller: { readonly orgKind: OrgKind; readonly roles: readonly Role[] }): boolean {
  return caller.orgKind === OrgKind.DEPARTEMENT && caller.roles.some((r) => DEPARTMENT_CASE_ROLES.includes(r));
}

const D = Domain;
/** policy.md, "Matrix": the domains each role holds. Anything not listed is denied. */
export const ROLE_DOMAINS: Readonly<Record<Role, readonly Domain[]>> = {
  [Role.TRAVAILLEUR_SOCIAL]: [D.IDENTITY, D.TENANCY, D.BENEFITS, D.BUDGET, D.SOCIAL, D.SOCIAL_SUMMARY, D.JUDICIAL, D.AUDIT],
  [Role.ENCADRANT]: [D.IDENTITY, D.TENANCY, D.BENEFITS, D.BUDGET, D.SOCIAL, D.SOCIAL_SUMMARY, D.JUDICIAL, D.STATISTICS, D.AUDIT],
  [Role.MEDECIN]: [D.IDENTITY, D.SOCIAL, D.SOCIAL_SUMMARY, D.MEDICAL],
  [Role.PILOTAGE]: [D.STATISTICS],
  [Role.DELEGUE]: [D.IDENTITY, D.TENANCY, D.BENEFITS, D.BUDGET, D.SOCIAL_SUMMARY],
  [Role.GESTIONNAIRE_LOCATIF]: [D.TENANCY],
  [Role.MJPM]: [D.IDENTITY, D.TENANCY, D.BENEFITS, D.BUDGET, D.SOCIAL_SUMMARY, D.JUDICIAL],
};

const SCOPE_PREFIX = 'domain:';

/** The OAuth-style scope that stands for a domain in `@requiresScopes`. */
export function domainScope(domain: Domain): string {
  return `${SCOPE_PREFIX}${domain}`;
}

/** The domain a scope stands for, or undefined for a scope that is not a domain scope. */
export function domainOfScope(scope: string): Domain | undefined {
  if (!scope.startsWith(SCOPE_PREFIX)) return undefined;
  const name = scope.slice(SCOPE_PREFIX.length);
  return (Object.values(Domain) as string[]).includes(name) ? (name as Domain) : undefined;
}

/** The domain scopes a caller holds through its roles (union over roles). */
export function scopesForRoles(roles: readonly Role[]): string[] {
  const domains = new Set<Domain>();
  for (const role of roles) for (const d of ROLE_DOMAINS[role] ?? []) domains.add(d);
  return [...domains].map(domainScope);
}

/** The SDL of the directive that classifies a field, ready for type-graphql's `@Directive`. */
export function requiresScopesSdl(domain: Domain): string {
  return `@requiresScopes(scopes: [["${domainScope(domain)}"]])`;
}

/**
 * Fields served without a domain: ids, lifecycle status and dates, entry points, and the organisation ids that
 * define a partner's reach. Anything carrying personal data must be classified instead (a test walks the
 * supergraph and fails on a field that is neither). One list per subgraph, merged by type name below.
 */
const DEPARTMENT_PUBLIC: Record<string, string[]> = {
  Query: ['beneficiary', 'caseload', 'measure', 'caseloadAlerts', 'l2717Statistics', 'reachablePersons'],
  Mutation: [
    'referBeneficiary', 'updateHousehold', 'assignReferent', 'recordBenefitReceived', 'endBenefitReceived', 'recordProtectionMeasure', 'checkEligibility',
    'recordEvaluation', 'recordContractRefusal', 'signContract', 'renewContract', 'signAvenant', 'endMeasure', 'setContribution', 'delegateMeasure',
    'endDelegation', 'requestDirectPayment', 'recordDirectPaymentJudgment', 'renewDirectPayment', 'endDirectPayment', 'openL2716Report',
    'writeMedicalAnnex', 'sendL2716Report', 'recordProcureurDecision', 'recordMajNotice', 'endMajNotice', 'setDepartmentParameter',
  ],
  Beneficiary: ['id', 'territory', 'measures'],
  Measure: [
    'id', 'status', 'startsOn', 'endsOn', 'beneficiary', 'consentRecordedOn', 'signedOn', 'notifiedOn', 'contestationDeadline', 'endedOn', 'endNotifiedOn',
    'endContestationDeadline', 'terms', 'cumulativeMonths', 'delegations',
  ],
  MeasureTerm: ['id', 'seq', 'startsOn', 'endsOn', 'months', 'evaluationId', 'decidedOn'],
  Avenant: ['id', 'signedOn'],
  Delegation: ['id', 'measureId', 'associationOrgId', 'conventionRef', 'startsOn', 'endsOn'],
  MajNotice: ['id', 'mandataireOrgId', 'startsOn', 'endsOn', 'reportId'],
  BenefitReceived: ['id'],
  ProtectionMeasure: ['id'],
  EligibilityCheck: ['id', 'checkedOn'],
  Evaluation: ['id', 'kind', 'evaluatedOn'],
  ContractRefusal: ['id', 'recordedOn', 'measureId'],
  L2716Report: ['id', 'status', 'openedOn', 'sentOn', 'decidedOn'],
  MedicalAnnex: ['id'],
  DirectPaymentRequest: ['id', 'status', 'requestedOn', 'landlordOrgId', 'measureId'],
  DirectPaymentJudgment: ['id', 'requestId', 'measureId', 'termId'],
  DepartmentParameter: ['key', 'validFrom', 'value', 'source'],
  CaseAlert: ['id', 'kinds', 'endsOn', 'cumulativeMonths', 'measure', 'beneficiary'],
};

const ASSOCIATION_PUBLIC: Record<string, string[]> = {
  Query: ['myDelegatedFiles', 'delegatedFile'],
  Mutation: ['openDelegatedFile', 'closeDelegatedFile', 'recordDelegationBilan', 'recordDelegatedBenefit', 'setDelegatedBudgetPlan', 'postDelegatedOperation', 'authoriseDelegatedOverdraft'],
  Measure: ['delegatedFile'],
  DelegatedFile: ['id', 'status', 'startedOn', 'endedOn', 'associationOrgId', 'workerSub', 'measure'],
  DelegatedBenefit: ['id'],
  DelegatedBudgetPlan: ['id'],
  DelegatedAccount: ['fileId'],
  DelegatedOperation: ['id', 'overdraftId', 'authorSub', 'authorOrgId'],
  DelegatedOverdraft: ['id', 'validFrom', 'validUntil', 'authorisedBySub', 'authorisedByOrgId'],
  DelegationBilan: ['id', 'kind', 'writtenOn', 'authorSub'],
};

const BAILLEUR_PUBLIC: Record<string, string[]> = {
  Query: ['myLeases', 'expectedPayments'],
  Mutation: ['createDirectPaymentOrder', 'endDirectPaymentOrder', 'confirmRentPayment', 'confirmRentPayments', 'declareRentArrears'],
  Lease: ['id', 'landlordOrgId', 'beneficiary'],
  RentPayment: ['id', 'leaseId', 'month', 'status'],
  DirectPaymentOrder: ['id', 'leaseId', 'startsOn', 'endsOn'],
  RentTerm: ['id'],
  RentPaymentCorrection: ['id'],
  RentArrearsDeclaration: ['id', 'leaseId'],
  ExpectedPayment: ['leaseId', 'month', 'orderId', 'status', 'payment'],
  RentConfirmationResult: ['leaseId', 'ok', 'payment', 'errorCode', 'errorMessage', 'errorField'],
};

const MANDATAIRE_PUBLIC: Record<string, string[]> = {
  Query: ['myJudicialMeasures', 'judicialMeasure', 'managementAccount'],
  Mutation: ['recordJudicialMeasure', 'renewJudicialMeasure', 'endJudicialMeasure', 'recordMajProtectionMeasure', 'recordMajAccountOperation', 'recordMajReport'],
  JudicialMeasure: ['id', 'status', 'startsOn', 'initialEndsOn', 'endsOn', 'endedOn', 'mandataireOrgId', 'beneficiary', 'renewals', 'reports'],
  MajRenewal: ['id', 'judicialMeasureId', 'decidedOn', 'previousEndsOn', 'newEndsOn'],
  MajReport: ['id', 'judicialMeasureId', 'writtenOn'],
  MajProtectionMeasure: ['id', 'endedJudicialMeasureId'],
  MajAccount: ['id', 'judicialMeasureId'],
  MajAccountOperation: ['id', 'judicialMeasureId'],
  MajManagementAccount: ['judicialMeasureId', 'year'],
};

/** Shared by every subgraph (the kit's access log and its entry points). */
const KIT_PUBLIC: Record<string, string[]> = {
  AccessLog: ['beneficiaryId'],
  AccessLogEntry: ['id'],
};

function mergePublic(...lists: Record<string, string[]>[]): Record<string, readonly string[]> {
  const merged: Record<string, string[]> = {};
  for (const list of lists) for (const [type, fields] of Object.entries(list)) merged[type] = [...new Set([...(merged[type] ?? []), ...fields])];
  return merged;
}

export const PUBLIC_FIELDS: Readonly<Record<string, readonly string[]>> = mergePublic(DEPARTMENT_PUBLIC, ASSOCIATION_PUBLIC, BAILLEUR_PUBLIC, MANDATAIRE_PUBLIC, KIT_PUBLIC);

export function isPublicField(typeName: string, fieldName: string): boolean {
  return PUBLIC_FIELDS[typeName]?.includes(fieldName) ?? false;
}

import { type DirectiveNode, valueFromASTUntyped } from 'graphql';

/**
 * The secret partagé as data: the matrix of schema/policy.md.
 *
 * The gateway turns a caller's roles into domain scopes with `scopesForRoles`; every subgraph builds its
 * graphql-shield map from the `@requiresScopes` directives of its own schema and this same module.
 * A field is served only if it is classified (`@requiresScopes(scopes: [["domain:X"]])`) and the caller holds X,
 * or if it is public: a root field of Query or Mutation (an entry point; the data it returns is classified field by
 * field) that carries no `@requiresScopes`, or an object field tagged `@tag(name: "public")` where it is declared
 * (the kit's `@Public()`: ids, lifecycle enums and dates, nothing that says who a person is). The gateway reads the
 * tags from the supergraph, each subgraph's shield from its own schema; a field that is neither is refused.
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

/**
 * The département's case workers (the référent and the encadrant): they run the case work on the persons they follow.
 */
export const DEPARTMENT_CASE_ROLES: readonly Role[] = [Role.TRAVAILLEUR_SOCIAL, Role.ENCADRANT];

/**
 * A département agent holding a case worker's role: the one whose reach on a partner's rows is the département's
 * référent / territory rule. The same role claimed by another organisation (refused at sign-in anyway) is not one.
 */
export function isDepartmentCaseWorker(caller: {
  readonly orgKind: OrgKind;
  readonly roles: readonly Role[];
}): boolean {
  return caller.orgKind === OrgKind.DEPARTEMENT && caller.roles.some((r) => DEPARTMENT_CASE_ROLES.includes(r));
}

const D = Domain;
/** schema/policy.md › Matrix: the domains each role holds. Anything not listed is denied. */
export const ROLE_DOMAINS: Readonly<Record<Role, readonly Domain[]>> = {
  [Role.TRAVAILLEUR_SOCIAL]: [
    D.IDENTITY,
    D.TENANCY,
    D.BENEFITS,
    D.BUDGET,
    D.SOCIAL,
    D.SOCIAL_SUMMARY,
    D.JUDICIAL,
    D.AUDIT,
  ],
  [Role.ENCADRANT]: [
    D.IDENTITY,
    D.TENANCY,
    D.BENEFITS,
    D.BUDGET,
    D.SOCIAL,
    D.SOCIAL_SUMMARY,
    D.JUDICIAL,
    D.STATISTICS,
    D.AUDIT,
  ],
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

/** The name of the Federation `@tag` that publishes a field (kit `@Public()`). */
export const PUBLIC_TAG = 'public';

/** The SDL of the tag that publishes a field, ready for type-graphql's `@Directive` or an SDL text. */
export const publicTagSdl = (): string => `@tag(name: "${PUBLIC_TAG}")`;

/** Does this field carry the public tag (in a subgraph's SDL or in the supergraph)? */
export function isTaggedPublic(field: { directives?: readonly DirectiveNode[] } | null | undefined): boolean {
  return !!field?.directives?.some(
    (d) =>
      d.name.value === 'tag' &&
      d.arguments?.some((a) => a.name.value === 'name' && valueFromASTUntyped(a.value) === PUBLIC_TAG),
  );
}

/** Root types: their fields are entry points; what they return is classified field by field. */
const ENTRY_POINT_TYPES: readonly string[] = ['Query', 'Mutation'];

/**
 * Whether a field that carries no `@requiresScopes` is served without a domain: an entry point (a root field), or a
 * field tagged `@tag(name: "public")` where it is declared (`taggedPublic`). Deny by default: anything else is refused,
 * by the gateway and by the subgraph.
 */
export function isPublicField(typeName: string, taggedPublic: boolean): boolean {
  return taggedPublic || ENTRY_POINT_TYPES.includes(typeName);
}

/**
 * The caller, as the gateway verifies it from a partner's JWT and as every subgraph receives it, signed, from the
 * gateway. One parser for both sides, so that a claim the gateway refuses can never be accepted by a subgraph.
 */
import { OrgKind, Role, ROLES_BY_ORG_KIND, scopesForRoles } from './policy';

export interface Caller {
  /** Stable id of the person acting (an agent of a partner organisation). */
  sub: string;
  orgKind: OrgKind;
  /** The partner organisation (uuid): defines the rows within reach. */
  orgId: string;
  roles: Role[];
  /** Département staff only: the territory they work on; none = the whole département. */
  territory?: string;
  /** Domain scopes derived from the roles by schema/policy.ts. */
  scopes: string[];
}

/** The claims a token carries (snake_case, as in the JWT). */
export interface CallerClaims {
  sub: string;
  org_kind: string;
  org_id: string;
  roles: string[];
  territory?: string;
}

export class ClaimsError extends Error {
  constructor(
    public readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TERRITORY = /^[A-Z0-9_-]{1,40}$/;

/** Checks the claims and builds the caller; throws ClaimsError naming the first bad claim. */
export function parseCallerClaims(claims: Record<string, unknown>): Caller {
  const { sub, org_kind, org_id, roles, territory } = claims;
  if (typeof sub !== 'string' || sub.length === 0 || sub.length > 200)
    throw new ClaimsError('bad_sub', 'claim "sub" must be a non-empty string');
  if (typeof org_kind !== 'string' || !(org_kind in ROLES_BY_ORG_KIND)) {
    throw new ClaimsError(
      'bad_org_kind',
      `claim "org_kind" must be one of ${Object.keys(ROLES_BY_ORG_KIND).join(', ')}`,
    );
  }
  if (typeof org_id !== 'string' || !UUID.test(org_id))
    throw new ClaimsError('bad_org_id', 'claim "org_id" must be a uuid');
  const allowed = ROLES_BY_ORG_KIND[org_kind as OrgKind];
  if (
    !Array.isArray(roles) ||
    roles.length === 0 ||
    !roles.every((r) => typeof r === 'string' && allowed.includes(r as Role))
  ) {
    throw new ClaimsError(
      'bad_roles',
      `claim "roles" must list roles of a ${org_kind} organisation: ${allowed.join(', ')}`,
    );
  }
  if (territory !== undefined && (typeof territory !== 'string' || !TERRITORY.test(territory))) {
    throw new ClaimsError('bad_territory', 'claim "territory" must be a territory code (A-Z, 0-9, _ or -)');
  }
  if (territory !== undefined && org_kind !== OrgKind.DEPARTEMENT) {
    throw new ClaimsError('bad_territory', 'claim "territory" is for département staff only');
  }
  const typedRoles = [...new Set(roles as Role[])];
  return {
    sub,
    orgKind: org_kind as OrgKind,
    orgId: org_id.toLowerCase(),
    roles: typedRoles,
    territory: territory as string | undefined,
    scopes: scopesForRoles(typedRoles),
  };
}

export function claimsOf(caller: Caller): CallerClaims {
  return {
    sub: caller.sub,
    org_kind: caller.orgKind,
    org_id: caller.orgId,
    roles: caller.roles,
    ...(caller.territory ? { territory: caller.territory } : {}),
  };
}

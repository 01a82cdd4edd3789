/**
 * Who is signed in: the access token and what its claims say, held in the page's memory only (a React state; never
 * localStorage nor sessionStorage): a reload signs out.
 */
export type Space = 'association' | 'bailleur' | 'departement' | 'mandataire';

export interface Session {
  token: string;
  label: string;
  roles: string[];
  orgKind?: string;
  sub?: string;
}

/** The claims of a JWT, unverified (the gateway verifies it; the console only picks the page to show). */
export function claimsOf(token: string): Record<string, unknown> {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')))
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    return JSON.parse(json) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export function sessionOf(token: string, label?: string): Session {
  const claims = claimsOf(token);
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  return {
    token,
    label: label ?? String(claims.name ?? claims.sub ?? 'utilisateur'),
    roles,
    orgKind: typeof claims.org_kind === 'string' ? claims.org_kind : undefined,
    sub: typeof claims.sub === 'string' ? claims.sub : undefined,
  };
}

/** The space a role works in. */
export function spaceOf(roles: string[]): Space | undefined {
  if (roles.includes('GESTIONNAIRE_LOCATIF')) return 'bailleur';
  if (roles.includes('DELEGUE')) return 'association';
  if (roles.includes('MJPM')) return 'mandataire';
  if (roles.some((r) => ['TRAVAILLEUR_SOCIAL', 'ENCADRANT', 'MEDECIN', 'PILOTAGE'].includes(r))) return 'departement';
  return undefined;
}

export const SPACE_LABELS: Record<Space, string> = {
  association: 'Association délégataire',
  bailleur: 'Bailleur',
  departement: 'Département',
  mandataire: 'Mandataire judiciaire (MJPM)',
};

import { OrgKind, Role } from '../../schema/policy';
import { DEMO_ORGS, referentSub } from '../../subgraphs/kit/seed/demo-plan';
import type { CallerClaims } from '../../schema/caller';

/** The demo callers `npm start` prints a token for: one per role, two associations to show isolation. */
export const DEMO_CALLERS: Record<string, CallerClaims> = {
  'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)': {
    sub: referentSub('MDD-ORLEANS', 1),
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.TRAVAILLEUR_SOCIAL],
  },
  'ENCADRANT (département, territoire MDD-ORLEANS)': {
    sub: 'encadrant-mdd-orleans',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.ENCADRANT],
    territory: 'MDD-ORLEANS',
  },
  'MEDECIN (département)': {
    sub: 'medecin-1',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.MEDECIN],
  },
  'PILOTAGE (département)': {
    sub: 'pilotage-1',
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.PILOTAGE],
  },
  'DELEGUE (association A)': {
    sub: 'delegue-a-1',
    org_kind: OrgKind.ASSOCIATION,
    org_id: DEMO_ORGS.associationA,
    roles: [Role.DELEGUE],
  },
  'DELEGUE (association B)': {
    sub: 'delegue-b-1',
    org_kind: OrgKind.ASSOCIATION,
    org_id: DEMO_ORGS.associationB,
    roles: [Role.DELEGUE],
  },
  'GESTIONNAIRE_LOCATIF (bailleur 1)': {
    sub: 'gestion-b1',
    org_kind: OrgKind.BAILLEUR,
    org_id: DEMO_ORGS.bailleurs[0],
    roles: [Role.GESTIONNAIRE_LOCATIF],
  },
  'MJPM (service mandataire)': {
    sub: 'mjpm-1',
    org_kind: OrgKind.MANDATAIRE,
    org_id: DEMO_ORGS.mandataire,
    roles: [Role.MJPM],
  },
};

import { OrgKind, Role } from '../../schema/policy';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import type { TestHub } from './hub';

/**
 * A délégataire of one test file's own (the CASF L271-3 register), with a convention in force since 2020, registered
 * through the département's API by a département-wide ENCADRANT. Test files share the run's database: a file that
 * delegates measures, opens files or ends delegations does it with its own délégataire, so that the lists and
 * notifications of the demo's associations A and B, which other files read, stay the demo's.
 */
export async function registerOwnDelegataire(
  hub: TestHub,
  org: { id: string; name: string; convention: string },
): Promise<void> {
  const token = await hub.token({
    sub: `encadrant-register-${org.id.slice(-4)}`,
    org_kind: OrgKind.DEPARTEMENT,
    org_id: DEMO_ORGS.departement,
    roles: [Role.ENCADRANT],
  });
  const steps = [
    [
      `mutation($input: RegisterDelegataireInput!) { registerDelegataire(input: $input) { id } }`,
      { id: org.id, name: org.name, kind: 'ASSOCIATION' },
    ],
    [
      `mutation($input: RecordDelegationConventionInput!) { recordDelegationConvention(input: $input) { id } }`,
      { organisationId: org.id, reference: org.convention, signedOn: '2020-01-01', startsOn: '2020-01-01' },
    ],
  ] as const;
  for (const [query, input] of steps) {
    const { body } = await hub.query(token, query, { input });
    if (body.errors) throw new Error(`registering délégataire ${org.id}: ${JSON.stringify(body.errors)}`);
  }
}

/** The claims of a DELEGUE of organisation `orgId`. */
export const delegueOf = (orgId: string, sub: string) => ({
  sub,
  org_kind: OrgKind.ASSOCIATION,
  org_id: orgId,
  roles: [Role.DELEGUE],
});

import { Role } from '../../schema/policy';
import { buildDemoPlan, DEMO_ORGS, DemoPlan, referentSub } from '../../subgraphs/kit/seed/demo-plan';
import { EntryPoint, generatedArgs, selectable, supergraph } from './supergraph-walk';

/**
 * The fixture table of the authorization tests: who plays each role (a DEMO_CALLERS label) and where they start
 * from, with ids from the demo plan (deterministic: the rows the global setup seeded).
 */
export const plan: DemoPlan = buildDemoPlan(); // deterministic ids: the same rows the global setup seeded
const tsSub = referentSub('MDD-ORLEANS', 1);
const majOf = (p: { id: string }) => plan.judicialMeasures.some((j) => j.beneficiaryId === p.id);
const leaseOf = (p: { id: string }) => plan.leases.some((l) => l.beneficiaryId === p.id);
const tsPerson =
  plan.persons.find((p) => p.referentSub === tsSub && majOf(p)) ??
  plan.persons.find((p) => p.referentSub === tsSub && leaseOf(p))!;
const nordMaj =
  plan.persons.find((p) => p.territory === 'MDD-ORLEANS' && majOf(p)) ??
  plan.persons.find((p) => p.territory === 'MDD-ORLEANS')!;
const delegationA = plan.delegations.find((d) => d.associationOrgId === DEMO_ORGS.associationA)!;
const majPerson = plan.judicialMeasures[0].beneficiaryId;
const majOfPerson = plan.judicialMeasures[0];
/** The compte de gestion's year with operations: last month's year (operations start the month after the judgment). */
const accountYear = Math.max(
  Number(majOfPerson.startsOn.slice(0, 4)),
  new Date(Date.now() - 40 * 86_400_000).getUTCFullYear(),
);
// the current one
const measureOf = (personId: string) => plan.measures.filter((m) => m.beneficiaryId === personId).pop()!.id;

/** Who plays each role, and where they start from (the fixture table of the matrix). */
export const ROLES: Record<Role, { caller: string; entries: EntryPoint[] }> = {
  [Role.TRAVAILLEUR_SOCIAL]: {
    caller: 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
    entries: [
      { field: 'beneficiary', args: `id: "${tsPerson.id}"` },
      { field: 'caseload', args: 'first: 100' },
      { field: 'measure', args: `id: "${measureOf(tsPerson.id)}"` },
    ],
  },
  [Role.ENCADRANT]: {
    caller: 'ENCADRANT (département, territoire MDD-ORLEANS)',
    entries: [
      { field: 'beneficiary', args: `id: "${nordMaj.id}"` },
      { field: 'caseload', args: 'first: 100' },
      { field: 'measure', args: `id: "${measureOf(nordMaj.id)}"` },
    ],
  },
  [Role.MEDECIN]: {
    caller: 'MEDECIN (département)',
    entries: [
      { field: 'caseload', args: 'first: 100' },
      { field: 'beneficiary', args: `id: "${plan.persons[0].id}"` },
    ],
  },
  [Role.PILOTAGE]: { caller: 'PILOTAGE (département)', entries: [{ field: 'caseload', args: 'first: 100' }] },
  [Role.DELEGUE]: {
    caller: 'DELEGUE (association A)',
    entries: [
      { field: 'beneficiary', args: `id: "${delegationA.beneficiaryId}"` },
      { field: 'myDelegatedFiles', args: 'first: 100' },
      { field: 'measure', args: `id: "${delegationA.measureId}"` },
    ],
  },
  [Role.GESTIONNAIRE_LOCATIF]: {
    caller: 'GESTIONNAIRE_LOCATIF (bailleur 1)',
    entries: [{ field: 'myLeases', args: 'first: 100' }],
  },
  [Role.MJPM]: {
    caller: 'MJPM (service mandataire)',
    entries: [
      { field: 'beneficiary', args: `id: "${majPerson}"` },
      { field: 'myJudicialMeasures', args: 'first: 100' },
      { field: 'measure', args: `id: "${measureOf(majPerson)}"` },
      { field: 'managementAccount', args: `judicialMeasureId: "${majOfPerson.id}", year: ${accountYear}` },
    ],
  },
};

/** Every other root field (added later too), with made-up required arguments, completes each role's entry points. */
const OPEN_ENTRIES: EntryPoint[] = Object.values(supergraph.getQueryType()!.getFields())
  .filter(selectable)
  .map((f) => ({ field: f.name, args: generatedArgs(f) || undefined }));

/** A role's entry points: its fixtures first, then every other root field. */
export function entriesOf(role: Role): EntryPoint[] {
  return [...ROLES[role].entries, ...OPEN_ENTRIES.filter((e) => !ROLES[role].entries.some((f) => f.field === e.field))];
}

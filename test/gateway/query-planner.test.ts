import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readGatewayConfig } from '../../gateway/env';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { Role } from '../../schema/policy';

const CALLER_OF: Partial<Record<Role, string>> = {
  [Role.DELEGUE]: 'DELEGUE (association A)',
  [Role.GESTIONNAIRE_LOCATIF]: 'GESTIONNAIRE_LOCATIF (bailleur 1)',
  [Role.TRAVAILLEUR_SOCIAL]: 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
  [Role.MJPM]: 'MJPM (service mandataire)',
};
const DENIED = {
  caller: 'MEDECIN (département)',
  query: '{ caseload(first: 3) { id lastName leases { rentCents } benefits { kind } } }',
};
// Every leaf refused: the root field is still asked (`__typename` in place of its refused selection), and its own
// refusal (a role the action is reserved to) reaches the client beside the domain's.
const ALL_DENIED = {
  caller: 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
  query: '{ l2717Statistics(year: 2025) { year } }',
};
// A mutation refused by its subgraph at a non-null root field: `data: null`, as the GraphQL spec says.
const REFUSED_WRITE = {
  caller: 'DELEGUE (association A)',
  query:
    'mutation PlannerProbeWrite { postDelegatedOperation(input: { fileId: "00000000-0000-4000-8000-00000000dead", kind: RECEIPT, amountCents: 100, operatedOn: "2026-01-05", label: "probe" }) { id } }',
};
const NAMED_READ = {
  caller: 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)',
  query: 'query PlannerProbeRead { caseload(first: 2) { id lastName leases { rentCents } } }',
};
const cases = [
  ...Object.values(SAMPLE_QUERIES).map((s) => ({ caller: CALLER_OF[s.role]!, query: s.query, variables: s.variables })),
  DENIED,
  ALL_DENIED,
  REFUSED_WRITE,
  NAMED_READ,
];
const at = (c: object) => cases.indexOf(c as (typeof cases)[number]);
let answers: Array<{ js: any; rust: any }>;

beforeAll(() => {
  // A plain Node process, as the gateway runs (jest.config.js only shims the planner's dynamic import for the other
  // tests).
  const root = join(__dirname, '..', '..');
  const out = execFileSync(
    process.execPath,
    ['-r', '@swc-node/register', join(root, 'test', 'helpers', 'planner-answers.ts')],
    {
      cwd: root,
      input: JSON.stringify(cases),
      env: { ...process.env, LOG_LEVEL: 'silent', SWC_NODE_PROJECT: join(root, 'tsconfig.json') },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 120_000,
    },
  ).toString();
  answers = JSON.parse(out.trim().split('\n').pop()!);
}, 150_000);

describe("gateway › QUERY_PLANNER=rust (Hive's Rust query planner, the default) answers exactly as the runtime's JS planner", () => {
  it.each(Object.keys(SAMPLE_QUERIES).map((name, i) => [name, i] as const))(
    'journey %s: same data, no error',
    (_name, i) => {
      const { js, rust } = answers[i];
      expect(js.body.errors).toBeUndefined();
      expect(rust).toEqual(js);
      expect(JSON.stringify(rust.body.data).length).toBeGreaterThan(100); // real rows, not an empty answer
    },
  );

  it('applies the secret partagé before planning: a MEDECIN gets the same FORBIDDEN paths and domains, and the rest', () => {
    const { js, rust } = answers[at(DENIED)];
    expect(js.body.errors.map((e: any) => e.extensions.domain)).toEqual(
      expect.arrayContaining(['BENEFITS', 'TENANCY']),
    );
    expect(js.body.data.caseload.length).toBeGreaterThan(0);
    expect(rust).toEqual(js);
  });

  it('answers an operation whose every leaf is refused with the refusals, null up to the nearest nullable', () => {
    const { js, rust } = answers[at(ALL_DENIED)];
    expect(rust).toEqual(js);
    expect(rust.status).toBe(200);
    // l2717Statistics is non-null and the department refuses it to this role: data is null
    expect(rust.body.data).toBeNull();
    expect(rust.body.errors.map((e: any) => [e.path, e.extensions.code, e.extensions.domain])).toEqual([
      [['l2717Statistics'], 'FORBIDDEN', undefined],
      [['l2717Statistics', 'year'], 'FORBIDDEN', 'STATISTICS'],
    ]);
  });

  it('answers data: null when a mutation fails at its root field', () => {
    const { js, rust } = answers[at(REFUSED_WRITE)];
    expect(rust).toEqual(js);
    expect(rust.body).toHaveProperty('data', null);
    expect(rust.body.errors.length).toBeGreaterThan(0);
  });

  it("passes the client's operation name to every subgraph's access log (the planners name subgraph operations differently)", () => {
    const { js, rust } = answers[at(NAMED_READ)];
    expect(rust.body).toEqual(js.body);
    // rows written under the operation's name, by the department and by the bailleur (the leases), for each planner
    expect(js.logged).toEqual(expect.arrayContaining(['bailleur', 'department']));
    expect(rust.logged).toEqual(js.logged);
  });

  it('refuses an unknown planner at start-up, naming the variable', () => {
    expect(() => readGatewayConfig({ NODE_ENV: 'test', QUERY_PLANNER: 'fast' })).toThrow(/QUERY_PLANNER/);
  });
});

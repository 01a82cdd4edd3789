import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readGatewayConfig } from '../../gateway/env';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { Role } from '../../schema/policy';
import { TEST_SECRET } from '../helpers/hub';

const CALLER_OF: Partial<Record<Role, string>> = {
  [Role.DELEGUE]: 'DELEGUE (association A)',
  [Role.GESTIONNAIRE_LOCATIF]: 'GESTIONNAIRE_LOCATIF (bailleur 1)',
  [Role.TRAVAILLEUR_SOCIAL]: 'TRAVAILLEUR_SOCIAL (département, référent NORD)',
  [Role.MJPM]: 'MJPM (service mandataire)',
};
const DENIED = { caller: 'MEDECIN (département)', query: '{ caseload(first: 3) { id lastName leases { rentCents } benefits { kind } } }' };
const cases = [...Object.values(SAMPLE_QUERIES).map((s) => ({ caller: CALLER_OF[s.role]!, query: s.query })), DENIED];
let answers: Array<{ js: any; rust: any }>;

beforeAll(() => {
  // A plain Node process: the Rust planner's native module is loaded by a dynamic import(), which jest's VM refuses.
  const root = join(__dirname, '..', '..');
  const out = execFileSync(process.execPath, ['-r', '@swc-node/register', join(root, 'test', 'helpers', 'planner-answers.ts')], {
    cwd: root, input: JSON.stringify(cases), env: { ...process.env, LOG_LEVEL: 'silent', SWC_NODE_PROJECT: join(root, 'tsconfig.json') }, maxBuffer: 64 * 1024 * 1024, timeout: 120_000,
  }).toString();
  answers = JSON.parse(out.trim().split('\n').pop()!);
}, 150_000);

describe("gateway › QUERY_PLANNER=rust (Hive's Rust query planner) answers exactly as the default planner", () => {
  it.each(Object.keys(SAMPLE_QUERIES).map((name, i) => [name, i] as const))('journey %s: same data, no error', (_name, i) => {
    const { js, rust } = answers[i];
    expect(js.body.errors).toBeUndefined();
    expect(rust).toEqual(js);
    expect(JSON.stringify(rust.body.data).length).toBeGreaterThan(100); // real rows, not an empty answer
  });

  it('applies the secret partagé before planning: a MEDECIN gets the same FORBIDDEN paths and domains, and the rest', () => {
    const { js, rust } = answers[cases.length - 1];
    expect(js.body.errors.map((e: any) => e.extensions.domain)).toEqual(expect.arrayContaining(['BENEFITS', 'TENANCY']));
    expect(js.body.data.caseload.length).toBeGreaterThan(0);
    expect(rust).toEqual(js);
  });

  it('refuses an unknown planner at start-up, naming the variable', () => {
    expect(() => readGatewayConfig({ UPSTREAM_SIGNING_SECRET: TEST_SECRET, NODE_ENV: 'test', QUERY_PLANNER: 'fast' })).toThrow(/QUERY_PLANNER/);
  });
});

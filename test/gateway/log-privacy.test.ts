import type { TestHub } from '../helpers/hub';
import type { DemoPlan } from '../../subgraphs/kit/seed/demo-plan';
import { sql } from '../helpers/sql';

/**
 * Logs carry no personal data, whatever fails. Each subgraph is made to fail a write at the database, through the
 * gateway, with inputs a person would recognise (a name, an address, a phone number, a report's words, an amount):
 * a CHECK constraint added for the test refuses them (PostgreSQL then puts the whole row in `detail`, typeorm the
 * inputs in `parameters`), or a unique index repeats one in "Key (…)=(…) already exists". Every log line of the
 * gateway and of the subgraphs is read, at debug level: none holds an input; the caller gets "Unexpected error."
 * with no SQL.
 */

// Before any module of the hub is loaded: every logger at debug level (the kit's reads LOG_LEVEL once, at import).
process.env.LOG_LEVEL = 'debug';
/* eslint-disable @typescript-eslint/no-require-imports -- loaded after LOG_LEVEL is set, on purpose */
const { startTestHub } = require('../helpers/hub') as typeof import('../helpers/hub');
const { tapLogLines } =
  require('../../subgraphs/kit/runtime/logger') as typeof import('../../subgraphs/kit/runtime/logger');
const { DEMO_CALLERS } = require('../../gateway/dev/dev-tokens') as typeof import('../../gateway/dev/dev-tokens');
const { buildDemoPlan, DEMO_ORGS } =
  require('../../subgraphs/kit/seed/demo-plan') as typeof import('../../subgraphs/kit/seed/demo-plan');
/* eslint-enable @typescript-eslint/no-require-imports */

const LAST_NAME = 'Zorglubowski';
const FIRST_NAME = 'Théodorine';
const ADDRESS = '17 impasse des Quatre-Vents, 45999 Vrillac';
const PHONE = '+33 6 71 93 58 24';
const BILAN = 'Madame Zorglubowski a réglé sa dette envers le Crédit Vrillacois.';
const REPORT = 'Monsieur Zorglubowski souffre de troubles Vrillac-Menard.';
const RECEIVED_ON = `${new Date(Date.now() - 35 * 86_400_000).toISOString().slice(0, 7)}-07`;
const INPUTS = [LAST_NAME, FIRST_NAME, ADDRESS, PHONE, 'Vrillac', '1961-07-23', RECEIVED_ON];

const CONSTRAINTS = [
  `ALTER TABLE department.beneficiary ADD CONSTRAINT test_log_privacy CHECK (last_name <> '${LAST_NAME}') NOT VALID`,
  `CREATE UNIQUE INDEX test_log_privacy_unique ON department.beneficiary (phone) WHERE phone = '${PHONE}'`,
  `ALTER TABLE association.delegation_bilan ADD CONSTRAINT test_log_privacy CHECK (summary NOT LIKE '%Vrillac%') NOT VALID`,
  `ALTER TABLE mandataire.maj_report ADD CONSTRAINT test_log_privacy CHECK (content NOT LIKE '%Vrillac%') NOT VALID`,
  `ALTER TABLE bailleur.rent_payment ADD CONSTRAINT test_log_privacy CHECK (received_on IS DISTINCT FROM '${RECEIVED_ON}') NOT VALID`,
];
const DROP = [
  'ALTER TABLE department.beneficiary DROP CONSTRAINT IF EXISTS test_log_privacy',
  'DROP INDEX IF EXISTS department.test_log_privacy_unique',
  'ALTER TABLE association.delegation_bilan DROP CONSTRAINT IF EXISTS test_log_privacy',
  'ALTER TABLE mandataire.maj_report DROP CONSTRAINT IF EXISTS test_log_privacy',
  'ALTER TABLE bailleur.rent_payment DROP CONSTRAINT IF EXISTS test_log_privacy',
];

let hub: TestHub;
let plan: DemoPlan;
const lines: string[] = [];
let untap: () => void;

beforeAll(async () => {
  untap = tapLogLines((line) => lines.push(line));
  // The gateway runtime's own logger is off under jest (gateway.ts): on for this hub, as in production.
  const worker = process.env.JEST_WORKER_ID;
  delete process.env.JEST_WORKER_ID;
  try {
    hub = await startTestHub();
  } finally {
    process.env.JEST_WORKER_ID = worker;
  }
  plan = buildDemoPlan();
  // DDL as the run's superuser: the hub's subgraphs connect as application roles, which own nothing
  for (const statement of [...DROP, ...CONSTRAINTS]) await sql(statement);
});
afterAll(async () => {
  if (hub) for (const statement of DROP) await sql(statement);
  untap?.();
  await hub?.stop();
});

/** The write fails at the database: the caller gets one clean error, the logs none of the inputs. */
async function failsCleanly(caller: object, query: string, input: Record<string, unknown>) {
  const from = lines.length;
  const { status, body } = await hub.query(await hub.token(caller), query, { input });
  const field = /\{\s*(\w+)\(/.exec(query)![1];
  expect(status).toBe(200);
  expect(body).toEqual({
    data: null,
    errors: [
      {
        message: 'Unexpected error.',
        path: [field],
        extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: expect.any(String) },
      },
    ],
  });
  expect(JSON.stringify(body)).not.toMatch(/INSERT|UPDATE|violates|constraint|Key \(/);
  // the failure was logged (so the logs were read), by the subgraph, as a database error
  const written = lines.slice(from);
  expect(written.some((l) => /"code":"23(505|514)"/.test(l))).toBe(true);
  const leaked = written.filter((l) => INPUTS.some((v) => l.includes(v)));
  expect(leaked).toEqual([]);
  return written;
}

describe('logs › a write failing at the database leaves no personal data in any log line', () => {
  const worker = {
    sub: 'ts-log-privacy',
    org_kind: 'DEPARTEMENT',
    org_id: DEMO_ORGS.departement,
    roles: ['TRAVAILLEUR_SOCIAL'],
  };
  const refer = (lastName: string) => ({
    lastName,
    firstName: FIRST_NAME,
    birthDate: '1961-07-23',
    address: ADDRESS,
    phone: PHONE,
    territory: 'TEST-LOG-PRIVACY',
    referredOn: new Date().toISOString().slice(0, 10),
  });
  const REFER = 'mutation($input: ReferBeneficiaryInput!) { referBeneficiary(input: $input) { id } }';

  it('department: a CHECK violation (detail: the whole row) on referBeneficiary', async () => {
    await failsCleanly(worker, REFER, refer(LAST_NAME));
  });

  it('department: a unique violation (detail: Key (phone)=(…)) on referBeneficiary', async () => {
    const first = await hub.query(await hub.token(worker), REFER, { input: refer('Durand-Test') });
    expect(first.body.errors).toBeUndefined();
    await failsCleanly(worker, REFER, refer('Durand-Test'));
  });

  it('association: a CHECK violation on recordDelegationBilan', async () => {
    const delegue = DEMO_CALLERS['DELEGUE (association A)'];
    const files = await hub.query(await hub.token(delegue), '{ myDelegatedFiles(first: 100) { id status } }');
    const file = files.body.data.myDelegatedFiles.find((f: { status: string }) => f.status === 'ACTIVE');
    expect(file).toBeDefined();
    await failsCleanly(
      delegue,
      'mutation($input: RecordDelegationBilanInput!) { recordDelegationBilan(input: $input) { id } }',
      { fileId: file.id, kind: 'PROGRESS', writtenOn: new Date().toISOString().slice(0, 10), summary: BILAN },
    );
  });

  it('mandataire: a CHECK violation on recordMajReport', async () => {
    const mjpm = DEMO_CALLERS['MJPM (service mandataire)'];
    const measures = await hub.query(await hub.token(mjpm), '{ myJudicialMeasures(first: 100) { id status } }');
    const running = measures.body.data.myJudicialMeasures.find((m: { status: string }) => m.status === 'ACTIVE');
    expect(running).toBeDefined();
    await failsCleanly(mjpm, 'mutation($input: RecordMajReportInput!) { recordMajReport(input: $input) { id } }', {
      judicialMeasureId: running.id,
      kind: 'ANNUAL',
      writtenOn: new Date().toISOString().slice(0, 10),
      content: REPORT,
    });
  });

  it('bailleur: a CHECK violation on confirmRentPayment', async () => {
    const landlord = DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)'];
    const lease = plan.leases.find((l) => l.landlordOrgId === DEMO_ORGS.bailleurs[0])!;
    const month = RECEIVED_ON.slice(0, 7);
    await failsCleanly(
      landlord,
      'mutation($input: RentConfirmationInput!) { confirmRentPayment(input: $input) { id } }',
      { leaseId: lease.id, month, amountReceivedCents: 100, receivedOn: RECEIVED_ON },
    );
  });

  it('read the lines of every subgraph (the gateway runtime logs at warn, as in production)', () => {
    const services = new Set(lines.map((l) => (JSON.parse(l) as { service?: string }).service));
    expect([...services]).toEqual(expect.arrayContaining(['department', 'association', 'mandataire', 'bailleur']));
  });
});

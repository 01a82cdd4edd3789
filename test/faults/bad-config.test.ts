import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGatewayKeys } from '../../gateway/auth/gateway-keys';
import { testGatewaySigningKeys } from '../helpers/hub';
import { sql } from '../helpers/sql';
import { Figures } from './helpers/report';
import { freePort } from './helpers/own-postgres';
import { databaseOfUrl, localRoleUrls } from '../../subgraphs/kit/db/roles';
import { loadOrCreateDevEventsKeys } from '../../subgraphs/kit/events/keys';

/**
 * Issue 9 — start-up with a bad configuration fails fast with ONE clear line on stderr naming the variable, exit code
 * ≠ 0, no stack trace. Spawns the real entry points (node -r @swc-node/register subgraphs/department/index.ts,
 * gateway/index.ts) with a bad environment.
 */
const ROOT = join(__dirname, '..', '..');
const figures = new Figures('bad configuration at start-up');
afterAll(() => figures.flush());

const GOOD_DB = process.env.TEST_DATABASE_URL!;
/**
 * A superuser with a password of its own, for the case that names a superuser in production: the run's own
 * connection may hold a development password (the embedded server's `postgres`), which production refuses first.
 */
const SUPERUSER = `faults_superuser_${process.pid}`;
const SUPERUSER_PASSWORD = randomBytes(18).toString('base64url');
const superuserDb = () => {
  const url = new URL(GOOD_DB);
  url.username = SUPERUSER;
  url.password = SUPERUSER_PASSWORD;
  return url.toString();
};
beforeAll(() => sql(`CREATE ROLE ${SUPERUSER} SUPERUSER LOGIN PASSWORD '${SUPERUSER_PASSWORD}'`));
afterAll(() => sql(`DROP ROLE IF EXISTS ${SUPERUSER}`));
/** The gateway's public keys, as a subgraph reads them (GATEWAY_JWKS_FILE). */
const JWKS = join(mkdtempSync(join(tmpdir(), 'masp-jwks-')), 'jwks.json');
const PRIVATE_KEYS = testGatewaySigningKeys();
writeFileSync(JWKS, JSON.stringify(parseGatewayKeys(PRIVATE_KEYS).jwks));

async function run(
  entry: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const port = String(await freePort());
  return new Promise((resolve) => {
    const base: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      PORT: port,
    };
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ...entry], {
      cwd: ROOT,
      env: { ...base, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

/** The department's owner role and the bailleur's application role of this run (gateway/dev/local-hub.ts). */
const roleUrls = (schema: string) => localRoleUrls(GOOD_DB, schema, databaseOfUrl(GOOD_DB));

const DEPARTMENT = ['subgraphs/serve.ts', 'department'];
const GATEWAY = ['gateway/index.ts'];
let closedPort = 0;
/** The department's events key (a file, as a mounted Secret) and the partners' public keys (inline JSON). */
const EVENTS_DIR = mkdtempSync(join(tmpdir(), 'masp-events-keys-'));
const EVENTS_SIGNING_KEY = join(EVENTS_DIR, 'events-department.json');
let partnerEventsJwks = '';
beforeAll(async () => {
  closedPort = await freePort();
  partnerEventsJwks = JSON.stringify((await loadOrCreateDevEventsKeys(EVENTS_DIR)).jwks);
});
/** A production department's environment but for the events keys: its application role, the gateway's JWKS. */
const productionDepartment = () => ({
  DATABASE_URL: roleUrls('department').appUrl,
  GATEWAY_JWKS_FILE: JWKS,
  NODE_ENV: 'production',
  MIGRATE_ON_START: 'false',
});

const cases: Array<[string, string, () => Record<string, string>, RegExp]> = [
  [
    'department',
    'DATABASE_URL missing',
    () => ({ GATEWAY_JWKS_FILE: JWKS }),
    /^configuration: DATABASE_URL \(or DEPARTMENT_DATABASE_URL\) is required/,
  ],
  [
    'department',
    'DATABASE_URL malformed',
    () => ({ GATEWAY_JWKS_FILE: JWKS, DATABASE_URL: 'postgres//user:s3cret@nowhere' }),
    /^configuration: DATABASE_URL must be a URL/,
  ],
  [
    'department',
    'DATABASE_URL not postgres',
    () => ({ GATEWAY_JWKS_FILE: JWKS, DATABASE_URL: 'mysql://u:p@localhost/db' }),
    /^configuration: DATABASE_URL must use postgres: or postgresql:/,
  ],
  [
    'department',
    'DATABASE_URL pointing at nothing',
    () => ({ GATEWAY_JWKS_FILE: JWKS, DATABASE_URL: `postgres://postgres:s3cret@127.0.0.1:${closedPort}/x` }),
    /^configuration: DATABASE_URL does not lead to a usable database: cannot connect to 127\.0\.0\.1:\d+\/x \(ECONNREFUSED\)/,
  ],
  [
    'department',
    'no gateway keys',
    () => ({ DATABASE_URL: GOOD_DB }),
    /^configuration: GATEWAY_JWKS_URL \(or GATEWAY_JWKS_FILE\) is required/,
  ],
  [
    'department',
    'GATEWAY_JWKS_FILE naming nothing',
    () => ({ DATABASE_URL: GOOD_DB, GATEWAY_JWKS_FILE: '/nonexistent/jwks.json' }),
    /^configuration: GATEWAY_JWKS_FILE must name a readable JWKS file/,
  ],
  [
    'department',
    'a leftover UPSTREAM_SIGNING_SECRET',
    () => ({ DATABASE_URL: GOOD_DB, GATEWAY_JWKS_FILE: JWKS, UPSTREAM_SIGNING_SECRET: 'x'.repeat(40) }),
    /^configuration: UPSTREAM_SIGNING_SECRET is no longer used/,
  ],
  [
    'department',
    "the gateway's private keys",
    () => ({ DATABASE_URL: GOOD_DB, GATEWAY_JWKS_FILE: JWKS, GATEWAY_SIGNING_KEYS: PRIVATE_KEYS }),
    /^configuration: GATEWAY_SIGNING_KEYS is the gateway's private key: a subgraph must not hold it/,
  ],
  [
    'department',
    'REPLAY_STORE_URL not Redis',
    () => ({ DATABASE_URL: GOOD_DB, GATEWAY_JWKS_FILE: JWKS, REPLAY_STORE_URL: 'postgres://db/x' }),
    /^configuration: REPLAY_STORE_URL must use redis: or rediss:/,
  ],
  [
    'department',
    'DB_POOL_SIZE not a number',
    () => ({ DATABASE_URL: GOOD_DB, GATEWAY_JWKS_FILE: JWKS, DB_POOL_SIZE: 'many' }),
    /^configuration: DB_POOL_SIZE must be an integer/,
  ],
  [
    'department',
    'a superuser in production',
    () => ({
      DATABASE_URL: superuserDb(),
      GATEWAY_JWKS_FILE: JWKS,
      NODE_ENV: 'production',
      MIGRATE_ON_START: 'false',
    }),
    /^configuration: DATABASE_URL connects as "[^"]+", a superuser: in production a subgraph connects as its application role/,
  ],
  [
    'department',
    'its owner role in production',
    () => ({
      DEPARTMENT_DATABASE_URL: roleUrls('department').ownerUrl,
      GATEWAY_JWKS_FILE: JWKS,
      NODE_ENV: 'production',
      MIGRATE_ON_START: 'false',
    }),
    /^configuration: DEPARTMENT_DATABASE_URL connects as "\w+_department_owner", which owns department's schema or objects in it/,
  ],
  [
    'department',
    'MIGRATE_ON_START without an owner URL in production',
    () => ({
      DATABASE_URL: roleUrls('department').appUrl,
      GATEWAY_JWKS_FILE: JWKS,
      NODE_ENV: 'production',
      MIGRATE_ON_START: 'true',
    }),
    /^configuration: DB_OWNER_URL \(or DEPARTMENT_DATABASE_OWNER_URL\) is required with MIGRATE_ON_START=true in production/,
  ],
  [
    'department',
    'production without its events key',
    () => ({
      DATABASE_URL: roleUrls('department').appUrl,
      GATEWAY_JWKS_FILE: JWKS,
      NODE_ENV: 'production',
      MIGRATE_ON_START: 'false',
    }),
    /^configuration: EVENTS_SIGNING_KEY is required in production/,
  ],
  [
    'department',
    "another subgraph's application role (no grant on its tables)",
    () => ({ DATABASE_URL: roleUrls('bailleur').appUrl, GATEWAY_JWKS_FILE: JWKS, MIGRATE_ON_START: 'false' }),
    /^configuration: DATABASE_URL connects as a role that cannot read \d+ of its tables \(department\.\w+…\)/,
  ],
  [
    'department',
    'production without EVENTS_SIGNING_KEY',
    () => ({ ...productionDepartment(), PARTNER_EVENTS_JWKS: partnerEventsJwks }),
    /^configuration: EVENTS_SIGNING_KEY is required in production/,
  ],
  [
    'department',
    'production without PARTNER_EVENTS_JWKS',
    () => ({ ...productionDepartment(), EVENTS_SIGNING_KEY }),
    /^configuration: PARTNER_EVENTS_JWKS is required in production/,
  ],
  [
    'department',
    "kubernetes.yaml's CHANGE-ME as EVENTS_SIGNING_KEY",
    () => ({ ...productionDepartment(), EVENTS_SIGNING_KEY: 'CHANGE-ME', PARTNER_EVENTS_JWKS: partnerEventsJwks }),
    /^configuration: EVENTS_SIGNING_KEY is a placeholder/,
  ],
  [
    'department',
    "another partner's events key",
    () => ({
      ...productionDepartment(),
      EVENTS_SIGNING_KEY: join(EVENTS_DIR, 'events-bailleur.json'),
      PARTNER_EVENTS_JWKS: partnerEventsJwks,
    }),
    /^configuration: EVENTS_SIGNING_KEY must have kid "department" \(or none\), got "bailleur"/,
  ],
  [
    'gateway',
    'a leftover UPSTREAM_SIGNING_SECRET',
    () => ({ UPSTREAM_SIGNING_SECRET: 'x'.repeat(40) }),
    /^configuration: UPSTREAM_SIGNING_SECRET is no longer used/,
  ],
  [
    'gateway',
    'GATEWAY_SIGNING_KEYS without a key',
    () => ({ GATEWAY_SIGNING_KEYS: '{"keys": []}' }),
    /^configuration: GATEWAY_SIGNING_KEYS must hold at least one key/,
  ],
  [
    'gateway',
    'production without GATEWAY_SIGNING_KEYS',
    () => ({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/certs', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }),
    /^configuration: GATEWAY_SIGNING_KEYS is required in production/,
  ],
  [
    'gateway',
    "kubernetes.yaml's CHANGE-ME as GATEWAY_SIGNING_KEYS",
    () => ({ GATEWAY_SIGNING_KEYS: 'CHANGE-ME' }),
    /^configuration: GATEWAY_SIGNING_KEYS is a placeholder/,
  ],
  [
    'gateway',
    'UPSTREAM_TIMEOUT_MS not a number',
    () => ({ UPSTREAM_TIMEOUT_MS: 'fast' }),
    /^configuration: UPSTREAM_TIMEOUT_MS must be an integer/,
  ],
  [
    'gateway',
    'a subgraph URL with a bad scheme',
    () => ({ DEPARTMENT_URL: 'ftp://department:4001' }),
    /^configuration: DEPARTMENT_URL must use http: or https:/,
  ],
  [
    'gateway',
    'production without token keys',
    () => ({ NODE_ENV: 'production' }),
    /^configuration: OIDC_ISSUER \(or JWT_JWKS_URL, JWT_PUBLIC_KEY\) is required in production/,
  ],
];

describe('faults › start-up with a bad configuration', () => {
  it.each(cases)(
    '%s with %s: exit ≠ 0, one line on stderr naming the variable, no stack',
    async (service, _label, env, line) => {
      const r = await run(service === 'gateway' ? GATEWAY : DEPARTMENT, env());
      figures.add('processesSpawned');
      figures.set(`slowestStartupFailureMs`, Math.max(figures.get('slowestStartupFailureMs'), r.ms));
      expect(r.code).not.toBe(0);
      expect(r.code).not.toBeNull(); // exited by itself, not killed by the timeout
      const lines = r.stderr.split('\n').filter((l) => l.trim());
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack
      expect(r.stderr).not.toContain('s3cret'); // a connection string's password is never echoed
    },
  );
});

describe('faults › start-up in production with the application role', () => {
  it('serves, and /health is 200: least privilege is what production runs on', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', ...DEPARTMENT], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        GATEWAY_JWKS_FILE: JWKS,
        DEPARTMENT_DATABASE_URL: roleUrls('department').appUrl,
        MIGRATE_ON_START: 'false',
        // its own events key (a file, as kubernetes.yaml's Secret may be mounted) and the partners' public keys
        EVENTS_SIGNING_KEY,
        PARTNER_EVENTS_JWKS: partnerEventsJwks,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    try {
      let status = 0;
      for (let i = 0; i < 120 && status !== 200 && child.exitCode === null; i++) {
        status = await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
      expect({ status, stderr }).toEqual({ status: 200, stderr: '' });
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    }
  });
});

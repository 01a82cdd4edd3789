import { generateKeyPair, exportJWK } from 'jose';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { readGatewayConfig } from '../../gateway/env';
import { PartnerName } from '../../schema/events';
import { EVENT_PARTNERS, readEventsKeys } from '../../subgraphs/kit/events/keys';
import { checkUrlPassword } from '../../subgraphs/kit/runtime/env';

const ROOT = join(__dirname, '..', '..');
const FILES = ['.env.example', 'docker-compose.yml', 'kubernetes.yaml'];
const PRODUCTION = { NODE_ENV: 'production' };
/** What `openssl rand -hex 32` gives. */
const STRONG = '3f9c1e7a5b2d84f0c6a1e9b7d3f5a2c8e4b6d0f2a8c1e3b5d7f9a0c2e4b6d8f1';
/** The rest of a production gateway's configuration, so that only the variable under test can stop it. */
const GATEWAY_PRODUCTION = {
  NODE_ENV: 'production',
  JWT_PUBLIC_KEY: 'unused',
  JWT_ISSUER: 'https://idp.example',
  JWT_AUDIENCE: 'masp-hub',
};

/**
 * Every literal secret the three deployment files ship, commented or not: `NAME=value` / `NAME: value` for a name
 * holding SECRET, PASSWORD, PRIVATE_KEY, API_KEY or SIGNING_KEY (the gateway's keys, the partners' events keys), and
 * the password of each postgres:// URL. Interpolations (`${VAR:?…}`), references (secretKeyRef) and files
 * (`/run/secrets/…`, `gateway-keys.json`) are the deployment's own values, not shipped ones.
 */
function shippedSecrets(): Array<{ file: string; name: string; value: string; kind: 'secret' | 'url' }> {
  const found: Array<{ file: string; name: string; value: string; kind: 'secret' | 'url' }> = [];
  for (const file of FILES) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(
      /(?<!\$\{)\b([A-Z][A-Z0-9_]*(?:SECRET|PASSWORD|PRIVATE_KEY|API_KEY|SIGNING_KEY)[A-Z0-9_]*)\s*[:=]\s*"?([^\s",}#]+)/g,
    )) {
      const value = m[2];
      if (['${', 'valueFrom', '…', '/'].some((p) => value.startsWith(p)) || value === '|' || /\.json$/.test(value))
        continue;
      found.push({ file, name: m[1], value, kind: 'secret' });
    }
    for (const m of text.matchAll(/\b([A-Z][A-Z0-9_]*_URL)\s*[:=]\s*"?(postgres(?:ql)?:\/\/[^\s"]+)/g)) {
      const password = /^postgres(?:ql)?:\/\/[^:/@]+:([^@]+)@/.exec(m[2])?.[1];
      if (password === undefined || password.startsWith('${')) continue;
      found.push({ file, name: m[1], value: m[2], kind: 'url' });
    }
  }
  return found;
}

/** The partners' public events keys, valid: so that only the signing key under test can stop a subgraph. */
async function partnerJwks(): Promise<string> {
  const keys = [];
  for (const partner of EVENT_PARTNERS) {
    const { publicKey } = await generateKeyPair('ES256');
    keys.push({ ...(await exportJWK(publicKey)), kid: partner });
  }
  return JSON.stringify({ keys });
}

/**
 * What the service reading `name` does with `value` at start in production: the gateway its GATEWAY_SIGNING_KEYS, a
 * subgraph its EVENTS_SIGNING_KEY (kubernetes.yaml's Secret holds one per partner, `<NAME>_EVENTS_SIGNING_KEY`), a
 * subgraph or `db:roles` a connection string. Rejects with the error it stops with.
 */
async function startWith(s: { name: string; value: string; kind: 'secret' | 'url' }): Promise<unknown> {
  if (s.kind === 'url') return checkUrlPassword(s.name, s.value, PRODUCTION);
  if (s.name === 'GATEWAY_SIGNING_KEYS') return readGatewayConfig({ ...GATEWAY_PRODUCTION, [s.name]: s.value });
  const events = /^(?:([A-Z]+)_)?EVENTS_SIGNING_KEY$/.exec(s.name);
  if (events) {
    const partner = (events[1]?.toLowerCase() ?? 'department') as PartnerName;
    expect(EVENT_PARTNERS).toContain(partner);
    const env = { ...PRODUCTION, EVENTS_SIGNING_KEY: s.value, PARTNER_EVENTS_JWKS: await partnerJwks() };
    return readEventsKeys(partner, env);
  }
  throw new Error(`no service reads ${s.name}: say which check refuses it, or do not ship it`);
}
const kubernetesObject = (kind: string, name: string): any =>
  parseAllDocuments(readFileSync(join(ROOT, 'kubernetes.yaml'), 'utf8'))
    .map((d) => d.toJS() as any)
    .find((o) => o?.kind === kind && o.metadata.name === name);
const variableOf = (name: string) => (/EVENTS_SIGNING_KEY$/.test(name) ? 'EVENTS_SIGNING_KEY' : name);

describe('deployment › no known secret starts in production', () => {
  const shipped = shippedSecrets();

  it('finds the placeholders the deployment files ship (the check below is not vacuous)', () => {
    expect(shipped.map((s) => `${s.file} ${s.name}`)).toEqual(
      expect.arrayContaining([
        'kubernetes.yaml GATEWAY_SIGNING_KEYS',
        ...EVENT_PARTNERS.map((p) => `kubernetes.yaml ${p.toUpperCase()}_EVENTS_SIGNING_KEY`),
        'kubernetes.yaml DEPARTMENT_DATABASE_URL',
        'kubernetes.yaml MANDATAIRE_DATABASE_URL',
        'kubernetes.yaml BAILLEUR_DATABASE_OWNER_URL',
        'kubernetes.yaml DB_ADMIN_URL',
        '.env.example DATABASE_URL',
      ]),
    );
    // docker-compose.yml ships none: every secret comes from the .env file beside it
    expect(shipped.filter((s) => s.file === 'docker-compose.yml')).toEqual([]);
  });

  it('refuses every one of them at start, with one line naming the variable (never the value)', async () => {
    for (const s of shipped) {
      let message: string | undefined;
      try {
        await startWith(s);
      } catch (e) {
        message = (e as Error).message;
      }
      expect({ file: s.file, name: s.name, message }).toEqual({
        file: s.file,
        name: s.name,
        message: expect.stringMatching(new RegExp(`^configuration: ${variableOf(s.name)} `)),
      });
      expect(message).not.toContain('\n');
      if (s.kind === 'url') {
        expect(message).not.toContain(s.value);
        expect(message).not.toContain(`:${new URL(s.value).password}@`);
      } else expect(message).not.toContain(s.value);
    }
  });

  it("refuses kubernetes.yaml's public-keys placeholder (PARTNER_EVENTS_JWKS) too", async () => {
    const config = kubernetesObject('ConfigMap', 'masp-hub-config').data;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const env = {
      ...PRODUCTION,
      EVENTS_SIGNING_KEY: JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'department' }),
      PARTNER_EVENTS_JWKS: config.PARTNER_EVENTS_JWKS,
    };
    await expect(readEventsKeys('department', env)).rejects.toThrow(
      /^configuration: PARTNER_EVENTS_JWKS is a placeholder/,
    );
  });

  it.each([
    ['a change-me placeholder', 'change-me-0123456789abcdef0123456789abcdef'],
    ['CHANGE-ME padded', 'CHANGE-ME-CHANGE-ME-CHANGE-ME-CHANGE-ME'],
    ['a dictionary word repeated', 'secretsecretsecretsecretsecretsecret'],
    ['password and digits', 'password12345678password12345678'],
    ['digits only', '12345678901234567890123456789012'],
  ])('refuses %s as a database password in production', (_label, value) => {
    const url = `postgres://masp_department_app:${encodeURIComponent(value)}@db.example.internal:5432/masp`;
    expect(() => checkUrlPassword('DEPARTMENT_DATABASE_URL', url, PRODUCTION)).toThrow(
      /^configuration: DEPARTMENT_DATABASE_URL holds a password that (is a placeholder|is made of dictionary words)/,
    );
    // development and tests: any password
    expect(() => checkUrlPassword('DEPARTMENT_DATABASE_URL', url, {})).not.toThrow();
  });

  it('accepts generated passwords: openssl rand -hex 32, -hex 16, -base64 32', () => {
    for (const value of [STRONG, STRONG.slice(0, 32), 'q8ZkN3v+Xw1Lm5Rt9Yb2Hc7Vd4Js6Pf0AgUeTnKoWiE=']) {
      const url = `postgres://masp:${encodeURIComponent(value)}@db:5432/masp`;
      expect(() => checkUrlPassword('DATABASE_URL', url, PRODUCTION)).not.toThrow();
    }
  });

  it('the gateway refuses to start in production on the kubernetes.yaml placeholder, in one line', () => {
    const placeholder = kubernetesObject('Secret', 'masp-hub-signing').stringData.GATEWAY_SIGNING_KEYS;
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      LOG_LEVEL: 'silent',
      ...GATEWAY_PRODUCTION,
      GATEWAY_SIGNING_KEYS: placeholder,
    };
    expect(() => readGatewayConfig(env)).toThrow(/^configuration: GATEWAY_SIGNING_KEYS is a placeholder/);
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'gateway/index.ts'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^configuration: GATEWAY_SIGNING_KEYS is a placeholder/),
    ]);
  }, 70_000);
});

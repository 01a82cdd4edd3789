import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGatewayConfig } from '../../gateway/env';
import { checkUrlPassword, envSecret, weakSecretReason } from '../../subgraphs/kit/runtime/env';

const ROOT = join(__dirname, '..', '..');
const FILES = ['.env.example', 'docker-compose.yml', 'kubernetes.yaml'];
const PRODUCTION = { NODE_ENV: 'production' };
/** What `openssl rand -hex 32` gives. */
const STRONG = '3f9c1e7a5b2d84f0c6a1e9b7d3f5a2c8e4b6d0f2a8c1e3b5d7f9a0c2e4b6d8f1';

/**
 * Every literal secret the three deployment files ship, commented or not: `NAME=value` / `NAME: value` for a name
 * holding SECRET, PASSWORD, PRIVATE_KEY or API_KEY, and the password of each postgres:// URL. Interpolations (`${VAR:?…}`) and
 * references (secretKeyRef) are the deployment's own values, not shipped ones.
 */
function shippedSecrets(): Array<{ file: string; name: string; value: string; kind: 'secret' | 'url' }> {
  const found: Array<{ file: string; name: string; value: string; kind: 'secret' | 'url' }> = [];
  for (const file of FILES) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(
      /\b([A-Z][A-Z0-9_]*(?:SECRET|PASSWORD|PRIVATE_KEY|API_KEY)[A-Z0-9_]*)\s*[:=]\s*"?([^\s",}#]+)/g,
    )) {
      const value = m[2];
      if (value.startsWith('${') || value.startsWith('valueFrom') || value.startsWith('…') || value === '|') continue;
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

describe('deployment › no known secret starts in production', () => {
  const shipped = shippedSecrets();

  it('finds the placeholders the deployment files ship (the check below is not vacuous)', () => {
    expect(shipped.map((s) => `${s.file} ${s.name}`)).toEqual(
      expect.arrayContaining([
        'kubernetes.yaml UPSTREAM_SIGNING_SECRET',
        'kubernetes.yaml DEPARTMENT_DATABASE_URL',
        'kubernetes.yaml MANDATAIRE_DATABASE_URL',
        '.env.example DATABASE_URL',
      ]),
    );
  });

  it('refuses every one of them at start, with one line naming the variable (never the value)', () => {
    for (const s of shipped) {
      const check = () =>
        s.kind === 'secret'
          ? envSecret(s.name, { env: { ...PRODUCTION, [s.name]: s.value.padEnd(32, s.value) } })
          : checkUrlPassword(s.name, s.value, PRODUCTION);
      expect(check).toThrow(new RegExp(`^configuration: ${s.name} `));
      try {
        check();
      } catch (e) {
        const message = (e as Error).message;
        expect(message).not.toContain('\n');
        if (s.kind === 'url') expect(message).not.toContain(s.value);
      }
    }
  });

  it.each([
    ['a change-me placeholder', 'change-me-0123456789abcdef0123456789abcdef'],
    ['CHANGE-ME padded', 'CHANGE-ME-CHANGE-ME-CHANGE-ME-CHANGE-ME'],
    ['a dictionary word repeated', 'secretsecretsecretsecretsecretsecret'],
    ['password and digits', 'password12345678password12345678'],
    ['a single character', 'a'.repeat(64)],
    ['a two-letter pattern', 'ab'.repeat(20)],
    ['digits only', '12345678901234567890123456789012'],
  ])('refuses %s in production (UPSTREAM_SIGNING_SECRET)', (_label, value) => {
    expect(weakSecretReason(value)).toBeDefined();
    expect(() =>
      envSecret('UPSTREAM_SIGNING_SECRET', { env: { ...PRODUCTION, UPSTREAM_SIGNING_SECRET: value } }),
    ).toThrow(/^configuration: UPSTREAM_SIGNING_SECRET (is|repeats)/);
    // development and tests keep the length rule only
    expect(envSecret('UPSTREAM_SIGNING_SECRET', { env: { UPSTREAM_SIGNING_SECRET: value } })).toBe(value);
  });

  it('accepts generated secrets: openssl rand -hex 32, -hex 16, -base64 32', () => {
    for (const value of [STRONG, STRONG.slice(0, 32), 'q8ZkN3v+Xw1Lm5Rt9Yb2Hc7Vd4Js6Pf0AgUeTnKoWiE=']) {
      expect(weakSecretReason(value)).toBeUndefined();
      expect(envSecret('UPSTREAM_SIGNING_SECRET', { env: { ...PRODUCTION, UPSTREAM_SIGNING_SECRET: value } })).toBe(
        value,
      );
    }
    expect(() => checkUrlPassword('DATABASE_URL', `postgres://masp:${STRONG}@db:5432/masp`, PRODUCTION)).not.toThrow();
  });

  it('the gateway refuses to start in production on the kubernetes.yaml placeholder, in one line', () => {
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      UPSTREAM_SIGNING_SECRET: 'CHANGE-ME'.padEnd(40, '-CHANGE-ME'),
      JWT_PUBLIC_KEY: 'unused',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'masp-hub',
    };
    expect(() => readGatewayConfig(env)).toThrow(/^configuration: UPSTREAM_SIGNING_SECRET is a placeholder/);
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'gateway/index.ts'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^configuration: UPSTREAM_SIGNING_SECRET is a placeholder/),
    ]);
  }, 70_000);
});

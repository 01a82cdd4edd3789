import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readGatewayConfig } from '../../gateway/env';
import { supergraphEndpoints, SUPERGRAPH_PATH } from '../../schema/supergraph';
import { readAccessLogSettings } from '../../subgraphs/kit/access-log/audit';
import { envRegistryCacheMs } from '../../subgraphs/kit/runtime/env';
import { testGatewaySigningKeys } from '../helpers/hub';

const ROOT = join(__dirname, '..', '..');
const example = readFileSync(join(ROOT, '.env.example'), 'utf8');

/** `NAME=value` lines that are not commented out: what a deployment copying the file gets. */
const uncommented: Record<string, string> = Object.fromEntries(
  example
    .split('\n')
    .filter((l) => /^[A-Z][A-Z0-9_]*=/.test(l))
    .map((l) => {
      const [name, ...rest] = l.split('=');
      return [
        name,
        rest
          .join('=')
          .replace(/\s+#.*$/, '')
          .trim(),
      ];
    }),
);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('.env.example', () => {
  it('lists every variable the gateway and the subgraphs read', () => {
    const partners = Object.keys(supergraphEndpoints(readFileSync(SUPERGRAPH_PATH, 'utf8')));
    const read = new Set<string>(
      partners.flatMap((n) => [
        `${n.toUpperCase()}_URL`,
        `${n.toUpperCase()}_DATABASE_URL`,
        `${n.toUpperCase()}_DATABASE_OWNER_URL`,
        `${n.toUpperCase()}_DATABASE_ADMIN_URL`,
      ]),
    );
    const patterns = [
      /(?:\benv[A-Z]\w*|\bsource)\(\s*'([A-Z][A-Z0-9_]+)'/g,
      /process\.env\.([A-Z][A-Z0-9_]+)/g,
      /process\.env\[['"]([A-Z][A-Z0-9_]+)['"]\]/g,
      /\benv\.([A-Z][A-Z0-9_]+)/g,
    ];
    for (const file of [...sources(join(ROOT, 'gateway')), ...sources(join(ROOT, 'subgraphs'))]) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) read.add(m[1]);
    }
    read.delete('JEST_WORKER_ID'); // set by jest, not configuration
    expect(read.size).toBeGreaterThan(40);
    const missing = [...read].filter((name) => !new RegExp(`\\b${name}\\b`).test(example));
    expect(missing).toEqual([]);
  });

  it.each([
    [
      'an OIDC provider in production',
      {
        NODE_ENV: 'production',
        OIDC_ISSUER: 'https://auth.example.fr/realms/masp',
        JWT_AUDIENCE: 'masp-api',
        GATEWAY_SIGNING_KEYS: testGatewaySigningKeys(),
      },
    ],
    ['development', { DEV_KEYS_DIR: '/tmp/masp-keys' }],
  ])('its uncommented lines change nothing for %s (they are the defaults)', (_label, env) => {
    const base = { ...env };
    const withExample = { ...uncommented, ...base };
    expect(readGatewayConfig(withExample)).toEqual(readGatewayConfig(base));
    expect(envRegistryCacheMs(withExample)).toBe(envRegistryCacheMs(base));
    expect(readAccessLogSettings(withExample)).toEqual(readAccessLogSettings(base));
  });

  it('sets no issuer, audience, secret, database, port or environment that a real deployment would inherit', () => {
    expect(
      Object.keys(uncommented).filter((name) =>
        /ISSUER|AUDIENCE|SECRET|DATABASE_URL|^PORT$|^HOST$|^NODE_ENV$|_URL$/.test(name),
      ),
    ).toEqual([]);
  });
});

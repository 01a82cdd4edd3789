import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startupLines } from '../../gateway/dev/dev-hub';
import { readGatewayConfig } from '../../gateway/env';
import { createVerifier } from '../../gateway/gateway';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';

const URL = 'http://127.0.0.1:4000/graphql';
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/g;

describe('npm start › what it prints', () => {
  it('with the development key pair: a token per demo caller that the gateway accepts, and a curl per journey', async () => {
    const config = readGatewayConfig({
      DEV_KEYS_DIR: mkdtempSync(join(tmpdir(), 'masp-keys-')),
    });
    const text = await startupLines(config, URL);
    const tokens = text.match(JWT) ?? [];
    expect(tokens.length).toBeGreaterThanOrEqual(7);
    const verify = await createVerifier(config);
    for (const token of tokens) await expect(verify(token)).resolves.toMatchObject({ orgId: expect.any(String) });
    expect(text).toContain('export TOKEN_GESTIONNAIRE_LOCATIF=');
    expect(text.match(/^curl -s /gm)).toHaveLength(Object.keys(SAMPLE_QUERIES).length);
  });

  it.each([
    [
      'OIDC_ISSUER',
      { OIDC_ISSUER: 'https://auth.example.fr/realms/masp', JWT_AUDIENCE: 'masp-hub' },
      'the OIDC provider https://auth.example.fr/realms/masp (OIDC_ISSUER)',
    ],
    [
      'JWT_JWKS_URL',
      {
        JWT_JWKS_URL: 'https://auth.example.fr/certs',
        JWT_ISSUER: 'https://auth.example.fr',
        JWT_AUDIENCE: 'masp-hub',
      },
      'the keys at https://auth.example.fr/certs (JWT_JWKS_URL)',
    ],
  ])(
    'with %s set: names where tokens come from and prints no development token (it would get 401)',
    async (_label, env, source) => {
      const text = await startupLines(readGatewayConfig({ ...env }), URL);
      expect(text).not.toMatch(JWT);
      expect(text).not.toContain('export TOKEN_');
      expect(text).toContain(`Tokens come from ${source}`);
      expect(text).toMatch(/iss = https:\/\/auth\.example\.fr(\/realms\/masp)?, aud = masp-hub/);
      // the same journeys, called with the token the caller brings
      expect(text.match(/^curl -s .*Authorization: Bearer \$TOKEN"/gm)).toHaveLength(
        Object.keys(SAMPLE_QUERIES).length,
      );
    },
  );
});

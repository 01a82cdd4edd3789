import { exportJWK, generateKeyPair, importJWK, JWK, KeyLike } from 'jose';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Development only: the key pair `npm start` and `npm run token` share, kept in a git-ignored folder. */
export interface DevKeys {
  privateKey: KeyLike;
  publicJwk: JWK;
  kid: string;
}

export const DEV_ALG = 'ES256';
export const DEV_ISSUER = 'masp-hub-dev';
export const DEV_AUDIENCE = 'masp-hub';

export async function loadOrCreateDevKeys(dir: string): Promise<DevKeys> {
  const file = join(dir, 'jwt-signing-key.json');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey } = await generateKeyPair(DEV_ALG, { extractable: true });
    const jwk = await exportJWK(privateKey);
    jwk.kid = `dev-${Date.now().toString(36)}`;
    jwk.alg = DEV_ALG;
    writeFileSync(file, JSON.stringify(jwk, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  const privateKey = (await importJWK(jwk, DEV_ALG)) as KeyLike;
  const { d: _private, ...publicJwk } = jwk;
  return { privateKey, publicJwk, kid: jwk.kid! };
}

import { exportJWK, generateKeyPair, JWK, SignJWT } from 'jose';
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { DEMO_ORGS } from '../../subgraphs/kit/seed/demo-plan';
import { CONSOLE_DIST } from '../../gateway/console/console.plugin';
import { PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';
import { startTestHub, TestHub } from '../helpers/hub';

/**
 * Sign-in through an OpenID Connect provider (authorization code + PKCE S256), in the browser: a provider this test
 * runs (discovery, authorize, token, JWKS) checks the code verifier against the challenge before it hands out an
 * access token; the console then reads the landlord's month with it. The token is never written to web storage.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const CLIENT_ID = 'masp-console';

interface Provider {
  issuer: string;
  /** What the provider saw: the challenge sent to /authorize, the verifier sent to /token. */
  seen: { challenge?: string; method?: string; verifier?: string; clientId?: string; tokens: number };
  close(): Promise<void>;
}

const body = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => resolve(text));
  });

async function startProvider(): Promise<Provider> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { challenge: string; redirect: string }>();
  const seen: Provider['seen'] = { tokens: 0 };
  let issuer = '';
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify(value));
    };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    if (url.pathname === '/.well-known/openid-configuration')
      return send(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/certs`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
      });
    if (url.pathname === '/certs') return send(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      // The user "signs in" at once: back to the console with a code bound to the challenge.
      seen.challenge = url.searchParams.get('code_challenge') ?? undefined;
      seen.method = url.searchParams.get('code_challenge_method') ?? undefined;
      seen.clientId = url.searchParams.get('client_id') ?? undefined;
      const code = randomUUID();
      const redirect = url.searchParams.get('redirect_uri')!;
      codes.set(code, { challenge: seen.challenge!, redirect });
      const back = new URL(redirect);
      back.searchParams.set('code', code);
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      back.searchParams.set('iss', issuer);
      res.writeHead(302, { location: back.toString() });
      return void res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      const form = new URLSearchParams(await body(req));
      const grant = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      seen.verifier = form.get('code_verifier') ?? undefined;
      const challenge = createHash('sha256')
        .update(seen.verifier ?? '')
        .digest('base64url');
      if (!grant || grant.challenge !== challenge || form.get('redirect_uri') !== grant.redirect)
        return send(400, { error: 'invalid_grant' });
      seen.tokens += 1;
      const access = await new SignJWT({
        org_kind: 'BAILLEUR',
        org_id: DEMO_ORGS.bailleurs[0],
        roles: ['GESTIONNAIRE_LOCATIF'],
        name: 'Camille Martin (bailleur)',
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'at+jwt' })
        .setSubject('oidc-gestion-1')
        .setIssuer(issuer)
        .setAudience('masp-hub')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
      return send(200, { access_token: access, token_type: 'Bearer', expires_in: 300 });
    }
    send(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let provider: Provider;
let hub: TestHub;
let server: Server;
let base: string;
let browser: Browser;
const previousClientId = process.env.CONSOLE_OIDC_CLIENT_ID;

beforeAll(async () => {
  // The console as `npm run build` makes it, built here if it is not yet.
  if (!existsSync(join(CONSOLE_DIST, 'index.html')))
    execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'vite'), ['build', 'web', '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' }, // jest's NODE_ENV=test would make React's development build
    });
  provider = await startProvider();
  process.env.CONSOLE_OIDC_CLIENT_ID = CLIENT_ID; // read by the gateway (gateway.ts), like OIDC_ISSUER's companions
  hub = await startTestHub({ OIDC_ISSUER: provider.issuer, JWT_AUDIENCE: 'masp-hub' });
  server = createServer(hub.gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 120_000);

afterAll(async () => {
  if (previousClientId === undefined) delete process.env.CONSOLE_OIDC_CLIENT_ID;
  else process.env.CONSOLE_OIDC_CLIENT_ID = previousClientId;
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await hub?.stop();
  await provider?.close();
});

describe('console › sign-in with the OIDC provider (authorization code + PKCE)', () => {
  it('signs in with S256 PKCE, reads the month with the access token, keeps the token out of web storage', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/app/`);
    expect(await page.getByLabel('Appelant de démonstration').count()).toBe(0); // no demo callers with real tokens
    await page.getByRole('button', { name: 'Se connecter avec le fournisseur d’identité' }).click();
    await page
      .getByTestId('who')
      .waitFor({ timeout: 20_000 })
      .catch(async (e: Error) => {
        throw new Error(`${e.message} at ${page.url()}: ${await page.innerText('main')} | ${problems.join(' | ')}`);
      });
    expect(await page.getByTestId('who').innerText()).toBe('Camille Martin (bailleur)');
    expect(new URL(page.url()).pathname).toBe('/app/'); // the code and state are gone from the address bar

    // The provider got a S256 challenge and then its verifier, for the console's client id.
    expect(provider.seen).toMatchObject({ method: 'S256', clientId: CLIENT_ID, tokens: 1 });
    expect(createHash('sha256').update(provider.seen.verifier!).digest('base64url')).toBe(provider.seen.challenge);

    // The landlord's month, read with the provider's token.
    await page
      .locator('tbody tr[data-lease]')
      .first()
      .waitFor()
      .catch(async (e: Error) => {
        throw new Error(`${e.message}: ${await page.innerText('main')} | ${problems.join(' | ')}`);
      });
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).toBe('{}');
    await page.screenshot({ path: join(PROJECT_ROOT, 'test-output', 'console', 'oidc-bailleur.png') });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

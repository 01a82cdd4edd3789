import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { readGatewayConfig } from '../../gateway/env';
import { startTestHub, TestHub, testGatewaySigningKeys } from '../helpers/hub';

/** Debian's chromium (.ci/run installs it), headless and without any background network traffic. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let hub: TestHub;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(CHROMIUM)).toBe(true); // apt-get install -y chromium
  hub = await startTestHub();
  server = createServer(hub.gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)); // ephemeral port, never 4000
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await hub?.stop();
});

describe('explorer (development)', () => {
  it('loads offline, runs a journey as the chosen demo caller and shows the result', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    // No internet: anything not served by the gateway is refused (and recorded).
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.host === new URL(base).host) return route.continue();
      outside.push(url.href);
      return route.abort();
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });

    await page.goto(`${base}/explorer`);
    await page.waitForSelector('.graphiql-container', { timeout: 20_000 }).catch((e) => {
      throw new Error(e.message + ' page errors: ' + pageErrors.join(' | ') + ' outside: ' + outside.join(' '));
    });
    // Demo callers offered, journey 1 preselects an association's delegate.
    const callers = await page.locator('#caller option').allTextContents();
    expect(callers).toEqual(
      expect.arrayContaining([
        'DELEGUE (association A)',
        'GESTIONNAIRE_LOCATIF (bailleur 1)',
        'MJPM (service mandataire)',
      ]),
    );
    await page.selectOption('#journey', { index: 1 }); // 2. A landlord checks direct rent payments
    expect(await page.locator('#caller').inputValue()).toBe('GESTIONNAIRE_LOCATIF (bailleur 1)');
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 10_000 });
    expect(await page.locator('.graphiql-query-editor').innerText()).toContain('myLeases');

    const answered = page.waitForResponse(
      (res) => res.url().endsWith('/graphql') && res.request().postData()?.includes('LandlordMonth') === true,
    );
    await page.click('.graphiql-execute-button');
    const response = await answered;
    expect(response.status()).toBe(200);
    // The selected demo caller's token went with the request.
    const bearer = (await response.request().allHeaders()).authorization ?? '';
    const claims = JSON.parse(Buffer.from(bearer.replace(/^Bearer /, '').split('.')[1], 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: 'gestion-b1', org_kind: 'BAILLEUR', roles: ['GESTIONNAIRE_LOCATIF'] });
    await page.waitForFunction(
      () => document.querySelector('.graphiql-response')?.textContent?.includes('tenantName'),
      null,
      { timeout: 10_000 },
    );
    const shown = await page.locator('.graphiql-response').innerText();
    expect(shown).toContain('"expectedPayments"');
    expect(shown).toContain('"reference"');
    expect(shown).not.toContain('UNAUTHENTICATED');

    // Another caller chosen: its own token is sent.
    await page.selectOption('#caller', 'MJPM (service mandataire)');
    await page.waitForSelector('.graphiql-query-editor .CodeMirror', { timeout: 10_000 });
    const second = page.waitForResponse(
      (res) => res.url().endsWith('/graphql') && res.request().postData()?.includes('LandlordMonth') === true,
    );
    await page.click('.graphiql-execute-button');
    const secondBearer = (await (await second).request().allHeaders()).authorization ?? '';
    expect(
      JSON.parse(Buffer.from(secondBearer.replace(/^Bearer /, '').split('.')[1], 'base64url').toString('utf8')).sub,
    ).toBe('mjpm-1');

    expect(outside).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('serves its assets from node_modules and nothing else under /explorer/assets', async () => {
    const js = await hub.gateway.fetch('http://localhost/explorer/assets/graphiql.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect((await hub.gateway.fetch('http://localhost/explorer/assets/..%2Fpackage.json')).status).toBe(404);
  });

  it('is never served in production', () => {
    const env = {
      JWT_JWKS_URL: 'https://idp.example/certs',
      JWT_ISSUER: 'https://idp.example',
      JWT_AUDIENCE: 'masp-hub',
      GATEWAY_SIGNING_KEYS: testGatewaySigningKeys(),
    };
    expect(readGatewayConfig({ ...env, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/masp' }).explorer).toBe(
      false,
    );
    expect(readGatewayConfig({ ...env, NODE_ENV: 'development' }).explorer).toBe(true);
    expect(readGatewayConfig({ ...env, NODE_ENV: 'development', EXPLORER: 'false' }).explorer).toBe(false);
  });
});

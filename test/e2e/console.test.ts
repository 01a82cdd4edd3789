import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { CONSOLE_DIST } from '../../gateway/console/console.plugin';
import { startupLines } from '../../gateway/dev/dev-hub';
import { DEMO_CALLERS } from '../../gateway/dev/dev-tokens';
import { previousMonth } from '../../gateway/sample-queries';
import { PROJECT_ROOT } from '../../subgraphs/kit/runtime/env';
import { startIsolatedTestHub, TestHub } from '../helpers/hub';

/**
 * The partner console (web/) in Debian's Chromium against a hub this test starts (its own database: the journeys
 * write): each role logs in with the development caller picker, sees its data, makes its write, and sees a field its
 * role may not read marked « réservé ». A screenshot per page in test-output/console/.
 */
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
const SHOTS = join(PROJECT_ROOT, 'test-output', 'console');

let hub: TestHub & { dispose(): Promise<void> };
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  expect(existsSync(CHROMIUM)).toBe(true); // apt-get install -y chromium
  // The console as `npm run build` makes it, built here if it is not yet.
  if (!existsSync(join(CONSOLE_DIST, 'index.html')))
    execFileSync(join(PROJECT_ROOT, 'node_modules', '.bin', 'vite'), ['build', 'web', '--logLevel', 'warn'], {
      cwd: PROJECT_ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' }, // jest's NODE_ENV=test would make React's development build
    });
  mkdirSync(SHOTS, { recursive: true });
  hub = await startIsolatedTestHub('console');
  server = createServer(hub.gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}, 120_000);

/** The page of the journey under way: its screenshot is kept when the journey fails. */
let open: Page | undefined;
afterEach(async () => {
  if (open && !open.isClosed()) {
    await shot(
      open,
      `failed-${(expect.getState().currentTestName ?? 'page').split(' › ').pop()!.split(':')[0].replace(/\W+/g, '-')}`,
    ).catch(() => undefined);
    await open.close();
  }
  open = undefined;
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections();
  await hub?.dispose();
});

interface Watched {
  page: Page;
  problems: string[];
  /** The bodies the console posted to /graphql. */
  sent: Array<Record<string, unknown>>;
}

/** A page at 1366×768 that records page errors, CSP violations, requests leaving the hub, and what it sent. */
async function openConsole(): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const problems: string[] = [];
  const sent: Array<Record<string, unknown>> = [];
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.host === new URL(base).host) {
      if (url.pathname === '/graphql') sent.push(JSON.parse(route.request().postData() ?? '{}'));
      return route.continue();
    }
    problems.push(`outside: ${url.href}`);
    return route.abort();
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${base}/app/`);
  open = page;
  return { page, problems, sent };
}

async function logIn(page: Page, caller: string): Promise<void> {
  expect(DEMO_CALLERS[caller]).toBeDefined();
  await page.getByLabel('Appelant de démonstration').selectOption(caller);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByTestId('who').innerText()).resolves.toBe(caller);
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

/** Every request went by the id of a registered `console` document, never as free text. */
function expectTrustedOnly(sent: Array<Record<string, unknown>>): void {
  expect(sent.length).toBeGreaterThan(0);
  for (const body of sent) {
    expect(body.query).toBeUndefined();
    expect(body.documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
  }
}

describe('console › serving', () => {
  it('serves the application at /app with a strict CSP, pages fall back to index.html, unknown assets 404', async () => {
    const index = await fetch(`${base}/app/`);
    expect(index.status).toBe(200);
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await index.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    expect((await fetch(`${base}/app/callback?code=x`)).headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${base}/app/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/app/..%2Fpackage.json`)).status).toBe(404);
    const config = await (await fetch(`${base}/app/config.json`)).json();
    expect(Object.keys(config.devCallers)).toEqual(Object.keys(DEMO_CALLERS));
    // `npm start` prints the link.
    expect(await startupLines(hub.config, 'http://127.0.0.1:4000/graphql')).toContain(
      "Console (partners' web application, sign in as a demo caller): http://127.0.0.1:4000/app",
    );
  });
});

describe('console › journeys in the browser', () => {
  it('landlord: the month, confirm one and all, CSV out and in, a refused field marked', async () => {
    const { page, problems, sent } = await openConsole();
    await logIn(page, 'GESTIONNAIRE_LOCATIF (bailleur 1)');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Bailleur');
    expect(await page.getByLabel('Mois', { exact: true }).inputValue()).toBe(previousMonth());
    const rows = page.locator('tbody tr[data-lease]');
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    // The beneficiary's first name is not the landlord's to read: marked, the page served.
    await expect(page.getByText('« réservé (identité) »').first().isVisible()).resolves.toBe(true);

    // One payment confirmed with another amount than expected: a result on its line.
    const first = rows.first();
    const leaseId = (await first.getAttribute('data-lease'))!;
    await first.getByRole('checkbox').check();
    await first.getByLabel(/^Montant reçu/).fill('100,00');
    await page.getByRole('button', { name: 'Confirmer la sélection (1)' }).click();
    await page
      .getByTestId(`result-${leaseId}`)
      .getByText(/Enregistré|Refusé/)
      .waitFor();
    await expect(page.getByTestId(`result-${leaseId}`).innerText()).resolves.toMatch(/Enregistré/);
    const answer = await hub.query(
      await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']),
      `query($m: Month!) { expectedPayments(month: $m, first: 100) { leaseId status receivedCents } }`,
      { m: previousMonth() },
    );
    expect(answer.body.data.expectedPayments.find((p: any) => p.leaseId === leaseId)).toMatchObject({
      status: 'PARTIAL',
      receivedCents: 10000,
    });

    // All at once: one result per line.
    await page.getByRole('button', { name: `Tout confirmer (${count})` }).click();
    await page.getByRole('status').getByText(`${count} confirmation(s) enregistrée(s)`).waitFor();
    for (const id of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-lease')!)))
      await expect(page.getByTestId(`result-${id}`).innerText()).resolves.toMatch(/Enregistré/);

    // CSV out: the month as the team's spreadsheet reads it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le mois (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`loyers-${previousMonth()}.csv`);
    const csv = (await streamText(await download.createReadStream())).replace(/^\ufeff/, '');
    const lines = csv.trim().split(/\r\n/);
    expect(lines[0]).toBe('bail;reference;locataire;mois;attendu;payeur;statut;recu;date_reception');
    expect(lines).toHaveLength(count + 1);

    // CSV in: the first line corrected to 150,00 received on the 5th, plus an unreadable line reported, not sent.
    const cells = lines[1].split(';');
    cells[7] = '150,00';
    cells[8] = `05/${previousMonth().slice(5, 7)}/${previousMonth().slice(0, 4)}`;
    const edited = [lines[0], cells.join(';'), `${cells[0]};;;;;;;douze euros;`].join('\r\n');
    await page.getByLabel('Importer un CSV de confirmations').setInputFiles({
      name: 'retour-compta.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(edited, 'utf8'),
    });
    await page.getByText('montant reçu illisible « douze euros »').waitFor();
    await page.getByRole('button', { name: 'Envoyer les 1 confirmation(s) du CSV' }).click();
    await page.getByRole('status').getByText('1 confirmation(s) enregistrée(s), 0 refusée(s).').waitFor();
    const after = await hub.query(
      await hub.token(DEMO_CALLERS['GESTIONNAIRE_LOCATIF (bailleur 1)']),
      `query($m: Month!) { expectedPayments(month: $m, first: 100) { leaseId receivedCents payment { receivedOn corrections { id } } } }`,
      { m: previousMonth() },
    );
    const corrected = after.body.data.expectedPayments.find((p: any) => p.leaseId === cells[0]);
    expect(corrected.receivedCents).toBe(15000);
    expect(corrected.payment.receivedOn).toBe(`${previousMonth()}-05`);
    expect(corrected.payment.corrections.length).toBeGreaterThan(0);

    await shot(page, 'bailleur');
    expectTrustedOnly(sent);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('département staff: the caseload with alerts, a person as a time line, rent months as a grid', async () => {
    const { page, problems, sent } = await openConsole();
    await logIn(page, 'TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)');
    await page.getByRole('heading', { name: 'File active' }).waitFor();
    await shot(page, 'departement-file-active');
    // The first person with a lease: the grid has months to show.
    const caseload = await hub.query(
      await hub.token(DEMO_CALLERS['TRAVAILLEUR_SOCIAL (département, référent MDD-ORLEANS)']),
      `{ caseload(first: 100) { id lastName leases { id } } }`,
    );
    const person = caseload.body.data.caseload.find((p: any) => p.leases?.length);
    expect(person).toBeDefined();
    const row = page.locator('tbody tr', { hasText: person.lastName }).first();
    await row.getByRole('button', { name: /^Ouvrir le dossier/ }).click();
    await page.getByRole('heading', { name: 'Chronologie' }).waitFor();
    expect(await page.locator('#person-title').innerText()).toContain(person.lastName);
    const events = await page.getByRole('list', { name: 'Chronologie du dossier' }).locator('li').allInnerTexts();
    expect(events.some((e) => /Mesure/.test(e))).toBe(true);
    expect(events.some((e) => /Terme/.test(e))).toBe(true);
    const cells = await page.locator('table.grid td.cell').allInnerTexts();
    expect(cells.some((c) => /payé|impayé|retard|attendu/.test(c))).toBe(true);
    // Medical data is the MEDECIN's: marked reserved for a social worker.
    await expect(page.getByTestId('medical').innerText()).resolves.toBe('« réservé (médical) »');
    await shot(page, 'departement-personne');

    // A lifecycle action: ending the measure "at its term" today, long before its term.
    await page.getByLabel('Motif').selectOption('TERM');
    await page.getByRole('button', { name: 'Mettre fin' }).click();
    const today = new Date().toISOString().slice(0, 10).split('-').reverse().join('/');
    await page.getByRole('status').getByText(`Mesure terminée le ${today}.`).waitFor();
    // The time line, read again from the hub, shows the end.
    await page
      .getByRole('list', { name: 'Chronologie du dossier' })
      .getByText(/terminée \(terme atteint\)/)
      .waitFor();
    await shot(page, 'departement-action');
    expectTrustedOnly(sent);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('association: its files, one file with budget and ledger, an operation posted, the balance runs', async () => {
    const { page, problems, sent } = await openConsole();
    await logIn(page, 'DELEGUE (association A)');
    await page.getByRole('heading', { name: 'Dossiers délégués' }).waitFor();
    await shot(page, 'association-dossiers');
    await page
      .getByRole('button', { name: /^Ouvrir le dossier/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Passer une opération' }).waitFor();
    const before = await page.getByTestId('balance').innerText();
    const ledger = page.getByTestId('ledger').locator('tbody tr');
    const rowsBefore = await ledger.count();
    // A payment the account cannot cover: refused, the hub's message and code shown, nothing written.
    await page.getByLabel('Nature').selectOption('OTHER_PAYMENT');
    await page.getByLabel('Montant (euros)').fill('99999,00');
    await page.getByLabel('Libellé').fill('Achat impossible');
    await page.getByRole('button', { name: 'Enregistrer l’opération' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Refusé' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/Refusé : .+\([A-Z_]+( — règle .+)?\)/);
    expect(await page.getByTestId('ledger').getByText('Achat impossible').count()).toBe(0);
    await shot(page, 'association-refus');

    await page.getByLabel('Nature').selectOption('RECEIPT');
    await page.getByLabel('Montant (euros)').fill('45,00');
    await page.getByLabel('Libellé').fill('Versement complémentaire');
    await page.getByRole('button', { name: 'Enregistrer l’opération' }).click();
    await page.getByTestId('ledger').getByText('Versement complémentaire').waitFor();
    const after = await page.getByTestId('balance').innerText();
    expect(euros(after) - euros(before)).toBeCloseTo(45, 2);
    expect(await ledger.count()).toBeGreaterThanOrEqual(Math.min(rowsBefore + 1, 20));
    await expect(page.getByTestId('medical').innerText()).resolves.toBe('« réservé (médical) »');
    await shot(page, 'association-dossier');
    expectTrustedOnly(sent);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('MJPM: its MAJ and the account, a receipt recorded', async () => {
    const { page, problems, sent } = await openConsole();
    await logIn(page, 'MJPM (service mandataire)');
    await page.getByRole('heading', { name: 'Mesures d’accompagnement judiciaire' }).waitFor();
    await page.getByRole('heading', { name: 'Compte : dernières opérations' }).waitFor();
    const before = await page.getByTestId('balance').innerText();
    await page.getByLabel('Nature').selectOption('BENEFIT');
    await page.getByLabel('Montant (euros)').fill('120,00');
    await page.getByLabel('Libellé').fill('RSA décembre');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.waitForFunction((b) => document.querySelector('[data-testid="balance"]')?.textContent !== b, before, {
      timeout: 10_000,
    });
    expect(euros(await page.getByTestId('balance').innerText()) - euros(before)).toBeCloseTo(120, 2);
    await expect(page.getByTestId('medical').innerText()).resolves.toBe('« réservé (médical) »');
    await shot(page, 'mandataire');
    expectTrustedOnly(sent);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});

/** `1 234,56 €` → 1234.56 */
function euros(text: string): number {
  return Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
}

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

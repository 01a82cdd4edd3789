import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clientFolders,
  loadTrustedDocuments,
  MANIFEST_FILE,
  manifestOfFolder,
  sha256,
  TRUSTED_DOCUMENTS_DIR,
} from '../../gateway/persisted-documents';
import { SAMPLE_QUERIES } from '../../gateway/sample-queries';
import { journeys } from '../bench/run';
import { BENCH_DOCUMENTS } from '../bench/lib/documents';

describe('gateway › trusted documents registry (gateway/trusted-documents)', () => {
  it('every client manifest is what `npm run documents` writes from its .graphql files', () => {
    const clients = clientFolders(TRUSTED_DOCUMENTS_DIR);
    expect(clients).toEqual(expect.arrayContaining(['bench', 'journeys', 'samples']));
    for (const client of clients) {
      const folder = join(TRUSTED_DOCUMENTS_DIR, client);
      expect(JSON.parse(readFileSync(join(folder, MANIFEST_FILE), 'utf8'))).toEqual(manifestOfFolder(folder));
    }
  });

  it("registers the README's and the explorer's sample queries, and every document the bench sends", () => {
    const registry = loadTrustedDocuments();
    const registered = (query: string) => registry.byHash.has(sha256(query));
    for (const s of Object.values(SAMPLE_QUERIES)) expect(registered(s.query)).toBe(true);
    // the README's example (README.md › The journeys)
    expect(registered('{ myLeases(first: 2) { tenantName rentCents beneficiary { firstName } } }')).toBe(true);
    for (const j of journeys()) expect([j.key, registered(j.query)]).toEqual([j.key, true]);
    for (const q of Object.values(BENCH_DOCUMENTS.caseload)) expect(registered(q)).toBe(true);
  });

  it('labels operations from the registry only', () => {
    const registry = loadTrustedDocuments();
    const caseload = SAMPLE_QUERIES.departmentCaseload.query;
    expect(registry.operationLabel(caseload, undefined)).toBe('Caseload');
    expect(registry.operationLabel(caseload, 'Caseload')).toBe('Caseload');
    // a name the document does not hold, an unregistered text, a registered unnamed one
    expect(registry.operationLabel(caseload, 'Invented')).toBe('unregistered');
    expect(registry.operationLabel('query Caseload { __typename }', undefined)).toBe('unregistered');
    expect(registry.operationLabel(undefined, 'Caseload')).toBe('unregistered');
    expect(
      registry.operationLabel('{ myLeases(first: 2) { tenantName rentCents beneficiary { firstName } } }', undefined),
    ).toBe('anonymous');
  });

  it('adding a client application is adding its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'masp-trusted-'));
    for (const [client, doc] of [
      ['console', 'query ConsoleHome { caseload(first: 10) { id } }'],
      ['partner-app', 'query PartnerLeases { myLeases(first: 10) { id } }'],
    ]) {
      mkdirSync(join(dir, client));
      writeFileSync(join(dir, client, 'Doc.graphql'), `${doc}\n\n`);
      writeFileSync(join(dir, client, MANIFEST_FILE), JSON.stringify(manifestOfFolder(join(dir, client))));
    }
    const registry = loadTrustedDocuments(dir);
    expect(registry.clients).toEqual(['console', 'partner-app']);
    // the document is the file's text without its trailing blank lines
    expect(registry.byHash.get(sha256('query ConsoleHome { caseload(first: 10) { id } }'))?.client).toBe('console');
    expect(registry.operationLabel('query PartnerLeases { myLeases(first: 10) { id } }', undefined)).toBe(
      'PartnerLeases',
    );
  });

  it('refuses a client folder without its manifest, naming the command to run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'masp-trusted-'));
    mkdirSync(join(dir, 'console'));
    writeFileSync(join(dir, 'console', 'Doc.graphql'), 'query A { __typename }');
    expect(() => loadTrustedDocuments(dir)).toThrow(
      'configuration: TRUSTED_DOCUMENTS_DIR has no manifest.json for client console: run `npm run documents`',
    );
  });
});

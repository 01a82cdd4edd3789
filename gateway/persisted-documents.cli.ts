/**
 * `npm run documents`: writes each client's manifest.json (`{ "<sha256>": "<document>" }`) from its .graphql files in
 * gateway/trusted-documents/<client>/; `-- --check` only says which manifests are out of date (exit code 1).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clientFolders,
  loadTrustedDocuments,
  MANIFEST_FILE,
  manifestOfFolder,
  TRUSTED_DOCUMENTS_DIR,
} from './persisted-documents';

function main(): void {
  const check = process.argv.includes('--check');
  const dir = TRUSTED_DOCUMENTS_DIR;
  const stale: string[] = [];
  for (const client of clientFolders(dir)) {
    const file = join(dir, client, MANIFEST_FILE);
    const text = `${JSON.stringify(manifestOfFolder(join(dir, client)), null, 2)}\n`;
    if (existsSync(file) && readFileSync(file, 'utf8') === text) continue;
    stale.push(client);
    if (!check) writeFileSync(file, text);
  }
  if (check) {
    if (stale.length) {
      console.error(`trusted documents out of date (run \`npm run documents\`): ${stale.join(', ')}`);
      process.exit(1);
    }
    return;
  }
  const registry = loadTrustedDocuments(dir); // parses every document: a syntax error stops here
  console.log(
    `${registry.byHash.size} trusted documents for ${registry.clients.join(', ')}${stale.length ? ` (written: ${stale.join(', ')})` : ''}`,
  );
}

main();

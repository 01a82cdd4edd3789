import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_FILE, manifestOfFolder } from '../../gateway/persisted-documents';

/**
 * A TRUSTED_DOCUMENTS_DIR of its own for a test: one client folder holding `documents` as .graphql files and its
 * manifest, as `npm run documents` writes it.
 */
export function trustedDocumentsDir(documents: string[], client = 'test-client'): string {
  const dir = mkdtempSync(join(tmpdir(), 'masp-trusted-'));
  const folder = join(dir, client);
  mkdirSync(folder);
  documents.forEach((d, i) => writeFileSync(join(folder, `doc${i}.graphql`), `${d}\n`));
  writeFileSync(join(folder, MANIFEST_FILE), JSON.stringify(manifestOfFolder(folder)));
  return dir;
}

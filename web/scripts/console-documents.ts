/**
 * Registers the console's operations as trusted documents of the `console` client: one file per operation in
 * gateway/trusted-documents/console/, its text exactly the one GraphQL Code Generator hashed
 * (web/src/gql/persisted-documents.json), so the id the console sends is the sha256 the gateway's manifest holds.
 * `npm run web:codegen` runs it, then `npm run documents` (the manifest). `--check`: exit 1 if the files are stale.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';
import { TRUSTED_DOCUMENTS_DIR } from '../../gateway/persisted-documents';

export const CONSOLE_CLIENT = 'console';
const PERSISTED = join(__dirname, '..', 'src', 'gql', 'persisted-documents.json');

/** Operation name → registered text, from codegen's map. */
export function consoleDocuments(): Record<string, string> {
  const byHash = JSON.parse(readFileSync(PERSISTED, 'utf8')) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const text of Object.values(byHash)) {
    const op = parse(text).definitions.find((d) => d.kind === 'OperationDefinition');
    if (!op || op.kind !== 'OperationDefinition' || !op.name) throw new Error('every console operation is named');
    out[op.name.value] = text;
  }
  return out;
}

if (require.main === module) {
  const dir = join(TRUSTED_DOCUMENTS_DIR, CONSOLE_CLIENT);
  const docs = consoleDocuments();
  const wanted = new Map(Object.entries(docs).map(([name, text]) => [`${name}.graphql`, `${text}\n`]));
  const present = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.graphql')) : [];
  const stale =
    present.some((f) => !wanted.has(f)) ||
    [...wanted].some(([f, text]) => !existsSync(join(dir, f)) || readFileSync(join(dir, f), 'utf8') !== text);
  if (process.argv.includes('--check')) {
    if (stale) {
      console.error('gateway/trusted-documents/console/ is out of date: run `npm run web:codegen`');
      process.exit(1);
    }
  } else {
    mkdirSync(dir, { recursive: true });
    for (const f of present) if (!wanted.has(f)) rmSync(join(dir, f));
    for (const [f, text] of wanted) writeFileSync(join(dir, f), text);
    console.log(`${wanted.size} console documents in gateway/trusted-documents/console/`);
  }
}

import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeSupergraph, Composition } from '../schema/compose';
import { SCHEMA_DIR } from '../schema/supergraph';
import { SUBGRAPHS } from '.';

/** Builds every partner's SDL from its code and composes the supergraph, in memory. */
export async function compose(dir = SCHEMA_DIR): Promise<Composition> {
  const sdlOf: Record<string, string> = {};
  for (const def of SUBGRAPHS) sdlOf[def.name] = (await def.buildSchema()).sdl;
  return composeSupergraph(sdlOf, dir);
}

/** `npm run compose` writes schema/*.graphql; `--check` (npm run check:schema) fails on any drift instead. */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { files, errors } = await compose();
  if (errors.length) {
    console.error(`composition failed:\n- ${errors.join('\n- ')}`);
    process.exit(1);
  }
  const drift: string[] = [];
  for (const [name, content] of Object.entries(files)) {
    const path = join(SCHEMA_DIR, name);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      /* new file */
    }
    if (current === content) continue;
    if (check) drift.push(name);
    else writeFileSync(path, content);
  }
  if (check && drift.length) {
    console.error(
      `schema drift: ${drift.join(', ')} differ from a fresh composition; run \`npm run compose\` and commit.`,
    );
    process.exit(1);
  }
  console.log(check ? 'schema: up to date' : `composed ${Object.keys(files).join(', ')} in ${SCHEMA_DIR}`);
}

if (require.main === module) void main();

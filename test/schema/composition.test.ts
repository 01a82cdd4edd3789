import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isObjectType } from 'graphql';
import { compose } from '../../subgraphs/compose.cli';
import { readPublicTags } from '../../gateway/policy/field-filter';
import { isPublicField } from '../../schema/policy';

const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');

describe('schema › composition', () => {
  it('composes the four subgraphs without errors', async () => {
    const { errors, files } = await compose(SCHEMA_DIR);
    expect(errors).toEqual([]);
    expect(files['supergraph.graphql']).toContain('@requiresScopes');
  });

  it('matches the committed supergraph and subgraph SDL (run `npm run compose` after a schema change)', async () => {
    const { files } = await compose(SCHEMA_DIR);
    for (const [name, content] of Object.entries(files)) {
      expect({ name, content: readFileSync(join(SCHEMA_DIR, name), 'utf8') }).toEqual({ name, content });
    }
  });

  it('classifies or explicitly publishes every field of the supergraph (deny by default)', () => {
    const sdl = readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    const schema = buildSchema(sdl, { assumeValidSDL: true });
    // The public fields as the gateway reads them: tagged `@tag(name: "public")` where they are declared.
    const { publicFields } = readPublicTags(sdl);
    expect(publicFields.size).toBeGreaterThan(0);
    const unclassified: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        !isObjectType(type) ||
        type.name.startsWith('__') ||
        type.name.startsWith('join__') ||
        type.name.startsWith('link__')
      )
        continue;
      for (const field of Object.values(type.getFields())) {
        const classified = field.astNode?.directives?.some((d) => d.name.value === 'requiresScopes');
        if (!classified && !isPublicField(type.name, publicFields.has(`${type.name}.${field.name}`)))
          unclassified.push(`${type.name}.${field.name}`);
      }
    }
    expect(unclassified).toEqual([]);
  });
});

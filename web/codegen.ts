import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types of the console's operations (web/src/**), checked against the public API (web/schema.graphql, derived from
 * the supergraph by `npm run web:schema`). The generated web/src/gql/ is committed; `npm run web:codegen` rewrites it
 * and registers the operations as trusted documents of the `console` client.
 */
const config: CodegenConfig = {
  schema: 'web/schema.graphql',
  documents: ['web/src/**/*.ts', 'web/src/**/*.tsx', '!web/src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: {
          Cents: 'number',
          Month: 'string',
          LocalDate: 'string',
          DateTime: 'string',
        },
      },
    },
  },
};

export default config;

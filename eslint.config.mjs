// ESLint 9 flat config: eslint's and typescript-eslint's recommended rules (syntax only, no type information, so a
// whole-repository run stays quick), tuned to this codebase. `npm run check:lint`; `npm run lint` fixes what it can.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/'] },
  // The console's build output and generated types (`npm run build:web`, `npm run web:codegen`).
  { ignores: ['web/dist/', 'web/src/gql/', 'test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks a binding kept on purpose: a field left out by destructuring ({ _id, ...rest }), a
      // parameter a callback signature imposes.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // type-graphql (resolvers, orphanedTypes) and TypeORM (entities, migrations) declare class lists as `Function`;
      // the kit mirrors their signatures.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Prettier keeps code to 120 columns but leaves comments and literals alone: comments are held to it here too.
      // Long literals stay whole (a bilingual message, an SQL statement, a pattern) so they can be searched for as
      // the caller or the database log shows them.
      'max-len': [
        'error',
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
    },
  },
  {
    // Tests read GraphQL answers and plugin payloads whose shape the test itself asserts: `any` there is the point.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The jest configs are CommonJS modules.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The console (web/src) runs in the browser.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);

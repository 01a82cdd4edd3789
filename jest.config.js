// Tests run TypeScript through SWC with legacy decorators and decorator metadata (type-graphql and typeorm need both).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/bench/', '/test/faults/'],
  transform: {
    '/node_modules/@graphql-hive/router-runtime/.+\\.cjs$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: false } },
    ],
    // graphile-worker ships ES modules only (Node loads them with require(esm)); jest's VM needs them as CommonJS.
    '/node_modules/(graphile-worker|@graphile/logger)/.+\\.js$': [
      '@swc/jest',
      { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: false } },
    ],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // The Rust query planner (QUERY_PLANNER=rust, the default) is loaded by @graphql-hive/router-runtime with a dynamic
  // import(), which jest's VM refuses without --experimental-vm-modules: in tests only, that one file goes through SWC,
  // which turns the import() into a require() of the same package (its CommonJS build). Node itself loads it as
  // shipped.
  transformIgnorePatterns: ['/node_modules/(?!(@graphql-hive/router-runtime|graphile-worker|@graphile/logger)/)'],
  // One PostgreSQL for the whole run: started (or reached through DATABASE_URL), migrated and seeded once.
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
};

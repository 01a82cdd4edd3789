// The reliability suite (issue 9): faults, bad input, shutdown, concurrency. `npm run test:faults`; CI runs it after
// `npm test`.
// Same transform and global setup as jest.config.js (one fresh database per run); one worker, since the tests play
// with timing (slow upstreams, restarts, draining) and must not compete with each other for the two cores.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/faults/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/faults/helpers/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};

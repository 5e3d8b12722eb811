/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // `*.postgresql.test.ts` run several Ponte processes on one database, which PGlite (one process's
  // memory) cannot be: they run when TEST_DATABASE_URL names a PostgreSQL server (CI sets it).
  testPathIgnorePatterns: process.env.TEST_DATABASE_URL
    ? ['/node_modules/']
    : ['/node_modules/', '\\.postgresql\\.test\\.ts$'],
  // ESM-only dependencies (msw, typebox…) are compiled too.
  transform: { '^.+\\.(t|j|mj|cj)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: [],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  testTimeout: 60_000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};

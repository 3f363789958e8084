// Shared jest settings for every package. Tests run on the TypeScript sources of sibling packages
// (the "@ksub/source" export condition), so `npm test` needs no build first.
const swcrc = require('./.swcrc.jest.json');

module.exports = {
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['@ksub/source', 'node', 'require', 'default'] },
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // the default output, plus a count of the tests skipped because the Debian corpora are absent
  reporters: ['default', require.resolve('./tools/jest/skip-reporter.cjs')],
};

// Three tiers, told apart by file name:
//   *.spec.ts      unit, no I/O
//   *.e2e-spec.ts  over HTTP against the embedded default (SQLite file, in-process discovery)
//   *.int-spec.ts  against the real MariaDB and Redis on 127.0.0.1 (skipped locally when absent,
//                  a failure when HOUSTON_REQUIRE_REAL_SERVICES=1, as CI sets it)
// and the web console's component tests (apps/portal-web/src, *.spec.ts(x) in jsdom), project `web`.
const preset = require('./jest.preset.cjs');
const web = require('./apps/portal-web/jest.config.cjs');

const roots = [
  '<rootDir>/libs',
  '<rootDir>/apps',
  '<rootDir>/examples',
  '<rootDir>/bench',
  '<rootDir>/deploy',
  '<rootDir>/docker',
];
module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      roots,
      testMatch: ['**/*.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/portal-web/src/'],
    },
    { ...web, rootDir: __dirname, roots: ['<rootDir>/apps/portal-web/src'] },
    {
      ...preset,
      displayName: 'e2e',
      roots,
      testMatch: ['**/*.e2e-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.slow-suites.setup.cjs'],
    },
    {
      ...preset,
      displayName: 'integration',
      roots,
      testMatch: ['**/*.int-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/jest.slow-suites.setup.cjs'],
      globalSetup: '<rootDir>/libs/testing/src/real-services.global-setup.ts',
    },
  ],
};

const preset = require('../../jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'admin-client',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/real-services.global-setup.ts',
};

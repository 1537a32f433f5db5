const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'config-service', rootDir: __dirname, roots: ['<rootDir>/src'] };

const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'meta-server', rootDir: __dirname, roots: ['<rootDir>/src'] };

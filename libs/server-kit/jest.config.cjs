const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'server-kit', rootDir: __dirname, roots: ['<rootDir>/src'] };

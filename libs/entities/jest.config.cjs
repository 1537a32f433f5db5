const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'entities', rootDir: __dirname, roots: ['<rootDir>/src'] };

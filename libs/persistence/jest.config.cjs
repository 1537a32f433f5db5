const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'persistence', rootDir: __dirname, roots: ['<rootDir>/src'] };

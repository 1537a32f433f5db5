const preset = require('../../jest.preset.cjs');

module.exports = { ...preset, displayName: 'discovery', rootDir: __dirname, roots: ['<rootDir>/src'] };

module.exports = { ...require('./jest.preset.cjs'), roots: ['<rootDir>/libs', '<rootDir>/apps'] };

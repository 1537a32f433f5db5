// Shared by every project's jest config. Sources are TypeScript compiled to CommonJS by SWC;
// NestJS 12 ships ESM only, so it is let through the transform as well, as are openid-client,
// oidc-provider and the ESM packages they import.
const { compilerOptions } = require('./tsconfig.base.json');
const path = require('node:path');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
        swcrc: false,
      },
    ],
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@fastify|fastify|uuid|cookie|content-disposition|openid-client|oauth4webapi|jose|oidc-provider|koa)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
};

import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * npm packages that belong to servers: the data layer, HTTP, Redis, discovery, logging, the
 * server-side validation and templating. Code that ships to client programs, and the domain
 * rules, must run without them (the SDK is published with no dependencies but an optional yaml).
 */
const SERVER_PACKAGES = [
  '@nestjs/typeorm',
  '@nestjs/platform-fastify',
  '@nestjs/swagger',
  'typeorm',
  'mysql2',
  'better-sqlite3',
  'ioredis',
  'fastify',
  '@fastify/*',
  'consul',
  'pino',
  'prom-client',
  'class-validator',
  'class-transformer',
  'nunjucks',
  'openid-client',
  'oidc-provider',
];
/** The framework on top of them: the NestJS SDK (libs/nestjs) may use it, nothing else here. */
const FRAMEWORK_PACKAGES = ['@nestjs/*', 'rxjs', 'reflect-metadata'];

const depConstraints = [
  // Framework-free rules: nothing but other domain code, and no framework or server package.
  {
    sourceTag: 'type:domain',
    onlyDependOnLibsWithTags: ['type:domain'],
    bannedExternalImports: [...FRAMEWORK_PACKAGES, ...SERVER_PACKAGES],
  },
  { sourceTag: 'type:entities', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:discovery', onlyDependOnLibsWithTags: ['type:domain'] },
  { sourceTag: 'type:server-kit', onlyDependOnLibsWithTags: ['type:domain'] },
  {
    sourceTag: 'type:persistence',
    onlyDependOnLibsWithTags: ['type:domain', 'type:entities', 'type:discovery'],
  },
  {
    sourceTag: 'type:runtime',
    onlyDependOnLibsWithTags: ['type:domain', 'type:persistence', 'type:discovery', 'type:server-kit'],
  },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:entities',
      'type:persistence',
      'type:server-kit',
      'type:discovery',
    ],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:domain',
      'type:entities',
      'type:persistence',
      'type:discovery',
      'type:server-kit',
      'type:runtime',
      'type:testing',
      'type:client',
      'type:client-nestjs',
      'type:admin-client',
    ],
  },
  // The client SDK is published on its own: it depends on nothing of ours, nor on any framework.
  {
    sourceTag: 'type:client',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: [...FRAMEWORK_PACKAGES, ...SERVER_PACKAGES],
  },
  {
    sourceTag: 'type:client-nestjs',
    onlyDependOnLibsWithTags: ['type:client'],
    bannedExternalImports: SERVER_PACKAGES,
  },
  // Generated from the admin-service's committed OpenAPI document: types and calls, no framework.
  {
    sourceTag: 'type:admin-client',
    onlyDependOnLibsWithTags: [],
    bannedExternalImports: [...FRAMEWORK_PACKAGES, ...SERVER_PACKAGES],
  },
  { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:client', 'type:domain', 'type:admin-client'] },
  { sourceTag: 'type:example', onlyDependOnLibsWithTags: ['type:client', 'type:client-nestjs'] },
  // The web console runs in browsers: it talks to the portal over HTTP and shares only the
  // framework-free rules (the same syntax checks the admin-service applies on save).
  { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:domain'] },
  // Code that ships to client programs never pulls in server libraries.
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
];

// Tests of any layer may use the shared test harness (real-service probes, scratch databases).
const testDepConstraints = depConstraints.map((constraint) =>
  constraint.sourceTag.startsWith('type:')
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint,
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'tmp/**', 'bench/results/**', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs'],
    plugins: { '@nx': nx },
    // Decorator metadata makes constructor parameter types runtime values (Nest's injection):
    // the parser must know so that consistent-type-imports leaves those imports alone.
    languageOptions: {
      parserOptions: { emitDecoratorMetadata: true, experimentalDecorators: true },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        URLSearchParams: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        setImmediate: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints,
        },
      ],
    },
  },
  {
    // Tests may use non-null assertions and loose typing for fixtures.
    files: [
      '**/*.spec.ts',
      '**/*.spec.tsx',
      '**/*.int-spec.ts',
      '**/*.e2e-spec.ts',
      // The console's browser suites and their harness.
      'apps/portal-web/browser/**/*.ts',
    ],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: testDepConstraints },
      ],
    },
  },
  {
    // Scripts, benchmarks and command-line entry points talk to the terminal.
    files: ['scripts/**', 'bench/**', '**/src/cli/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The all-in-one process composes the deployable apps' modules, which Nx otherwise forbids.
    files: ['apps/all-in-one/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [
            '@houston/config-service',
            '@houston/admin-service',
            '@houston/meta-server',
            '@houston/portal',
          ],
          depConstraints: testDepConstraints,
        },
      ],
    },
  },
);

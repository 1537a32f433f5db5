import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

// The ESLint config bans framework and server packages per Nx tag (`bannedExternalImports` in
// eslint.config.mjs): libs/domain and the client SDK import none, the NestJS SDK only NestJS.
// Each case lints one line of source as if it were a file of that lib, the way `npm run lint`
// does, and reads what @nx/enforce-module-boundaries reports.

const ROOT = resolve(__dirname, '../../..');

interface LintCase {
  file: string;
  code: string;
}

const LINT_SCRIPT = `
import { ESLint } from 'eslint';
const eslint = new ESLint();
const reports = [];
for (const { file, code } of JSON.parse(process.argv[1])) {
  const [result] = await eslint.lintText(code, { filePath: file });
  reports.push(
    result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message),
  );
}
process.stdout.write(JSON.stringify(reports));
`;

function boundaryErrors(cases: LintCase[]): string[][] {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', LINT_SCRIPT, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

const importOf = (name: string) => `import * as imported from '${name}';\nexport const used = imported;\n`;

describe('external-import bans per tag', () => {
  let errors: string[][];
  const cases: Array<[file: string, importName: string, banned: boolean]> = [
    ['libs/domain/src/fixture.ts', '@nestjs/common', true],
    ['libs/domain/src/fixture.ts', 'typeorm', true],
    ['libs/domain/src/fixture.ts', 'fastify', true],
    ['libs/domain/src/fixture.ts', 'ioredis', true],
    ['libs/domain/src/fixture.ts', 'yaml', false],
    ['libs/client/src/fixture.ts', '@nestjs/core', true],
    ['libs/client/src/fixture.ts', 'consul', true],
    ['libs/client/src/fixture.ts', 'pino', true],
    ['libs/client/src/fixture.ts', 'better-sqlite3', true],
    ['libs/nestjs/src/fixture.ts', '@nestjs/common', false],
    ['libs/nestjs/src/fixture.ts', '@nestjs/typeorm', true],
    ['libs/nestjs/src/fixture.ts', 'mysql2', true],
    // Servers may use all of them.
    ['libs/runtime/src/fixture.ts', 'typeorm', false],
  ];

  beforeAll(() => {
    // The rule reads Nx's cached project graph and skips itself without one (as `npm run lint` does).
    const graph = spawnSync(process.execPath, ['node_modules/.bin/nx', 'show', 'projects'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    if (graph.status !== 0) throw new Error(`nx show projects failed: ${graph.stderr}`);
    errors = boundaryErrors(cases.map(([file, name]) => ({ file, code: importOf(name) })));
  }, 120_000);

  it.each(cases.map((entry, index) => [...entry, index] as const))(
    '%s importing %s: banned %s',
    (file, importName, banned, index) => {
      if (banned) {
        expect(errors[index]).toEqual([
          expect.stringMatching(new RegExp(`not allowed to import "${importName}"`)),
        ]);
      } else {
        expect(errors[index]).toEqual([]);
      }
    },
  );
});

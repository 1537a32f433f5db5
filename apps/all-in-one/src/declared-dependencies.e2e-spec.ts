import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

/** Packages the code never imports by name, and why they are declared all the same. */
const NOT_IMPORTED: Record<string, string> = {
  'better-sqlite3': 'the SQLite driver TypeORM loads by name for sqlite: URLs',
  '@testing-library/dom': "@testing-library/react's peer dependency",
  '@swc/jest': 'the jest transform (jest.preset.cjs)',
  jest: 'the test runner',
  'jest-environment-jsdom': "the web console's test environment",
  nx: 'the project graph the module-boundary lint rule reads',
};

/** Every package a source file imports, requires or loads, by package name (no subpath). */
function importedPackages(files: string[]): Set<string> {
  const specifier = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]((?:@[^/'"]+\/)?[^/'"]+)/g;
  const packages = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(specifier)) packages.add(match[1]!);
  }
  return packages;
}

const isTestCode = (file: string) =>
  /\.(e2e-|int-)?spec\.tsx?$/.test(file) ||
  file.includes('/test-support/') ||
  file.startsWith('libs/testing/') ||
  file.startsWith('bench/');

describe('declared dependencies', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs', '*.cjs'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);

  it('the servers, the CLI and the libraries import every production dependency', () => {
    const imported = importedPackages(files.filter((file) => !isTestCode(file)));
    const unused = Object.keys(manifest.dependencies).filter(
      (name) => !imported.has(name) && !(name in NOT_IMPORTED),
    );
    expect(unused).toEqual([]);
  });

  it('some code imports every development dependency, or its types are of one that is', () => {
    const imported = importedPackages(files);
    const declared = new Set([
      ...Object.keys(manifest.dependencies),
      ...Object.keys(manifest.devDependencies),
    ]);
    const unused = Object.keys(manifest.devDependencies).filter((name) => {
      if (name in NOT_IMPORTED || imported.has(name)) return false;
      // @types/x describes x (@types/scope__x describes @scope/x); node's own modules are "node".
      const typed = name.startsWith('@types/') ? name.slice(7).replace(/^(.+)__/, '@$1/') : undefined;
      return !(typed && (typed === 'node' || typed === 'jest' || declared.has(typed)));
    });
    expect(unused).toEqual([]);
  });

  it('gives a reason only for packages that are declared and not imported', () => {
    const byCode = importedPackages(files.filter((file) => !isTestCode(file)));
    const anywhere = importedPackages(files);
    const stale = Object.keys(NOT_IMPORTED).filter((name) =>
      name in manifest.dependencies
        ? byCode.has(name)
        : !(name in manifest.devDependencies) || anywhere.has(name),
    );
    expect(stale).toEqual([]);
  });
});

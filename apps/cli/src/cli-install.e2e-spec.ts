import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(__dirname, '../../..');

/** The CLI as a command: `npx houston` in a clone, and the package `npm run pack:cli` lays out. */
describe('houston installed as a command', () => {
  it('runs as `npx houston` from the repository (the root package.json bin)', async () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ houston: 'scripts/houston.mjs' });
    const { stdout } = await run('npx', ['--no-install', 'houston', 'help'], { cwd: root });
    expect(stdout).toMatch(/^Usage: houston <command>/);
  });

  it('is a publishable package whose bin runs', async () => {
    await run(process.execPath, ['scripts/pack-cli.mjs'], { cwd: root });
    const packageDir = join(root, 'dist/packages/cli');
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: '@houston/cli', bin: { houston: './apps/cli/src/main.js' } });
    const bin = join(packageDir, manifest.bin.houston);
    expect(readFileSync(bin, 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    // Run as a shell runs an installed bin: the file itself, by its shebang.
    const { stdout } = await run(bin, ['help']);
    expect(stdout).toMatch(/^Usage: houston <command>/);
    const packed = await run('npm', ['pack', '--dry-run', '--json'], { cwd: packageDir });
    const files = (JSON.parse(packed.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map(
      (file) => file.path,
    );
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'apps/cli/src/main.js', 'libs/admin-client/src/index.js']),
    );
  });
});

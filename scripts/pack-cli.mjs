// Lays out the CLI as a publishable package in dist/packages/cli (npm publish dist/packages/cli):
// apps/cli/package.json with its `bin`, the built CLI and the built libraries it imports, kept at
// the same relative paths so the build's relative imports still resolve. Run after a build.
import { chmodSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = join('dist', 'packages', 'cli');
const manifest = JSON.parse(readFileSync('apps/cli/package.json', 'utf8'));
rmSync(out, { recursive: true, force: true });
for (const dir of manifest.files) cpSync(join('dist', dir), join(out, dir), { recursive: true });
writeFileSync(join(out, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
cpSync('apps/cli/README.md', join(out, 'README.md'));
chmodSync(join(out, manifest.bin.houston), 0o755);
console.log(`packed ${manifest.name} into ${out}`);

// Compiles every app and lib to ESM under dist/ with SWC (decorator metadata included, which
// esbuild-based runners lack and NestJS dependency injection needs). Type checking is a
// separate step (`npm run typecheck`), so a build takes about a second. The portal's web console
// (apps/portal-web, a browser bundle) is built with Vite into dist/portal-web, only when one of
// its sources is newer than the last build (that build takes several seconds).
import { copyFileSync, readFileSync, readdirSync, statSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist');
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8'));
const testFile = /\.(spec|int-spec|e2e-spec|contract-spec)\.ts$/;
// Browser code: bundled by Vite below, not compiled file by file for Node.
const WEB_APPS = new Set(['portal-web']);

function sources(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== '__fixtures__' && name !== 'results')
        found.push(...sources(path));
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !testFile.test(name)) {
      found.push(path);
    }
  }
  return found;
}

const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
    baseUrl: root,
    paths: tsconfig.compilerOptions.paths,
  },
  module: { type: 'es6', resolveFully: true },
  sourceMaps: 'inline',
  swcrc: false,
};

// Files are overwritten in place, not wiped first: a test may be running a server from dist/.
const files = ['apps', 'libs', 'examples']
  .map((top) => join(root, top))
  .flatMap((top) =>
    readdirSync(top)
      .filter((name) => !WEB_APPS.has(name))
      .map((name) => join(top, name, 'src')),
  )
  .concat(join(root, 'bench'))
  .filter((dir) => {
    try {
      return statSync(dir).isDirectory();
    } catch {
      return false;
    }
  })
  .flatMap(sources);

await Promise.all(
  files.map(async (file) => {
    const { code } = await transformFile(file, { ...swcOptions, filename: file });
    const target = join(outDir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }),
);
writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
// Publishable libraries carry their own package.json into dist (npm publish dist/libs/<name>).
for (const lib of readdirSync(join(root, 'libs'))) {
  const manifest = join(root, 'libs', lib, 'package.json');
  try {
    copyFileSync(manifest, join(outDir, 'libs', lib, 'package.json'));
  } catch {
    // not a published library
  }
}
console.log(`built ${files.length} files into ${relative(process.cwd(), outDir) || '.'}`);

await buildWebConsole();

/** The newest modification time under `path` (a file or a directory), 0 when it does not exist. */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

async function buildWebConsole() {
  const project = join(root, 'apps/portal-web');
  const page = join(outDir, 'portal-web', 'index.html');
  const inputs = [
    join(project, 'src'),
    join(project, 'index.html'),
    join(project, 'vite.config.ts'),
    join(root, 'libs/domain/src'),
    join(root, 'package-lock.json'),
  ];
  const built = newest(page);
  if (built > 0 && inputs.every((input) => newest(input) < built) && process.env.HOUSTON_WEB_REBUILD !== '1')
    return;
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: join(project, 'vite.config.ts'), logLevel: 'warn' });
  console.log(
    `built the web console into ${relative(process.cwd(), join(outDir, 'portal-web'))} in ${Date.now() - started} ms`,
  );
}

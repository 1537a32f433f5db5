// `npm start` and friends: build, then run the server in this same process. A shell wrapper
// (`sh -c "build && node main.js"`) kept the shell as the parent, which does not pass SIGTERM on:
// `kill <pid>` stopped the shell and left the server on its ports. Here the signal reaches the
// server's own handlers, which drain and close gracefully.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const APPS = ['all-in-one', 'config-service', 'admin-service', 'meta-server', 'portal'];
const app = process.argv[2] ?? 'all-in-one';
if (!APPS.includes(app)) {
  process.stderr.write(`usage: node scripts/start.mjs [${APPS.join('|')}]\n`);
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
await import(pathToFileURL(join(root, 'scripts/build.mjs')).href);
await import(pathToFileURL(join(root, 'dist/apps', app, 'src/main.js')).href);

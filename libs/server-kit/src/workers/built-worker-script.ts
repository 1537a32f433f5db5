import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The compiled worker script at `sibling` (a `.js` URL next to the calling module). Under Jest
 * the sources run as TypeScript, which a worker thread cannot load: the built copy under dist/ is
 * used then (`npm run build`).
 */
export function builtWorkerScript(sibling: URL): URL {
  if (existsSync(sibling)) return sibling;
  const built = fileURLToPath(sibling).replace(
    /([\\/])libs([\\/])server-kit\1src\1/,
    '$1dist$1libs$1server-kit$1src$1',
  );
  if (existsSync(built)) return pathToFileURL(built);
  throw new Error(`the worker script ${fileURLToPath(sibling)} is missing: run \`npm run build\``);
}

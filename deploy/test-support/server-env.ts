import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_SERVICE_ENV } from '../../apps/admin-service/src/admin-service.env';
import { ALL_IN_ONE_ENV } from '../../apps/all-in-one/src/all-in-one.env';
import { CONFIG_SERVICE_ENV } from '../../apps/config-service/src/config-service.env';
import { META_SERVER_ENV } from '../../apps/meta-server/src/meta-server.env';
import { bindHostEnv, RUNTIME_ENV } from '@houston/runtime';
import { loadEnv, type EnvSchema } from '@houston/server-kit';

export const REPO_ROOT = join(__dirname, '..', '..');

/**
 * What each server's main.ts validates at start-up, composed the same way (main.ts is checked to
 * still say so, see `mainComposesSchema`). Keyed by the app folder the command runs from.
 */
export const SERVER_ENV_SCHEMAS: Record<string, { schema: EnvSchema; parts: string[] }> = {
  'config-service': {
    schema: { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV },
    parts: ['RUNTIME_ENV', "bindHostEnv('127.0.0.1')", 'CONFIG_SERVICE_ENV'],
  },
  'admin-service': {
    schema: { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...ADMIN_SERVICE_ENV },
    parts: ['RUNTIME_ENV', "bindHostEnv('127.0.0.1')", 'ADMIN_SERVICE_ENV'],
  },
  'meta-server': {
    schema: { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...META_SERVER_ENV },
    parts: ['RUNTIME_ENV', "bindHostEnv('127.0.0.1')", 'META_SERVER_ENV'],
  },
  'all-in-one': { schema: ALL_IN_ONE_ENV, parts: ['ALL_IN_ONE_ENV'] },
};

/** Variables a container may set that are not Houston's own. */
export const NON_HOUSTON_ENV = new Set(['NODE_ENV', 'NODE_OPTIONS', 'TZ']);

/** True when apps/<app>/src/main.ts still builds its schema from exactly these parts. */
export function mainComposesSchema(app: string): boolean {
  const main = readFileSync(join(REPO_ROOT, 'apps', app, 'src', 'main.ts'), 'utf8');
  return SERVER_ENV_SCHEMAS[app]!.parts.every((part) => main.includes(part));
}

/**
 * The app a container command starts, e.g. `node dist/apps/config-service/src/main.js`, or a
 * message saying why it is not a Houston server command that exists in this repository.
 */
export function appOfCommand(command: readonly string[]): { app: string } | { problem: string } {
  const text = command.join(' ');
  const match = /^node dist\/apps\/([a-z-]+)\/src\/main\.js$/.exec(text);
  if (!match) return { problem: `"${text}" is not "node dist/apps/<app>/src/main.js"` };
  const app = match[1]!;
  if (!existsSync(join(REPO_ROOT, 'apps', app, 'src', 'main.ts'))) {
    return { problem: `"${text}": apps/${app}/src/main.ts does not exist` };
  }
  if (!SERVER_ENV_SCHEMAS[app]) return { problem: `"${text}": ${app} is not a server` };
  return { app };
}

/**
 * Problems with the variables given to a server: names its schema does not know (a typo is
 * silently ignored at start-up, so it is caught here) and values its schema refuses.
 */
export function envProblems(app: string, env: Record<string, string>): string[] {
  const { schema } = SERVER_ENV_SCHEMAS[app]!;
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (!(name in schema) && !NON_HOUSTON_ENV.has(name)) problems.push(`${name} is not a setting of ${app}`);
  }
  try {
    loadEnv(schema, env);
  } catch (error) {
    problems.push(`${app}: ${(error as Error).message}`);
  }
  return problems;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TEST_ADMIN_TOKEN } from './admin-token';

export type HoustonServerName = 'admin-service' | 'config-service' | 'meta-server' | 'portal';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed so far (for assertions on its logs and failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const ROOT = resolve(__dirname, '../../..');
const PORT_VARIABLE: Record<HoustonServerName, string> = {
  'admin-service': 'HOUSTON_ADMIN_PORT',
  'config-service': 'HOUSTON_CONFIG_PORT',
  'meta-server': 'HOUSTON_META_PORT',
  portal: 'HOUSTON_PORTAL_PORT',
};

/**
 * Starts one built server (`dist/apps/<name>/src/main.js`) as its own process on 127.0.0.1 and an
 * ephemeral port, as production runs them, and reads its URL from its `listening` log line.
 * Needs `node scripts/build.mjs` first.
 */
export async function startServerProcess(
  name: HoustonServerName,
  env: Record<string, string>,
  timeoutMs = 20_000,
): Promise<ServerProcess> {
  const main = join(ROOT, `dist/apps/${name}/src/main.js`);
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`node scripts/build.mjs\` first`);
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOUSTON_HOST: '127.0.0.1',
      [PORT_VARIABLE[name]]: '0',
      HOUSTON_LOG_LEVEL: 'info',
      HOUSTON_ADMIN_TOKENS: TEST_ADMIN_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${name} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const look = () => {
      const line = output.split('\n').find((text) => text.includes('"msg":"listening"'));
      const listening = line ? /"url":"(http:\/\/[^"]+)"/.exec(line) : null;
      if (listening) {
        clearTimeout(timer);
        child.stdout!.off('data', look);
        done(listening[1]!.replace(/\/$/, ''));
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`${name} exited before it was listening:\n${output}`));
    });
  });

  return {
    url,
    child,
    output: () => output,
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(killer);
    },
  };
}

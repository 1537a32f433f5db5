import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_ADMIN_TOKEN } from './admin-token';

export interface HoustonProcess {
  configUrl: string;
  adminUrl: string;
  /** The portal's URL when it runs (`HOUSTON_PORTAL_ENABLED=true`). */
  portalUrl?: string;
  child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** SIGTERM, then waits for the exit; the SQLite file is removed unless `keepData`. */
  stop(): Promise<number | null>;
}

const ROOT = resolve(__dirname, '../../..');
const MAIN = join(ROOT, 'dist/apps/all-in-one/src/main.js');

/**
 * Starts the built `npm start` entry point as a real child process on a fresh SQLite file and
 * ephemeral ports, and reads its URLs from what it prints: black-box tests of clients and tools
 * run against exactly what a user runs. Needs `npm run build` first (`npm run test:e2e` does it).
 */
export async function startHoustonProcess(
  env: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<HoustonProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'houston-proc-'));
  const child = spawn(process.execPath, [MAIN], {
    cwd: dir,
    env: {
      ...process.env,
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      HOUSTON_LOG_LEVEL: 'warn',
      HOUSTON_ADMIN_TOKENS: TEST_ADMIN_TOKEN,
      HOUSTON_PORTAL_PORT: '0',
      HOUSTON_PORTAL_ENABLED: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const urls = await new Promise<{ configUrl: string; adminUrl: string; portalUrl?: string }>(
    (done, fail) => {
      const timer = setTimeout(
        () => fail(new Error(`houston did not start within ${timeoutMs} ms:\n${output}`)),
        timeoutMs,
      );
      const look = () => {
        const config = /config-service \+ meta-server\s+(http:\/\/\S+)/.exec(output);
        const admin = /admin-service\s+(http:\/\/\S+)/.exec(output);
        const portal = /portal\s+(http:\/\/\S+)/.exec(output);
        if (config && admin && /Houston is running/.test(output)) {
          clearTimeout(timer);
          done({ configUrl: config[1]!, adminUrl: admin[1]!, portalUrl: portal?.[1] });
        }
      };
      child.stdout!.on('data', look);
      void exited.then((code) => {
        clearTimeout(timer);
        fail(new Error(`houston exited with ${code} before it was ready:\n${output}`));
      });
    },
  );

  return {
    ...urls,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

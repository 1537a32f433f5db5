import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a built server (`dist/apps/<main>/src/main.js`) until it exits, for tests of start-up
 * failures: what it printed and its exit code. Killed after 30 s, so a server that starts anyway
 * ends the test instead of hanging it.
 */
export function runToExit(main: string, env: Record<string, string>, cwd: string): Promise<Finished> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', main, 'src/main.js')], {
    cwd,
    env: { ...process.env, HOUSTON_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((done) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    }),
  );
}

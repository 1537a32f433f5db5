import { spawn } from 'node:child_process';

export interface CheckResult {
  ok: boolean;
  /** Exit code, or a description of how it ended (signal, timeout, could not start). */
  outcome: string;
  /** What it printed, both streams, last 4 KiB. */
  output: string;
}

const KEEP = 4096;

/** Runs the check through the shell so it may use pipes, `&&` and `$HOUSTON_RENDERED_DIR`. */
export function runCheck(
  command: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
): Promise<CheckResult> {
  return new Promise((done) => {
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-KEEP);
    };
    const child = spawn('/bin/sh', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      done({ ok: false, outcome: `could not start: ${error.message}`, output });
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) done({ ok: false, outcome: `timed out after ${timeoutMs} ms`, output });
      else if (signal) done({ ok: false, outcome: `killed by ${signal}`, output });
      else done({ ok: code === 0, outcome: `exit ${code}`, output });
    });
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

export type ExitListener = (code: number) => void;

/** The exit code a shell would report: the code, or 128 + the signal's number. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const number = signal ? constants.signals[signal] : undefined;
  return number ? 128 + number : 1;
}

/**
 * Runs the program `houston run` looks after. Exits that houston caused (a restart) are expected;
 * any other exit is reported once to `onExit`, and houston ends with that code.
 */
export class ProgramSupervisor {
  private child: ChildProcess | undefined;
  private exited: Promise<number> | undefined;

  constructor(
    private readonly command: string[],
    private readonly env: Record<string, string | undefined>,
    private readonly onExit: ExitListener,
    private readonly log: (line: string) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  start(): void {
    const [program, ...args] = this.command as [string, ...string[]];
    const child = spawn(program, args, { env: this.env, stdio: 'inherit' });
    this.child = child;
    this.exited = new Promise<number>((done) => {
      child.once('error', (error) => {
        this.log(`cannot start ${program}: ${error.message}`);
        done(127);
      });
      child.once('exit', (code, signal) => done(exitCodeOf(code, signal)));
    });
    void this.exited.then((code) => {
      // Only the current child's own exit ends houston; one we stopped has been replaced or is awaited.
      if (this.child === child) {
        this.child = undefined;
        this.onExit(code);
      }
    });
    if (child.pid !== undefined) this.log(`started ${program} (pid ${child.pid})`);
  }

  /** Sends `signal`; false when nothing runs. */
  signal(signal: NodeJS.Signals): boolean {
    if (!this.child) return false;
    this.child.kill(signal);
    return true;
  }

  /** Stops the program without reporting its exit: SIGTERM, then SIGKILL after `timeoutMs`. */
  async stop(timeoutMs: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | undefined> {
    const child = this.child;
    const exited = this.exited;
    if (!child || !exited) return undefined;
    this.child = undefined;
    child.kill(signal);
    const timer = setTimeout(() => {
      this.log(`pid ${child.pid} still running ${timeoutMs} ms after ${signal}: SIGKILL`);
      child.kill('SIGKILL');
    }, timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

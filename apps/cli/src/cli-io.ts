/** Where a command writes and what it can see: the process in production, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
  /** Base directory for relative paths (defaults to the process's). */
  cwd?: string;
  /**
   * Subscribes to the termination signals `houston run` forwards to its program; returns an
   * unsubscribe function. Without it (tests), nothing is listened to.
   */
  onSignal?: (handler: (signal: NodeJS.Signals) => void) => () => void;
  /** The HTTP client for the admin-service (tests may stub it). */
  fetch?: typeof fetch;
}

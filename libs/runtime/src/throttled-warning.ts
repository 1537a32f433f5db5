/** Where a throttled warning goes: the structured logger's `warn`. */
export interface WarningSink {
  warn(message: unknown, ...params: unknown[]): void;
}

export interface ThrottledWarningOptions {
  /** The log context (`Redis`, `Database`). */
  context: string;
  msg: string;
  /** At most one line per this many milliseconds; the ones in between are counted, not written. */
  intervalMs: number;
  now?: () => number;
}

/**
 * A dependency that is down fails on every reconnect attempt and every command: logging each
 * failure would flood the log with one line per attempt. This writes the first failure at once,
 * then at most one line per interval, carrying how many were left out since the previous line.
 */
export function throttledWarning(
  sink: WarningSink,
  options: ThrottledWarningOptions,
): (error: unknown, fields?: Record<string, unknown>) => void {
  const now = options.now ?? Date.now;
  let lastWrittenAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (error, fields = {}) => {
    const at = now();
    if (at - lastWrittenAt < options.intervalMs) {
      suppressed += 1;
      return;
    }
    lastWrittenAt = at;
    sink.warn({ msg: options.msg, ...fields, error: String(error), suppressed }, options.context);
    suppressed = 0;
  };
}

export interface ReleaseMessagePruner {
  pruneToNewestPerMessage(): Promise<number>;
}

/**
 * Keeps the ReleaseMessage table at about one row per key. The admin service prunes a key
 * after each release; this sweep catches what it missed (a crash, a failed delete).
 */
export class ReleaseMessageCleaner {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pruner: ReleaseMessagePruner,
    private readonly intervalMs: number,
    private readonly onResult: (deleted: number, error?: unknown) => void,
  ) {}

  start(): void {
    if (this.intervalMs <= 0) return;
    this.timer = setInterval(() => {
      this.pruner.pruneToNewestPerMessage().then(
        (deleted) => this.onResult(deleted),
        (error: unknown) => this.onResult(0, error),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

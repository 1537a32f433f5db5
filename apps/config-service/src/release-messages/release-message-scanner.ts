import type { ReleaseMessageBus } from './release-message-bus';

export interface ReleaseMessageSource {
  maxId(): Promise<number>;
  findAfter(afterId: number, limit: number): Promise<Array<{ id: number; message: string }>>;
  findByIds(ids: number[]): Promise<Array<{ id: number; message: string }>>;
}

export interface ScannerOptions {
  intervalMs: number;
  /**
   * How long an id that was skipped is looked for again. Ids are handed out when a transaction
   * inserts, but become visible when it commits, so a long release transaction commits its id
   * after later ones; a scanner that only reads `id > max` would lose it for good.
   */
  gapRecheckMs: number;
  pageSize?: number;
  /** At most this many open gaps are tracked; the oldest are dropped first. */
  maxTrackedGaps?: number;
  clock?: () => number;
  onError?: (error: unknown) => void;
}

/** Polls the ReleaseMessage table and publishes every new message exactly once per instance. */
export class ReleaseMessageScanner {
  private maxIdScanned = 0;
  /** Skipped ids and when they were first noticed. */
  private readonly gaps = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private pendingHint?: Promise<void>;
  private readonly pageSize: number;
  private readonly maxTrackedGaps: number;
  private readonly clock: () => number;

  constructor(
    private readonly source: ReleaseMessageSource,
    private readonly bus: ReleaseMessageBus,
    private readonly options: ScannerOptions,
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.maxTrackedGaps = options.maxTrackedGaps ?? 10_000;
    this.clock = options.clock ?? Date.now;
  }

  /** Starts after the newest message present now: older ones are history, not news. */
  async start(startAfterId?: number): Promise<void> {
    this.maxIdScanned = startAfterId ?? (await this.source.maxId());
    this.schedule();
  }

  get lastScannedId(): number {
    return this.maxIdScanned;
  }

  get openGaps(): number[] {
    return [...this.gaps.keys()];
  }

  /** One scan: new messages, then a look for ids that were missing. Exposed for tests. */
  scanOnce(): Promise<void> {
    this.running ??= this.scan().finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * A hint that a message was just committed (by this process, or announced on a pub/sub
   * channel): scan now rather than at the next tick. Hints arriving during a scan coalesce into
   * one more scan; the timed scan stays the source of truth.
   */
  scanSoon(): Promise<void> {
    if (!this.timer) return Promise.resolve();
    if (this.pendingHint) return this.pendingHint;
    this.pendingHint = (this.running ?? Promise.resolve())
      .then(() => {
        this.pendingHint = undefined;
        return this.scanOnce();
      })
      .catch((error: unknown) => this.options.onError?.(error));
    return this.pendingHint;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pendingHint;
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.scanOnce()
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => {
          if (this.timer) this.schedule();
        });
    }, this.options.intervalMs);
    this.timer.unref();
  }

  private async scan(): Promise<void> {
    await this.recheckGaps();
    for (;;) {
      const page = await this.source.findAfter(this.maxIdScanned, this.pageSize);
      for (const message of page) {
        for (let missing = this.maxIdScanned + 1; missing < message.id; missing++) this.trackGap(missing);
        this.maxIdScanned = message.id;
        this.bus.publish(message);
      }
      if (page.length < this.pageSize) return;
    }
  }

  private trackGap(id: number): void {
    this.gaps.set(id, this.clock());
    if (this.gaps.size > this.maxTrackedGaps) {
      const oldest = this.gaps.keys().next().value;
      if (oldest !== undefined) this.gaps.delete(oldest);
    }
  }

  private async recheckGaps(): Promise<void> {
    if (this.gaps.size === 0) return;
    const now = this.clock();
    for (const [id, since] of this.gaps) {
      if (now - since > this.options.gapRecheckMs) this.gaps.delete(id);
    }
    const ids = [...this.gaps.keys()];
    for (let i = 0; i < ids.length; i += this.pageSize) {
      for (const message of await this.source.findByIds(ids.slice(i, i + this.pageSize))) {
        this.gaps.delete(message.id);
        this.bus.publish(message);
      }
    }
  }
}

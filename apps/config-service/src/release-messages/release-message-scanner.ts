/** A row of the table; `ageMs`: how long ago it was written, when the source knows. */
export interface ScannedMessage {
  id: number;
  message: string;
  ageMs?: number;
}

export interface ReleaseMessageSource {
  maxId(): Promise<number>;
  findAfter(afterId: number, limit: number): Promise<ScannedMessage[]>;
  findByIds(ids: number[]): Promise<ScannedMessage[]>;
  /** The newest id of every key in the table (about one row per key). */
  latestIdsOfAll(): Promise<Map<string, number>>;
}

/**
 * Where the scanner hands each message: `ReleaseMessageHandler.onReleaseMessage`. `ageMs` is how
 * long ago the message was written (absent for a message found by reconciliation).
 */
export type DeliverReleaseMessage = (key: string, id: number, ageMs?: number) => void;

export interface ScannerOptions {
  intervalMs: number;
  /**
   * How long an id that was skipped is looked for again. Ids are handed out when a transaction
   * inserts, but become visible when it commits, so a long release transaction commits its id
   * after later ones; a scanner that only reads `id > max` would lose it for good.
   */
  gapRecheckMs: number;
  /**
   * How many ids below the newest one at start-up are treated as gaps too: a transaction that
   * was open when this instance started holds one of them (default 500).
   */
  startupLookback?: number;
  /**
   * How often the newest id of every key is compared with what this instance has delivered, so a
   * message missed for any reason (a gap older than the recheck window, a transaction open longer
   * than that) is delivered late rather than never (0 = never).
   */
  reconcileIntervalMs?: number;
  /** The newest id this instance knows for a key (the notification index). */
  knownId?: (key: string) => number | undefined;
  /** Run with each reconcile: compare the cached releases with the database's. */
  revalidate?: () => Promise<void>;
  pageSize?: number;
  /** At most this many open gaps are tracked; the oldest are dropped first. */
  maxTrackedGaps?: number;
  clock?: () => number;
  onError?: (error: unknown) => void;
}

/** Polls the ReleaseMessage table and delivers every new message exactly once per instance. */
export class ReleaseMessageScanner {
  private maxIdScanned = 0;
  /** Skipped ids and when they were first noticed. */
  private readonly gaps = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private pendingHint?: Promise<void>;
  private lastReconciledAt = 0;
  private lastCompletedAt?: number;
  private failed = 0;
  private readonly pageSize: number;
  private readonly maxTrackedGaps: number;
  private readonly clock: () => number;

  constructor(
    private readonly source: ReleaseMessageSource,
    private readonly deliver: DeliverReleaseMessage,
    private readonly options: ScannerOptions,
  ) {
    this.pageSize = options.pageSize ?? 500;
    this.maxTrackedGaps = options.maxTrackedGaps ?? 10_000;
    this.clock = options.clock ?? Date.now;
  }

  /**
   * Starts after the newest message present now (older ones are history, not news), but treats
   * the ids just below it that are missing as gaps: one may belong to a transaction still open,
   * which must be delivered when it commits, as if this instance had been running all along.
   */
  async start(startAfterId?: number): Promise<void> {
    const max = startAfterId ?? (await this.source.maxId());
    const lookback = Math.min(this.options.startupLookback ?? 500, this.maxTrackedGaps);
    const from = Math.max(0, max - lookback);
    if (max > from) {
      const present = new Set((await this.source.findAfter(from, max - from)).map((row) => row.id));
      for (let id = from + 1; id <= max; id++) if (!present.has(id)) this.trackGap(id);
    }
    this.maxIdScanned = max;
    this.lastReconciledAt = this.clock();
    this.lastCompletedAt = this.clock();
    this.schedule();
  }

  get lastScannedId(): number {
    return this.maxIdScanned;
  }

  get openGaps(): number[] {
    return [...this.gaps.keys()];
  }

  /** Skipped ids being looked for again now. */
  get openGapCount(): number {
    return this.gaps.size;
  }

  /** When the last scan finished without an error (the clock's time); undefined before the first. */
  get lastCompletedScanAt(): number | undefined {
    return this.lastCompletedAt;
  }

  /** Scans that failed (the database unreachable or slow) since start. */
  get failedScans(): number {
    return this.failed;
  }

  /** One scan: new messages, then a look for ids that were missing. Exposed for tests. */
  scanOnce(): Promise<void> {
    this.running ??= this.scan()
      .then(
        () => {
          this.lastCompletedAt = this.clock();
        },
        (error: unknown) => {
          this.failed++;
          throw error;
        },
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * A hint that a message was just committed (by this process, announced on a pub/sub channel,
   * or named by a client another instance woke): scan now rather than at the next tick. Hints
   * arriving during a scan coalesce into one more scan, so a thousand of them cost two scans;
   * the timed scan stays the source of truth. Never rejects.
   */
  scanSoon(): Promise<void> {
    if (!this.timer) return Promise.resolve();
    if (this.pendingHint) return this.pendingHint;
    this.pendingHint = (this.running ?? Promise.resolve())
      .catch(() => undefined)
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
    await this.running?.catch(() => undefined);
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
        this.deliver(message.message, message.id, message.ageMs);
      }
      if (page.length < this.pageSize) break;
    }
    await this.reconcileIfDue();
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
        this.deliver(message.message, message.id, message.ageMs);
      }
    }
  }

  /**
   * The safety net behind gap tracking: a key whose newest row is one this instance has scanned
   * past without delivering is delivered now, so no cached release or held poll stays behind
   * the table for longer than the reconcile interval. Ids above the scan position are left to
   * the next scan, which delivers them in order.
   */
  private async reconcileIfDue(): Promise<void> {
    const { reconcileIntervalMs, knownId } = this.options;
    if (!reconcileIntervalMs || !knownId) return;
    if (this.clock() - this.lastReconciledAt < reconcileIntervalMs) return;
    this.lastReconciledAt = this.clock();
    for (const [key, id] of await this.source.latestIdsOfAll()) {
      if (id > this.maxIdScanned || id <= (knownId(key) ?? 0)) continue;
      this.gaps.delete(id);
      this.deliver(key, id);
    }
    await this.options.revalidate?.();
  }
}

import type { ClientReportBatch } from '@houston/domain';
import type { ClientReportRow } from '@houston/persistence';

export interface ClientReportSink {
  upsertBatch(rows: ClientReportRow[]): Promise<void>;
  /** Drops at most `batch` of the reports older than `before`; how many. */
  deleteOlderThan(before: Date, batch: number): Promise<number>;
  /** Drops at most `batch` of the oldest reports beyond the newest `maxRows`; how many. */
  deleteBeyond(maxRows: number, batch: number): Promise<number>;
}

export interface ClientReportRecorderOptions {
  flushIntervalMs: number;
  /** A burst larger than this is written at once rather than held in memory. */
  maxPending: number;
  /** Reports older than this are deleted, at start and then once an hour. */
  retentionMs: number;
  /** At most this many reports are kept (the newest), pruned with the old ones. */
  maxRows: number;
  /** Reports one statement of the count pruning drops at most (10,000 unless told). */
  pruneBatch?: number;
  onError?: (error: unknown) => void;
}

export interface ClientReportStats {
  received: number;
  written: number;
  failedFlushes: number;
}

const PRUNE_INTERVAL_MS = 3_600_000;
const PRUNE_BATCH = 10_000;

/**
 * What clients say of the releases they got, kept off the request path like instance sightings:
 * a report only lands in a map (the newest per instance and release key wins) and the map is
 * written in one batch every flush interval. A merged `a+b` release key counts for each part, so
 * the admin-service finds a report by the one release it asks about. They go to the database even
 * where Redis holds the sightings: one row per instance and release (not one write per read), which
 * the admin-service counts by release and status, bounded by age and by count.
 */
export class ClientReportRecorder {
  private pending = new Map<string, ClientReportRow>();
  private timers: NodeJS.Timeout[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private pruning: Promise<unknown> = Promise.resolve();
  private stopped = false;
  readonly stats: ClientReportStats = { received: 0, written: 0, failedFlushes: 0 };

  constructor(
    private readonly sink: ClientReportSink,
    private readonly options: ClientReportRecorderOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** `ip`: the address the client reported, else its connection's (what instance sightings use too). */
  record(batch: ClientReportBatch, ip: string): number {
    const reportedAt = this.clock();
    const identity = {
      appId: batch.appId,
      clusterName: batch.cluster,
      dataCenter: batch.dataCenter,
      ip: ip.slice(0, 64),
    };
    let accepted = 0;
    for (const report of batch.reports) {
      for (const releaseKey of report.releaseKey.split('+')) {
        if (releaseKey === '' || releaseKey.length > 64) continue;
        accepted++;
        this.pending.set(
          `${identity.appId}|${identity.clusterName}|${identity.dataCenter}|${identity.ip}|${releaseKey}`,
          {
            ...identity,
            namespaceName: report.namespaceName,
            releaseKey,
            status: report.status,
            message: report.message,
            reportedAt,
          },
        );
      }
    }
    this.stats.received += accepted;
    if (this.pending.size >= this.options.maxPending) void this.flush();
    return accepted;
  }

  start(): void {
    this.stopped = false;
    const flush = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    const prune = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    flush.unref();
    prune.unref();
    this.timers = [flush, prune];
    // At once too: config-services restarted more often than hourly would never prune otherwise.
    this.pruning = this.prune();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.pruning;
    await this.flush();
  }

  /** Writes what is pending; batches run one after another, a failed one is dropped. */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.flushing;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      try {
        await this.sink.upsertBatch(batch);
        this.stats.written += batch.length;
      } catch (error) {
        this.stats.failedFlushes++;
        this.options.onError?.(error);
      }
    });
    return this.flushing;
  }

  /**
   * Drops reports past the retention time, then the oldest beyond `maxRows`, a bounded batch per
   * statement with a turn of the event loop between batches (a table far over its bound, after a
   * lower `maxRows` or a long outage of the pruning, is not emptied in one long delete holding its
   * locks); how many. A stop ends it between batches.
   */
  async prune(): Promise<number> {
    try {
      const before = new Date(this.clock().getTime() - this.options.retentionMs);
      const old = await this.inBatches((batch) => this.sink.deleteOlderThan(before, batch));
      return old + (await this.inBatches((batch) => this.sink.deleteBeyond(this.options.maxRows, batch)));
    } catch (error) {
      this.options.onError?.(error);
      return 0;
    }
  }

  /** Runs a bounded delete until it drops less than a batch or the recorder stops; how many. */
  private async inBatches(statement: (batch: number) => Promise<number>): Promise<number> {
    const batch = this.options.pruneBatch ?? PRUNE_BATCH;
    let pruned = 0;
    for (;;) {
      const deleted = await statement(batch);
      pruned += deleted;
      if (deleted < batch || this.stopped) return pruned;
      await new Promise((turn) => setImmediate(turn));
    }
  }
}

import type { ClientReportBatch } from '@houston/domain';
import type { ClientReportRow } from '@houston/persistence';

export interface ClientReportSink {
  upsertBatch(rows: ClientReportRow[]): Promise<void>;
  deleteOlderThan(before: Date): Promise<number>;
}

export interface ClientReportRecorderOptions {
  flushIntervalMs: number;
  /** A burst larger than this is written at once rather than held in memory. */
  maxPending: number;
  /** Reports older than this are deleted, once an hour. */
  retentionMs: number;
  onError?: (error: unknown) => void;
}

export interface ClientReportStats {
  received: number;
  written: number;
  failedFlushes: number;
}

const PRUNE_INTERVAL_MS = 3_600_000;

/**
 * What clients say of the releases they got, kept off the request path like instance sightings:
 * a report only lands in a map (the newest per instance and release key wins) and the map is
 * written in one batch every flush interval. A merged `a+b` release key counts for each part, so
 * the admin-service finds a report by the one release it asks about.
 */
export class ClientReportRecorder {
  private pending = new Map<string, ClientReportRow>();
  private timers: NodeJS.Timeout[] = [];
  private flushing: Promise<void> = Promise.resolve();
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
    const flush = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    const prune = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
    flush.unref();
    prune.unref();
    this.timers = [flush, prune];
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
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

  async prune(): Promise<number> {
    try {
      return await this.sink.deleteOlderThan(new Date(this.clock().getTime() - this.options.retentionMs));
    } catch (error) {
      this.options.onError?.(error);
      return 0;
    }
  }
}

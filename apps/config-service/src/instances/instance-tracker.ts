import { instanceKey, type InstanceSighting, type InstanceStore } from '@houston/persistence';

export interface InstanceTrackerOptions {
  flushIntervalMs: number;
  /** A burst larger than this is written at once rather than held in memory. */
  maxPending: number;
  onError?: (error: unknown) => void;
}

export interface InstanceTrackerStats {
  sightings: number;
  flushes: number;
  written: number;
  /** Batches the store refused (their sightings dropped). */
  failedFlushes: number;
}

/**
 * Which client instance reads which release, kept off the hot path: a read only puts its
 * sighting in a map (the newest per instance and namespace wins), and the map is written in one
 * batch every few seconds. Ten thousand clients reading at once become one batch, not ten
 * thousand writes; a failed batch is dropped (the next sightings replace it), never retried in a loop.
 */
export class InstanceTracker {
  private pending = new Map<string, InstanceSighting>();
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  readonly stats: InstanceTrackerStats = { sightings: 0, flushes: 0, written: 0, failedFlushes: 0 };

  constructor(
    private readonly store: InstanceStore,
    private readonly options: InstanceTrackerOptions,
  ) {}

  record(sighting: InstanceSighting): void {
    this.stats.sightings++;
    const { appId, clusterName, namespaceName } = sighting.config;
    this.pending.set(`${instanceKey(sighting)}|${appId}+${clusterName}+${namespaceName}`, sighting);
    if (this.pending.size >= this.options.maxPending) void this.flush();
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.options.flushIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  /** Writes what is pending; batches run one after another. */
  flush(): Promise<void> {
    if (this.pending.size === 0) return this.flushing;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      try {
        await this.store.record(batch);
        this.stats.flushes++;
        this.stats.written += batch.length;
      } catch (error) {
        this.stats.failedFlushes++;
        this.options.onError?.(error);
      }
    });
    return this.flushing;
  }
}

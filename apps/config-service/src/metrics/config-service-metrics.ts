import { LatencyHistogram, registerPulledMetric, type MetricsRegistry } from '@houston/server-kit';

/** Seconds from a release message's write to its delivery: the scan interval's scale and beyond. */
const RELEASE_AGE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30, 60, 300];

export interface ScannerFigures {
  readonly lastScannedId: number;
  readonly openGapCount: number;
  readonly lastCompletedScanAt: number | undefined;
  readonly failedScans: number;
}

export interface CounterPair {
  readonly hits: number;
  readonly misses: number;
}

/**
 * The config-service's metrics. Everything counted on the read path is a plain field of the part
 * that counts it (a cache's `hits++`), read here when Prometheus scrapes; only release messages,
 * a few a second at most, are observed as they happen.
 */
export class ConfigServiceMetrics {
  private delivered = 0;
  private readonly age?: LatencyHistogram;
  private readonly wakeLatency?: LatencyHistogram;

  constructor(
    private readonly registry: MetricsRegistry | undefined,
    private readonly clock: () => number = Date.now,
  ) {
    if (!registry) return;
    this.age = new LatencyHistogram(
      'houston_release_message_delivery_seconds',
      'Age of each release message when this instance delivered it (written in the release transaction, read by the scan)',
      RELEASE_AGE_BUCKETS,
    ).register(registry);
    this.wakeLatency = new LatencyHistogram(
      'houston_release_wake_latency_seconds',
      'For each release message that woke held long polls: time from the release until they were answered',
      RELEASE_AGE_BUCKETS,
    ).register(registry);
    registerPulledMetric(registry, {
      name: 'houston_release_messages_delivered_total',
      help: 'Release messages this instance delivered to its caches and long polls',
      type: 'counter',
      read: () => this.delivered,
    });
  }

  /** A release message went through the handler and woke `woken` polls; `ageMs` when known. */
  messageDelivered(ageMs: number | undefined, woken: number): void {
    this.delivered++;
    if (ageMs === undefined) return;
    this.age?.observe({}, ageMs / 1000);
    if (woken > 0) this.wakeLatency?.observe({}, ageMs / 1000);
  }

  watchLongPolls(longPolls: {
    readonly size: number;
    readonly stats: { woken: number; timedOut: number };
  }): void {
    if (!this.registry) return;
    registerPulledMetric(this.registry, {
      name: 'houston_long_polls_held',
      help: 'Long polls (/notifications/v2) held now, waiting for a release',
      type: 'gauge',
      read: () => longPolls.size,
    });
    registerPulledMetric(this.registry, {
      name: 'houston_long_poll_wakeups_total',
      help: 'Held long polls answered because a release message woke them',
      type: 'counter',
      read: () => longPolls.stats.woken,
    });
    registerPulledMetric(this.registry, {
      name: 'houston_long_poll_timeouts_total',
      help: 'Held long polls answered 304 after their full hold (HOUSTON_LONG_POLL_TIMEOUT)',
      type: 'counter',
      read: () => longPolls.stats.timedOut,
    });
  }

  watchScanner(scanner: ScannerFigures): void {
    if (!this.registry) return;
    registerPulledMetric(this.registry, {
      name: 'houston_release_message_scan_lag_seconds',
      help: 'Time since the last release-message scan finished; about HOUSTON_SCAN_INTERVAL when healthy, growing while scans fail',
      type: 'gauge',
      read: () => {
        const at = scanner.lastCompletedScanAt;
        return at === undefined ? 0 : Math.max(0, this.clock() - at) / 1000;
      },
    });
    registerPulledMetric(this.registry, {
      name: 'houston_release_message_scan_failures_total',
      help: 'Release-message scans that failed (database unreachable or slow)',
      type: 'counter',
      read: () => scanner.failedScans,
    });
    registerPulledMetric(this.registry, {
      name: 'houston_release_message_gaps',
      help: 'Skipped release-message ids being looked for again (transactions that commit out of order)',
      type: 'gauge',
      read: () => scanner.openGapCount,
    });
    registerPulledMetric(this.registry, {
      name: 'houston_release_message_last_id',
      help: 'The newest release-message id this instance has scanned',
      type: 'gauge',
      read: () => scanner.lastScannedId,
    });
  }

  watchCaches(caches: { release: CounterPair; answer: CounterPair }): void {
    if (!this.registry) return;
    registerPulledMetric(this.registry, {
      name: 'houston_cache_requests_total',
      help: 'Cache look-ups by cache (release: active releases; answer: finished /configs answers) and result',
      type: 'counter',
      read: () =>
        (['release', 'answer'] as const).flatMap((cache) => [
          { labels: { cache, result: 'hit' }, value: caches[cache].hits },
          { labels: { cache, result: 'miss' }, value: caches[cache].misses },
        ]),
    });
  }

  watchInstances(stats: {
    sightings: number;
    flushes: number;
    written: number;
    failedFlushes: number;
  }): void {
    if (!this.registry) return;
    registerPulledMetric(this.registry, {
      name: 'houston_client_instance_sightings_total',
      help: 'Client reads recorded for the client-instance list (coalesced in memory before writing)',
      type: 'counter',
      read: () => stats.sightings,
    });
    registerPulledMetric(this.registry, {
      name: 'houston_client_instance_writes_total',
      help: 'Client-instance batch writes (Redis or the database) by result',
      type: 'counter',
      read: () => [
        { labels: { result: 'written' }, value: stats.flushes },
        { labels: { result: 'failed' }, value: stats.failedFlushes },
      ],
    });
    registerPulledMetric(this.registry, {
      name: 'houston_client_instance_records_written_total',
      help: 'Client-instance records written, over all batches',
      type: 'counter',
      read: () => stats.written,
    });
  }
}

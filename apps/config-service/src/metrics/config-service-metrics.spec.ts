import { createMetricsRegistry, type MetricsRegistry } from '@houston/server-kit';
import { ConfigServiceMetrics } from './config-service-metrics';

/** The value of one series of the registry's page, `undefined` when it is not there. */
async function valueOf(registry: MetricsRegistry, series: string): Promise<number | undefined> {
  const line = (await registry.metrics()).split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('ConfigServiceMetrics', () => {
  let registry: MetricsRegistry;
  let now: number;
  let metrics: ConfigServiceMetrics;

  beforeEach(() => {
    registry = createMetricsRegistry();
    now = 1_000_000;
    metrics = new ConfigServiceMetrics(registry, () => now);
  });

  it('reports client-instance writes by result, the records written and the sightings, as counted when scraped', async () => {
    const stats = { sightings: 0, flushes: 0, written: 0, failedFlushes: 0 };
    metrics.watchInstances(stats);
    Object.assign(stats, { sightings: 12, flushes: 3, written: 7, failedFlushes: 1 });
    expect(await valueOf(registry, 'houston_client_instance_writes_total{result="written"}')).toBe(3);
    expect(await valueOf(registry, 'houston_client_instance_writes_total{result="failed"}')).toBe(1);
    expect(await valueOf(registry, 'houston_client_instance_records_written_total')).toBe(7);
    expect(await valueOf(registry, 'houston_client_instance_sightings_total')).toBe(12);
  });

  it('reports the scan lag as the time since the last finished scan, the open gaps and the failed scans', async () => {
    const scanner = {
      lastScannedId: 41,
      openGapCount: 0,
      lastCompletedScanAt: undefined as number | undefined,
      failedScans: 0,
    };
    metrics.watchScanner(scanner);
    expect(await valueOf(registry, 'houston_release_message_scan_lag_seconds')).toBe(0);
    Object.assign(scanner, { lastCompletedScanAt: now - 2_500, openGapCount: 2, failedScans: 4 });
    expect(await valueOf(registry, 'houston_release_message_scan_lag_seconds')).toBe(2.5);
    expect(await valueOf(registry, 'houston_release_message_gaps')).toBe(2);
    expect(await valueOf(registry, 'houston_release_message_scan_failures_total')).toBe(4);
    expect(await valueOf(registry, 'houston_release_message_last_id')).toBe(41);
  });

  it('times the wake-up of held polls only for messages that woke some, and counts every delivery', async () => {
    metrics.messageDelivered(300, 0);
    metrics.messageDelivered(700, 2);
    metrics.messageDelivered(undefined, 1);
    expect(await valueOf(registry, 'houston_release_messages_delivered_total')).toBe(3);
    expect(await valueOf(registry, 'houston_release_message_delivery_seconds_count')).toBe(2);
    expect(await valueOf(registry, 'houston_release_wake_latency_seconds_count')).toBe(1);
    expect(await valueOf(registry, 'houston_release_wake_latency_seconds_sum')).toBe(0.7);
  });

  it('reports held long polls, their wake-ups and time-outs, and cache hits and misses by cache', async () => {
    const longPolls = { size: 5, stats: { woken: 9, timedOut: 2 } };
    metrics.watchLongPolls(longPolls);
    metrics.watchCaches({ release: { hits: 10, misses: 1 }, answer: { hits: 4, misses: 6 } });
    expect(await valueOf(registry, 'houston_long_polls_held')).toBe(5);
    expect(await valueOf(registry, 'houston_long_poll_wakeups_total')).toBe(9);
    expect(await valueOf(registry, 'houston_long_poll_timeouts_total')).toBe(2);
    expect(await valueOf(registry, 'houston_cache_requests_total{cache="release",result="hit"}')).toBe(10);
    expect(await valueOf(registry, 'houston_cache_requests_total{cache="answer",result="miss"}')).toBe(6);
  });
});

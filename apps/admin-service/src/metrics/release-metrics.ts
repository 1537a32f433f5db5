import { performance } from 'node:perf_hooks';
import { LatencyHistogram, registerPulledMetric, type MetricsRegistry } from '@houston/server-kit';

/** What a release-like change was, for the metrics: the operations clients notice. */
export type ReleaseOperationName = 'publish' | 'rollback' | 'gray_publish' | 'merge' | 'other';

/** Publishing a namespace of 1,000 items takes tens of milliseconds; a lock wait, seconds. */
const PUBLISH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The admin-service's release metrics: how long each release-like change took, from the start of
 * its transaction until its announcement was handed on (what the caller waits for), by operation
 * and result, and how many release messages were written.
 */
export class ReleaseMetrics {
  private messages = 0;
  private readonly latency: LatencyHistogram;

  constructor(registry: MetricsRegistry) {
    this.latency = new LatencyHistogram(
      'houston_release_publish_seconds',
      'Time a release-like change took (transaction and announcement), by operation (publish, rollback, gray_publish, merge, other) and result (ok, failed)',
      PUBLISH_BUCKETS,
    ).register(registry);
    registerPulledMetric(registry, {
      name: 'houston_release_messages_written_total',
      help: 'Release messages written (one per watched key and change), the rows config-services scan',
      type: 'counter',
      read: () => this.messages,
    });
  }

  async time<T>(operation: ReleaseOperationName, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let result: 'ok' | 'failed' = 'failed';
    try {
      const value = await work();
      result = 'ok';
      return value;
    } finally {
      this.latency.observe({ operation, result }, (performance.now() - started) / 1000);
    }
  }

  messageWritten(): void {
    this.messages++;
  }
}

const byRegistry = new WeakMap<MetricsRegistry, ReleaseMetrics>();

/** One per registry (the announcer may be built more than once in a process's tests). */
export function releaseMetricsOf(registry: MetricsRegistry | undefined): ReleaseMetrics | undefined {
  if (!registry) return undefined;
  let metrics = byRegistry.get(registry);
  if (!metrics) byRegistry.set(registry, (metrics = new ReleaseMetrics(registry)));
  return metrics;
}

import type { Registry } from 'prom-client';
import type { MetricLabels } from './pulled-metric';

/** Seconds; from a cached read (well under a millisecond) to a long poll held its full minute. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 90,
];

/** One label set of a histogram: observing is a bucket search and three additions, no allocation. */
export class LatencySeries {
  readonly counts: number[];
  sum = 0;
  count = 0;

  constructor(
    readonly labels: MetricLabels,
    private readonly buckets: readonly number[],
  ) {
    this.counts = new Array<number>(buckets.length).fill(0);
  }

  observe(seconds: number): void {
    const buckets = this.buckets;
    for (let i = 0; i < buckets.length; i++) {
      if (seconds <= buckets[i]!) {
        this.counts[i]!++;
        break;
      }
    }
    this.sum += seconds;
    this.count++;
  }
}

/**
 * A Prometheus histogram whose label sets are objects the caller keeps (`series(labels)` once,
 * `observe` on every event), so a hot path pays no label hashing per observation, unlike
 * prom-client's own `Histogram.labels(...).observe`. Rendered in the usual `_bucket`/`_sum`/
 * `_count` form at scrape time.
 */
export class LatencyHistogram {
  private readonly all = new Map<string, LatencySeries>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[] = LATENCY_BUCKETS,
  ) {}

  /** The series of one label set; the same object for the same labels. */
  series(labels: MetricLabels): LatencySeries {
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
    let series = this.all.get(key);
    if (!series) this.all.set(key, (series = new LatencySeries(labels, this.buckets)));
    return series;
  }

  observe(labels: MetricLabels, seconds: number): void {
    this.series(labels).observe(seconds);
  }

  register(registry: Registry): this {
    registry.registerMetric({
      name: this.name,
      help: this.help,
      type: 'histogram',
      aggregator: 'sum',
      get: async () => ({
        name: this.name,
        help: this.help,
        type: 'histogram',
        aggregator: 'sum',
        values: [...this.all.values()].flatMap((series) => this.valuesOf(series)),
      }),
    } as unknown as Parameters<Registry['registerMetric']>[0]);
    return this;
  }

  private valuesOf(series: LatencySeries) {
    const values: Array<{ metricName: string; labels: MetricLabels; value: number }> = [];
    let cumulative = 0;
    this.buckets.forEach((bound, i) => {
      cumulative += series.counts[i]!;
      values.push({
        metricName: `${this.name}_bucket`,
        labels: { ...series.labels, le: String(bound) },
        value: cumulative,
      });
    });
    values.push({
      metricName: `${this.name}_bucket`,
      labels: { ...series.labels, le: '+Inf' },
      value: series.count,
    });
    values.push({ metricName: `${this.name}_sum`, labels: series.labels, value: series.sum });
    values.push({ metricName: `${this.name}_count`, labels: series.labels, value: series.count });
    return values;
  }
}

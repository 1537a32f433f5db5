import type { Registry } from 'prom-client';

export type MetricLabels = Record<string, string>;

export interface PulledMetricSpec {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  /**
   * Read at scrape time: one value, or one per label set. The figures live in plain fields of the
   * code that counts them (`hits++`), so the hot path pays nothing for being measured.
   */
  read(): number | Array<{ labels: MetricLabels; value: number }>;
}

/**
 * A counter or gauge whose value is read when Prometheus scrapes rather than pushed on every
 * event. A counter read this way must only grow (a counter kept since the process started).
 */
export function registerPulledMetric(registry: Registry, spec: PulledMetricSpec): void {
  registry.registerMetric({
    name: spec.name,
    help: spec.help,
    type: spec.type,
    aggregator: 'sum',
    get: async () => {
      const read = spec.read();
      const values = typeof read === 'number' ? [{ labels: {}, value: read }] : read;
      return { name: spec.name, help: spec.help, type: spec.type, aggregator: 'sum', values };
    },
  } as unknown as Parameters<Registry['registerMetric']>[0]);
}

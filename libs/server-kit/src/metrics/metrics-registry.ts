import { collectDefaultMetrics, Registry } from 'prom-client';

/** What `GET /metrics` answers with: Prometheus' text format. */
export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/**
 * The one registry of a process: every server in it (the all-in-one runs three) registers its
 * metrics here and every `/metrics` route answers from it. Never prom-client's global registry:
 * tests start many servers in one process, each with its own.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  // CPU, memory, file descriptors, event-loop lag, GC: Prometheus' usual process_* and nodejs_*.
  collectDefaultMetrics({ register: registry });
  return registry;
}

export type { Registry as MetricsRegistry } from 'prom-client';

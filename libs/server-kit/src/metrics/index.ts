export { createMetricsRegistry, METRICS_CONTENT_TYPE, type MetricsRegistry } from './metrics-registry';
export { registerPulledMetric, type MetricLabels, type PulledMetricSpec } from './pulled-metric';
export { LATENCY_BUCKETS, LatencyHistogram, LatencySeries } from './latency-histogram';
export {
  HTTP_DURATION_METRIC,
  httpMetricsOf,
  installHttpMetrics,
  METRICS_PATH,
  routeTiming,
  TimedResponse,
  type HttpMetrics,
  type ResponseTiming,
} from './http-metrics';

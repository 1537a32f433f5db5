import { ServerResponse, type IncomingMessage } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { LatencyHistogram, type LatencySeries } from './latency-histogram';
import { METRICS_CONTENT_TYPE } from './metrics-registry';

export const METRICS_PATH = '/metrics';
export const HTTP_DURATION_METRIC = 'houston_http_request_duration_seconds';

/** What a server's HTTP metrics go into: the process registry and its one latency histogram. */
export interface HttpMetrics {
  registry: Registry;
  latency: LatencyHistogram;
}

/**
 * The HTTP metrics of a process, registered once in its registry; every server of the process
 * (the all-in-one runs three) records into the same histogram, labelled by route.
 */
export function httpMetricsOf(registry: Registry): HttpMetrics {
  let metrics = byRegistry.get(registry);
  if (!metrics) {
    const latency = new LatencyHistogram(
      HTTP_DURATION_METRIC,
      'Time from request to the end of the response, by method, route template and status (long polls: their hold)',
    ).register(registry);
    byRegistry.set(registry, (metrics = { registry, latency }));
  }
  return metrics;
}

const byRegistry = new WeakMap<Registry, HttpMetrics>();

/**
 * Times every response of a Fastify instance by its route template (`/apps/:appId`, never the
 * URL, so app ids stay out of the metrics and the series stay few), and serves `GET /metrics`.
 */
export function installHttpMetrics(fastify: FastifyInstance, metrics: HttpMetrics): void {
  const seriesByKey = new Map<string, LatencySeries>();
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const key = `${request.method} ${status} ${route}`;
    let series = seriesByKey.get(key);
    if (!series) {
      series = metrics.latency.series({ method: request.method, route, status: String(status) });
      seriesByKey.set(key, series);
    }
    series.observe(reply.elapsedTime / 1000);
    done();
  });
  fastify.get(METRICS_PATH, async (_request, reply) => {
    const text = await metrics.registry.metrics();
    return reply.header('content-type', METRICS_CONTENT_TYPE).send(text);
  });
}

/** The timing a lean-routed request carries to the end of its response. */
export interface ResponseTiming {
  observe(status: number, seconds: number): void;
}

/**
 * The server's response class when lean routes are timed: `end()` records the time since the
 * request was dispatched, so a lean route costs two clock reads and a bucket search, with no
 * hook, listener or closure per request (the read path answers thousands a second).
 */
export class TimedResponse<
  Request extends IncomingMessage = IncomingMessage,
> extends ServerResponse<Request> {
  timing: ResponseTiming | undefined = undefined;
  startedAt = 0;

  start(timing: ResponseTiming): void {
    this.timing = timing;
    this.startedAt = performance.now();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- forwards every overload of end()
  override end(...args: any[]): this {
    const result = super.end(...(args as [])) as this;
    const timing = this.timing;
    if (timing) {
      this.timing = undefined;
      timing.observe(this.statusCode, (performance.now() - this.startedAt) / 1000);
    }
    return result;
  }
}

/** Per route: one series per status code, made on first use. */
export function routeTiming(latency: LatencyHistogram, method: string, route: string): ResponseTiming {
  const byStatus = new Map<number, LatencySeries>();
  return {
    observe(status, seconds) {
      let series = byStatus.get(status);
      if (!series) {
        series = latency.series({ method, route, status: String(status) });
        byStatus.set(status, series);
      }
      series.observe(seconds);
    },
  };
}

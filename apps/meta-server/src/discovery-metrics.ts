import { performance } from 'node:perf_hooks';
import type { ServiceInstance, ServiceRegistry } from '@houston/discovery';
import { LatencyHistogram, registerPulledMetric, type MetricsRegistry } from '@houston/server-kit';

/** A lookup answers in milliseconds; a slow store is cut at 0.5 s by the last-known list. */
const LOOKUP_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface DiscoveryMetrics {
  /** The registry with every lookup timed and its instance count kept. */
  registry: ServiceRegistry;
  /** Call when the last known list was answered instead of the store's. */
  fellBack(serviceName: string): void;
}

/**
 * The meta-server's discovery metrics: each look-up in the store (the database, Consul) timed by
 * service and result, the instances it found, and how often the last known list stood in.
 */
export function measureDiscovery(registry: ServiceRegistry, metrics: MetricsRegistry): DiscoveryMetrics {
  const latency = new LatencyHistogram(
    'houston_discovery_lookup_seconds',
    'Time one look-up in the discovery store took, by service and result (ok, failed)',
    LOOKUP_BUCKETS,
  ).register(metrics);
  const instances = new Map<string, number>();
  const fallbacks = new Map<string, number>();
  registerPulledMetric(metrics, {
    name: 'houston_discovery_instances',
    help: 'Instances the last successful look-up found, by service',
    type: 'gauge',
    read: () => [...instances].map(([service, value]) => ({ labels: { service }, value })),
  });
  registerPulledMetric(metrics, {
    name: 'houston_discovery_fallbacks_total',
    help: 'Look-ups answered with the last known instances because the store failed or was slower than 0.5 s',
    type: 'counter',
    read: () => [...fallbacks].map(([service, value]) => ({ labels: { service }, value })),
  });
  const timed: ServiceRegistry = {
    kind: registry.kind,
    register: (instance) => registry.register(instance),
    deregister: (instanceId) => registry.deregister(instanceId),
    close: () => registry.close(),
    async getInstances(serviceName: string): Promise<ServiceInstance[]> {
      const started = performance.now();
      let result: 'ok' | 'failed' = 'failed';
      try {
        const found = await registry.getInstances(serviceName);
        result = 'ok';
        instances.set(serviceName, found.length);
        return found;
      } finally {
        latency.observe({ service: serviceName, result }, (performance.now() - started) / 1000);
      }
    },
  };
  return {
    registry: timed,
    fellBack: (serviceName) => fallbacks.set(serviceName, (fallbacks.get(serviceName) ?? 0) + 1),
  };
}

import {
  ConsulServiceRegistry,
  EmbeddedServiceRegistry,
  KubernetesServiceRegistry,
  SERVICE_NAMES,
  type ServiceRegistry,
} from '@houston/discovery';
import { DatabaseRegistryStore, type Database } from '@houston/persistence';
import type { LoggerService } from '@nestjs/common';
import { throttledWarning, type WarningSink } from './throttled-warning';

export interface DiscoverySettings {
  HOUSTON_DISCOVERY: 'embedded' | 'consul' | 'kubernetes';
  HOUSTON_CONSUL_URL: string;
  HOUSTON_CONFIG_SERVICE_URL: string;
  HOUSTON_ADMIN_SERVICE_URL: string;
  HOUSTON_CONSUL_TOKEN?: string;
  HOUSTON_HEARTBEAT_INTERVAL: number;
  HOUSTON_INSTANCE_EXPIRY: number;
}

/**
 * Embedded (database heartbeats, the default), Consul, or Kubernetes (fixed Service URLs),
 * behind the same interface.
 */
export function openRegistry(
  settings: DiscoverySettings,
  database: Database,
  logger: LoggerService,
): ServiceRegistry {
  if (settings.HOUSTON_DISCOVERY === 'kubernetes') {
    return new KubernetesServiceRegistry({
      serviceUrls: {
        [SERVICE_NAMES.config]: settings.HOUSTON_CONFIG_SERVICE_URL,
        [SERVICE_NAMES.admin]: settings.HOUSTON_ADMIN_SERVICE_URL,
      },
    });
  }
  if (settings.HOUSTON_DISCOVERY === 'consul') {
    // Only a meta-server lists instances: it follows them by blocking queries and answers from
    // what it holds, the last list read while Consul is unreachable.
    const watchFailed = throttledWarning(logger as WarningSink, {
      context: 'Discovery',
      msg: 'Consul blocking query failed; serving the last list read and retrying with backoff',
      intervalMs: 10_000,
    });
    return new ConsulServiceRegistry({
      url: settings.HOUSTON_CONSUL_URL,
      token: settings.HOUSTON_CONSUL_TOKEN,
      watch: { onError: (serviceName, error) => watchFailed(error, { serviceName }) },
    });
  }
  return new EmbeddedServiceRegistry({
    store: new DatabaseRegistryStore(database.dataSource),
    heartbeatIntervalMs: settings.HOUSTON_HEARTBEAT_INTERVAL,
    expireAfterMs: settings.HOUSTON_INSTANCE_EXPIRY,
    onError: (error: unknown) =>
      logger.warn?.({ msg: 'registry heartbeat failed; will retry', error: String(error) }, 'Discovery'),
  });
}

import { SERVICE_NAMES } from '@houston/discovery';
import {
  connectionLimitsOf,
  startServer,
  throttledWarning,
  type RunningServer,
  type Runtime,
  type RuntimeEnv,
} from '@houston/runtime';
import { measureDiscovery } from './discovery-metrics';
import type { MetaServerEnv } from './meta-server.env';
import { lastKnownInstancesOf, MetaServerModule } from './meta-server.module';

export function startMetaServer(
  runtime: Runtime,
  env: RuntimeEnv & MetaServerEnv & { HOUSTON_HOST: string },
): Promise<RunningServer> {
  const fellBack = throttledWarning(runtime.logger, {
    context: 'Discovery',
    msg: 'discovery lookup failed or was slow; answering the last known instances',
    intervalMs: 10_000,
  });
  const discovery = measureDiscovery(runtime.registry, runtime.metrics);
  const registry = lastKnownInstancesOf(discovery.registry, (serviceName, reason) => {
    discovery.fellBack(serviceName);
    fellBack(reason, { serviceName });
  });
  return startServer({
    name: 'meta-server',
    modules: [MetaServerModule.register({ registry })],
    host: env.HOUSTON_HOST,
    port: env.HOUSTON_META_PORT,
    advertisedHost: env.HOUSTON_ADVERTISED_HOST,
    bodyLimitBytes: env.HOUSTON_BODY_LIMIT,
    bodyBytesInFlight: env.HOUSTON_BODY_BYTES_IN_FLIGHT,
    connectionLimits: connectionLimitsOf(env),
    logger: runtime.logger,
    metrics: runtime.metrics,
    openApi: {
      title: 'Houston meta-server',
      version: '1',
      description: "Apollo's meta-server API: where config and admin services are",
    },
    // Ready while it can answer: from the database, or from the last list it read.
    readinessChecks: [
      { name: 'discovery', check: async () => registry.knowsAny() || (await runtime.database.ping()) },
    ],
    registerAs: { registry: runtime.registry, serviceNames: [SERVICE_NAMES.meta] },
  });
}

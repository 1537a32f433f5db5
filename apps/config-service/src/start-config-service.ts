import { SERVICE_NAMES } from '@houston/discovery';
import {
  connectionLimitsOf,
  listenForReleases,
  startServer,
  type RunningServer,
  type Runtime,
  type RuntimeEnv,
} from '@houston/runtime';
import type { DynamicModule } from '@nestjs/common';
import { configServiceOptionsFromEnv, type ConfigServiceEnv } from './config-service.env';
import { ClientAuthorizer } from './access/client-authorizer';
import { ConfigQueryService } from './configs/config-query.service';
import { IncrementalSync } from './configs/incremental-sync';
import { ConfigServiceLifecycle } from './config-service.lifecycle';
import { finishConfigServiceDocument } from './http/client-api.openapi';
import { CLIENT_ROUTE_PREFIXES, registerClientRoutes } from './http/client-routes';
import { HeldPollsPerClient } from './notifications/held-polls-per-client';
import { InstanceSightings } from './instances/instance-sightings';
import { ClientReportRecorder } from './reports/client-report-recorder';
import { NotificationService } from './notifications/notification-service';
import { ConfigServiceModule } from './config-service.module';
import { CONFIG_SERVICE_OPTIONS, type ConfigServiceOptions } from './config-service.options';

export interface ConfigServiceStartOptions {
  /** Served on the same port (the all-in-one adds the meta-server here, as Apollo's config service does). */
  extraModules?: DynamicModule[];
  serviceNames?: string[];
}

export async function startConfigService(
  runtime: Runtime,
  env: RuntimeEnv & ConfigServiceEnv & { HOUSTON_HOST: string },
  options: ConfigServiceStartOptions = {},
): Promise<RunningServer> {
  const server = await startServer({
    name: 'config-service',
    modules: [
      ConfigServiceModule.register({
        database: runtime.database,
        instances: runtime.instances,
        metrics: runtime.metrics,
        ...configServiceOptionsFromEnv(env),
      }),
      ...(options.extraModules ?? []),
    ],
    host: env.HOUSTON_HOST,
    port: env.HOUSTON_CONFIG_PORT,
    advertisedHost: env.HOUSTON_ADVERTISED_HOST,
    bodyLimitBytes: env.HOUSTON_BODY_LIMIT,
    bodyBytesInFlight: env.HOUSTON_BODY_BYTES_IN_FLIGHT,
    connectionLimits: connectionLimitsOf(env),
    logger: runtime.logger,
    metrics: runtime.metrics,
    openApi: {
      title: 'Houston config-service',
      version: '1',
      description:
        "Apollo's client protocol. Refusals are problem bodies `{status, code, message, details?, path}`; 304 and 404 are Apollo's.",
      finish: finishConfigServiceDocument,
    },
    // Not the database: while it is down this instance keeps serving the releases it holds.
    readinessChecks: [],
    registerAs: { registry: runtime.registry, serviceNames: options.serviceNames ?? [SERVICE_NAMES.config] },
    leanRoutes: {
      prefixes: CLIENT_ROUTE_PREFIXES,
      timed: env.HOUSTON_METRICS_CLIENT_ROUTES,
      register: (app, fastify) =>
        registerClientRoutes(fastify, {
          configs: app.get(ConfigQueryService),
          notifications: app.get(NotificationService),
          instances: app.get(InstanceSightings),
          authorizer: app.get(ClientAuthorizer),
          incremental: app.get(IncrementalSync),
          longPollTimeoutMs: app.get<ConfigServiceOptions>(CONFIG_SERVICE_OPTIONS).longPollTimeoutMs,
          heldPolls: new HeldPollsPerClient(env.HOUSTON_MAX_HELD_POLLS_PER_CLIENT),
          reports: app.get(ClientReportRecorder),
        }),
    },
  });
  if (!runtime.redis) return server;
  // The optional fast path: admin-services announce releases on Redis; scan at once when they do.
  const lifecycle = server.app.get(ConfigServiceLifecycle);
  const stopListening = await listenForReleases(
    runtime.redis,
    () => void lifecycle.releaseMessageCommitted(),
    { logger: runtime.logger, timeoutMs: env.HOUSTON_REDIS_TIMEOUT },
  );
  return {
    ...server,
    async close() {
      await stopListening();
      await server.close();
    },
  };
}

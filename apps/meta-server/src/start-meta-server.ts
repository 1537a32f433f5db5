import { SERVICE_NAMES } from '@houston/discovery';
import { startServer, type RunningServer, type Runtime, type RuntimeEnv } from '@houston/runtime';
import type { MetaServerEnv } from './meta-server.env';
import { MetaServerModule } from './meta-server.module';

export function startMetaServer(
  runtime: Runtime,
  env: RuntimeEnv & MetaServerEnv & { HOUSTON_HOST: string },
): Promise<RunningServer> {
  return startServer({
    name: 'meta-server',
    modules: [MetaServerModule.register({ registry: runtime.registry })],
    host: env.HOUSTON_HOST,
    port: env.HOUSTON_META_PORT,
    advertisedHost: env.HOUSTON_ADVERTISED_HOST,
    bodyLimitBytes: env.HOUSTON_BODY_LIMIT,
    logger: runtime.logger,
    openApi: {
      title: 'Houston meta-server',
      version: '1',
      description: "Apollo's meta-server API: where config and admin services are",
    },
    readinessChecks: [{ name: 'database', check: () => runtime.database.ping() }],
    registerAs: { registry: runtime.registry, serviceNames: [SERVICE_NAMES.meta] },
  });
}

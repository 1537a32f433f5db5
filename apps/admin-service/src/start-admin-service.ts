import { SERVICE_NAMES } from '@houston/discovery';
import {
  connectionLimitsOf,
  announceRelease,
  REDIS_WARNING_INTERVAL_MS,
  startServer,
  throttledWarning,
  type RunningServer,
  type Runtime,
  type RuntimeEnv,
} from '@houston/runtime';
import { secretKeyRingOf, WorkerDocumentChecker } from '@houston/server-kit';
import {
  governanceFromEnv,
  itemLimitsFromEnv,
  retentionFromEnv,
  notificationsFromEnv,
  rolloutsFromEnv,
  type AdminServiceEnv,
} from './admin-service.env';
import { finishAdminDocument } from './admin-openapi';
import { AdminServiceModule } from './admin-service.module';
import type { PublishedMessage } from './admin-service.options';

export interface AdminServiceStartOptions {
  onReleaseMessage?: (message: PublishedMessage) => void | Promise<void>;
  /** Service tokens in place of HOUSTON_ADMIN_TOKENS (the all-in-one process makes one). */
  accessTokens?: readonly string[];
}

export async function startAdminService(
  runtime: Runtime,
  env: RuntimeEnv & AdminServiceEnv & { HOUSTON_HOST: string },
  options: AdminServiceStartOptions = {},
): Promise<RunningServer> {
  const announcementFailed = throttledWarning(runtime.logger, {
    context: 'Redis',
    msg: 'release announcement failed; config-services find the release by their scan',
    intervalMs: REDIS_WARNING_INTERVAL_MS,
  });
  const accessTokens = options.accessTokens ?? env.HOUSTON_ADMIN_TOKENS;
  if (accessTokens.length === 0) {
    runtime.logger.error(
      { msg: 'HOUSTON_ADMIN_TOKENS is not set: this admin-service refuses every call but health' },
      undefined,
      'Main',
    );
  }
  const documents = new WorkerDocumentChecker({ timeoutMs: env.HOUSTON_DOCUMENT_CHECK_TIMEOUT });
  let server: RunningServer;
  try {
    server = await startServer({
      name: 'admin-service',
      modules: [
        AdminServiceModule.register({
          database: runtime.database,
          limits: itemLimitsFromEnv(env),
          governance: governanceFromEnv(env),
          retention: retentionFromEnv(env),
          rollouts: rolloutsFromEnv(env),
          notifications: notificationsFromEnv(env),
          documents,
          instances: runtime.instances,
          accessTokens,
          secretKeys: secretKeyRingOf(env),
          metrics: runtime.metrics,
          onReleaseMessage: async (message) => {
            await options.onReleaseMessage?.(message);
            // The fast path to config-services in other processes; their scan remains the truth.
            // Not awaited: a frozen or unreachable Redis must not delay the publish.
            if (runtime.redis) announceRelease(runtime.redis, message, announcementFailed);
          },
        }),
      ],
      host: env.HOUSTON_HOST,
      port: env.HOUSTON_ADMIN_PORT,
      advertisedHost: env.HOUSTON_ADVERTISED_HOST,
      bodyLimitBytes: env.HOUSTON_BODY_LIMIT,
      bodyBytesInFlight: env.HOUSTON_BODY_BYTES_IN_FLIGHT,
      connectionLimits: connectionLimitsOf(env),
      logger: runtime.logger,
      metrics: runtime.metrics,
      openApi: {
        title: 'Houston admin-service',
        version: '1',
        description:
          "Management API; paths and fields follow Apollo's Open API without its /openapi/v1/envs/{env} prefix. Every change names its operator: by a body field, the `operator` query parameter or the `X-Operator` header. Refusals are problem bodies `{status, code, message, details?, path}`.",
        finish: finishAdminDocument,
      },
      readinessChecks: [{ name: 'database', check: () => runtime.database.ping() }],
      registerAs: { registry: runtime.registry, serviceNames: [SERVICE_NAMES.admin] },
    });
  } catch (error) {
    await documents.close();
    throw error;
  }
  return {
    ...server,
    async close() {
      await server.close();
      await documents.close();
    },
  };
}

import { instrumentDataSource, openRedis, startServer, type RunningServer } from '@houston/runtime';
import type { Redis } from 'ioredis';
import { LatencyHistogram, type MetricsRegistry, type PinoNestLogger } from '@houston/server-kit';
import { EnvironmentGateway } from './environments/environment-gateway';
import { ensureFirstAdministrator } from './people/first-administrator';
import { UsersService } from './people/users.service';
import { openPortalDatabase, type PortalDatabase } from './persistence/portal-database';
import type { PortalEnv } from './portal.env';
import { PortalModule } from './portal.module';
import { sessionSecretOf } from './sessions/session-secret';
import { findWebConsoleRoot, serveWebConsole } from './web/web-console';
import { OidcClient } from './oidc/oidc-client';
import { oidcSettingsOf } from './oidc/oidc-settings';
import { DatabaseSessionStore, RedisSessionStore } from './sessions/session-store';
import { acceptZipBodies } from './transfer/zip-body';
import { RedisRateLimiter, TokenRateLimiter } from './open-api/token-rate-limiter';

export interface RunningPortal {
  server: RunningServer;
  url: string;
  database: PortalDatabase;
  /** Stops serving, then closes the portal database. Idempotent. */
  close(): Promise<void>;
}

export interface StartPortalOptions {
  logger: PinoNestLogger;
  /** Where the generated first password is shown (once); stderr by default. */
  announce?: (text: string) => void;
  /** The process's metrics registry: HTTP latency and environment discovery, at `/metrics`. */
  metrics?: MetricsRegistry;
  /**
   * The built web console to serve at `/`: found under `dist/portal-web` when not given; `null`
   * serves none.
   */
  webRoot?: string | null;
  /** How the portal calls its environments' meta-servers and admin-services (global fetch by default). */
  fetchImpl?: typeof fetch;
}

/** A meta-server answers in milliseconds; the portal gives up after HOUSTON_PORTAL_ENV_TIMEOUT. */
const DISCOVERY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function discoveryMetrics(metrics: MetricsRegistry | undefined) {
  if (!metrics) return undefined;
  const refresh = new LatencyHistogram(
    'houston_portal_discovery_refresh_seconds',
    "Time the portal took to learn an environment's admin-services from its meta-servers, by environment and result (ok, empty, failed)",
    DISCOVERY_BUCKETS,
  ).register(metrics);
  return (env: string, result: string, seconds: number) => refresh.observe({ env, result }, seconds);
}

/** Opens the portal's database, makes the first administrator if there is none, and serves. */
export async function startPortal(env: PortalEnv, options: StartPortalOptions): Promise<RunningPortal> {
  const { logger } = options;
  // Settings that depend on each other are checked before anything is opened.
  const oidcSettings = oidcSettingsOf(env);
  const database = await openPortalDatabase(
    { url: env.HOUSTON_PORTAL_DB_URL, poolSize: env.HOUSTON_PORTAL_DB_POOL_SIZE },
    logger,
  );
  if (options.metrics) instrumentDataSource(database.dataSource, options.metrics, 'portal');
  let server: RunningServer;
  let redis: Redis | undefined;
  try {
    const created = await ensureFirstAdministrator(
      new UsersService(database),
      { username: env.HOUSTON_PORTAL_ADMIN_USER, password: env.HOUSTON_PORTAL_ADMIN_PASSWORD },
      options.announce ?? ((text) => process.stderr.write(text)),
    );
    if (created)
      logger.log({ msg: 'first administrator created', user: env.HOUSTON_PORTAL_ADMIN_USER }, 'Portal');
    const settings = {
      sessionSecret: await sessionSecretOf(database, env.HOUSTON_PORTAL_SESSION_SECRET),
      sessionTtlMs: env.HOUSTON_PORTAL_SESSION_TTL,
      cookieSecure: env.HOUSTON_PORTAL_COOKIE_SECURE,
      loginAttempts: env.HOUSTON_PORTAL_LOGIN_ATTEMPTS,
      loginWindowMs: env.HOUSTON_PORTAL_LOGIN_WINDOW,
      memberOnlyEnvs: env.HOUSTON_PORTAL_MEMBER_ONLY_ENVS,
      reviewEnvs: env.HOUSTON_PORTAL_REVIEW_ENVS,
      emergencyPublishEnvs: env.HOUSTON_PORTAL_EMERGENCY_PUBLISH_ENVS,
      localLogin: env.HOUSTON_PORTAL_LOCAL_LOGIN,
      importLimits: {
        maxZipBytes: env.HOUSTON_PORTAL_IMPORT_MAX_BYTES,
        maxEntries: env.HOUSTON_PORTAL_IMPORT_MAX_ENTRIES,
        maxEntryBytes: env.HOUSTON_PORTAL_IMPORT_MAX_ENTRY_BYTES,
        maxTotalBytes: env.HOUSTON_PORTAL_IMPORT_MAX_TOTAL_BYTES,
      },
    };
    const oidc = oidcSettings
      ? new OidcClient(oidcSettings, { timeoutMs: env.HOUSTON_PORTAL_ENV_TIMEOUT })
      : undefined;
    const environments = new EnvironmentGateway({
      environments: env.HOUSTON_PORTAL_ENVS,
      timeoutMs: env.HOUSTON_PORTAL_ENV_TIMEOUT,
      discoveryTtlMs: env.HOUSTON_PORTAL_DISCOVERY_TTL,
      adminToken: env.HOUSTON_PORTAL_ADMIN_TOKEN,
      onDiscovery: discoveryMetrics(options.metrics),
      fetchImpl: options.fetchImpl,
    });
    const webRoot = options.webRoot === undefined ? findWebConsoleRoot() : options.webRoot;
    if (webRoot === undefined)
      logger.warn?.(
        { msg: 'the web console is not built (run `npm run build`); serving the API only' },
        'Portal',
      );
    const redisUrl = env.HOUSTON_PORTAL_REDIS_URL;
    if (redisUrl) {
      redis = await openRedis({ url: redisUrl, timeoutMs: env.HOUSTON_PORTAL_REDIS_TIMEOUT, logger });
    }
    const sessions = redis ? new RedisSessionStore(redis) : new DatabaseSessionStore(database);
    // With Redis every portal instance shares one count per Open API token; while Redis does not
    // answer, each instance counts for itself.
    const rateLimits = redis
      ? new RedisRateLimiter(redis, new TokenRateLimiter(), undefined, (error) =>
          logger.warn?.(
            {
              msg: 'Open API rate limit counted in this process: Redis did not answer',
              error: String(error),
            },
            'Portal',
          ),
        )
      : new TokenRateLimiter();
    const ready = redis;
    server = await startServer({
      name: 'portal',
      modules: [PortalModule.register({ database, settings, environments, oidc, sessions, rateLimits })],
      host: env.HOUSTON_HOST,
      port: env.HOUSTON_PORTAL_PORT,
      bodyLimitBytes: env.HOUSTON_BODY_LIMIT,
      bodyBytesInFlight: env.HOUSTON_BODY_BYTES_IN_FLIGHT,
      logger,
      metrics: options.metrics,
      openApi: {
        title: 'Houston portal',
        version: '1',
        description: 'People, permissions and every environment in one place (JSON under /api)',
      },
      readinessChecks: [
        { name: 'database', check: () => database.ping() },
        // Sessions live there: without it nobody can sign in or stay signed in.
        ...(ready ? [{ name: 'redis', check: async () => (await ready.ping()) === 'PONG' }] : []),
      ],
      configure: async (app) => {
        acceptZipBodies(app, env.HOUSTON_PORTAL_IMPORT_MAX_BYTES);
        if (webRoot) await serveWebConsole(app, webRoot);
      },
    });
  } catch (error) {
    redis?.disconnect();
    await database.close();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return {
    server,
    url: server.url,
    database,
    close: () =>
      (closing ??= (async () => {
        await server.close();
        redis?.disconnect();
        await database.close();
      })()),
  };
}

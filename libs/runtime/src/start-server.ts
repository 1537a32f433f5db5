import type { ServiceRegistry } from '@houston/discovery';
import {
  createHttpApp,
  createLeanRouter,
  HealthModule,
  httpMetricsOf,
  type MetricsRegistry,
  listen,
  ReadinessState,
  type ConnectionLimits,
  type HealthCheck,
  type OpenApiInfo,
  type PinoNestLogger,
  WorkerJsonBodyParser,
} from '@houston/server-kit';
import { eventLoopTurns } from '@houston/persistence';
import { Module, type DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { advertisedHost, homepageUrl } from './advertised-url';

/** How long requests in flight at shutdown get to finish before their connections are cut. */
const CLOSE_GRACE_MS = 2_000;

export interface ServerSpec {
  /** Names the server in logs and its instance id. */
  name: string;
  modules: DynamicModule[];
  host: string;
  port: number;
  advertisedHost?: string;
  bodyLimitBytes: number;
  /** Request-body bytes held at once (`HOUSTON_BODY_BYTES_IN_FLIGHT`); the default when absent. */
  bodyBytesInFlight?: number;
  /** Header/request timeouts and the connection cap (`connectionLimitsOf(env)`). */
  connectionLimits?: ConnectionLimits;
  logger: PinoNestLogger;
  openApi?: OpenApiInfo;
  readinessChecks: HealthCheck[];
  /**
   * Hot paths served outside Nest on the same port (see `createLeanRouter`): requests whose URL
   * starts with one of `prefixes` go to the routes `register` adds, which get no hooks.
   */
  leanRoutes?: {
    prefixes: readonly string[];
    register(app: NestFastifyApplication, fastify: FastifyInstance): void | Promise<void>;
    /** Whether they are timed into the HTTP histogram with the other routes (default: yes). */
    timed?: boolean;
  };
  /**
   * The process's metrics registry: every route is timed into it and `GET /metrics` serves it on
   * this server's port.
   */
  metrics?: MetricsRegistry;
  /**
   * Adds what a server serves besides its Nest modules (the portal's web console), after the
   * Nest application exists and before it listens.
   */
  configure?(app: NestFastifyApplication): void | Promise<void>;
  /** Discovery names this server registers under once it listens (meta-server lists them). */
  registerAs?: { registry: ServiceRegistry; serviceNames: string[] };
}

export interface RunningServer {
  app: NestFastifyApplication;
  port: number;
  /** Where this process reaches the server, without a trailing slash. */
  url: string;
  /** What discovery hands to clients. */
  homepageUrl: string;
  readiness: ReadinessState;
  /** Leaves discovery, turns /ready to 503, answers held requests, closes. Idempotent. */
  close(): Promise<void>;
}

/**
 * Boots one HTTP server from feature modules with the parts every Houston server has: health
 * and readiness, the error filter, validation, request logging, discovery registration.
 */
export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const readiness = new ReadinessState();

  @Module({})
  class ServerRootModule {}

  const root: DynamicModule = {
    module: ServerRootModule,
    imports: [...spec.modules, HealthModule.register({ checks: spec.readinessChecks, readiness })],
  };
  const metrics = spec.metrics ? httpMetricsOf(spec.metrics) : undefined;
  const lean = spec.leanRoutes
    ? createLeanRouter({
        prefixes: spec.leanRoutes.prefixes,
        logger: spec.logger.pino,
        bodyLimitBytes: spec.bodyLimitBytes,
        connectionLimits: spec.connectionLimits,
        metrics: spec.leanRoutes.timed === false ? undefined : metrics,
      })
    : undefined;
  // Large JSON bodies are parsed on a worker thread (started on the first one).
  const jsonBodies = new WorkerJsonBodyParser();
  const app = await createHttpApp(root, {
    logger: spec.logger,
    bodyLimitBytes: spec.bodyLimitBytes,
    maxBodyBytesInFlight: spec.bodyBytesInFlight,
    offThreadJsonParser: jsonBodies,
    requestTurns: eventLoopTurns,
    connectionLimits: spec.connectionLimits,
    openApi: spec.openApi,
    serverFactory: lean?.serverFactory,
    metrics,
  });
  if (lean) {
    await spec.leanRoutes!.register(app, lean.fastify);
    await lean.ready();
  }
  await spec.configure?.(app);
  const { port, url } = await listen(app, spec.port, spec.host);
  const reachableAt = homepageUrl(advertisedHost(spec.host, spec.advertisedHost), port);
  const instanceIds: string[] = [];
  try {
    for (const serviceName of spec.registerAs?.serviceNames ?? []) {
      const instanceId = `${serviceName}:${new URL(reachableAt).host}`;
      await spec.registerAs!.registry.register({ serviceName, instanceId, homepageUrl: reachableAt });
      instanceIds.push(instanceId);
    }
  } catch (error) {
    await app.close();
    await jsonBodies.close();
    throw error;
  }
  spec.logger.log({ msg: 'listening', server: spec.name, url, advertised: reachableAt }, spec.name);

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      readiness.markShuttingDown();
      for (const instanceId of instanceIds) {
        try {
          await spec.registerAs!.registry.deregister(instanceId);
        } catch (error) {
          spec.logger.warn?.(
            { msg: 'could not deregister; discovery will expire it', instanceId, error: String(error) },
            spec.name,
          );
        }
      }
      // Held long polls were answered before this; what is still open after a short grace is a
      // connection its client abandoned without closing it (seen with fetch's abort), which
      // would otherwise hold the shutdown until the client's side times out.
      const grace = setTimeout(() => app.getHttpServer().closeAllConnections(), CLOSE_GRACE_MS);
      grace.unref();
      try {
        await app.close();
        await lean?.close();
        await jsonBodies.close();
      } finally {
        clearTimeout(grace);
      }
      spec.logger.log({ msg: 'closed', server: spec.name }, spec.name);
    })());
  return { app, port, url: url.replace(/\/$/, ''), homepageUrl: reachableAt, readiness, close };
}

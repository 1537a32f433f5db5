import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '@houston/domain';
import Fastify, { type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { Logger } from 'pino';
import { HttpProblemFilter } from '../errors/http-problem.filter';
import { routeTiming, TimedResponse, type HttpMetrics, type ResponseTiming } from '../metrics/http-metrics';
import { createLimitedServer, DEFAULT_CONNECTION_LIMITS, type ConnectionLimits } from './connection-limits';
const MAX_PARAM_LENGTH = 256;

export interface LeanRouter {
  /**
   * Routes for the paths under the router's prefixes. They run on a Fastify instance of their
   * own, without the Nest app's hooks: no request id, no request log line, no middleware.
   */
  fastify: FastifyInstance;
  /** For the Nest app's Fastify options: one HTTP server, each request dispatched by its path. */
  serverFactory: FastifyServerFactory;
  /** Compiles the lean routes; call after registering them and before listening. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface LeanRouterOptions {
  /** URL prefixes (`/configs/`) served by the lean routes; everything else goes to Nest. */
  prefixes: readonly string[];
  /** Logs server-side errors of the lean routes, as the Nest app's filter does. */
  logger: Logger;
  bodyLimitBytes: number;
  /** Header/request timeouts and the connection cap of the shared server. */
  connectionLimits?: ConnectionLimits;
  /**
   * Times the lean routes into the process's HTTP histogram, labelled by prefix (`/configs`):
   * at the end of each response, without a Fastify hook (see `TimedResponse`).
   */
  metrics?: HttpMetrics;
}

/**
 * Splits one HTTP server between the Nest app and a bare Fastify instance for a few hot paths
 * (the client API is answered thousands of times a second; the rest of the app is not). Errors
 * and unknown paths under the prefixes still get the same problem body as everywhere else.
 */
export function createLeanRouter(options: LeanRouterOptions): LeanRouter {
  const problems = new HttpProblemFilter(options.logger);
  const fastify = Fastify({
    logger: false,
    trustProxy: true,
    bodyLimit: options.bodyLimitBytes,
    // No request ids here (an empty id keeps them out of problem bodies too): nothing is logged per request.
    requestIdHeader: false,
    genReqId: () => '',
    // Path segments carry app ids, clusters and namespace names (up to 128 characters, plus a
    // `.properties` suffix): Fastify's default of 100 would refuse valid names with 414.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // A URL the router cannot decode (400) or a path segment over its limit (414) is refused
    // before any route runs: still the problem body, not Fastify's own.
    frameworkErrors: (error, request, reply) => problems.answer(error, request, reply),
  });
  // The lean routes just throw: every error is answered here, as the Nest app's filter does.
  fastify.setErrorHandler((error, request, reply) => problems.answer(error, request, reply));
  fastify.setNotFoundHandler((request, reply) =>
    problems.answer(
      new DomainError('NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`),
      request,
      reply,
    ),
  );
  const prefixes = options.prefixes;
  const leanPrefixOf = (url: string | undefined): number => {
    if (url === undefined) return -1;
    for (let i = 0; i < prefixes.length; i++) if (url.startsWith(prefixes[i]!)) return i;
    return -1;
  };
  // One timing per prefix and method, made on first use: the dispatch stays a lookup.
  const timings: Array<Map<string, ResponseTiming>> = prefixes.map(() => new Map());
  const timingOf = (prefix: number, method: string): ResponseTiming => {
    let timing = timings[prefix]!.get(method);
    if (!timing) {
      const route = prefixes[prefix]!.replace(/\/$/, '');
      timing = routeTiming(options.metrics!.latency, method, route);
      timings[prefix]!.set(method, timing);
    }
    return timing;
  };
  const timed = options.metrics !== undefined;

  const serverFactory: FastifyServerFactory = (nestHandler) => {
    return createLimitedServer(
      options.connectionLimits ?? DEFAULT_CONNECTION_LIMITS,
      (request: IncomingMessage, response: ServerResponse) => {
        const prefix = leanPrefixOf(request.url);
        if (prefix === -1) {
          nestHandler(request, response);
          return;
        }
        if (timed) (response as TimedResponse).start(timingOf(prefix, request.method ?? 'GET'));
        fastify.routing(request, response);
      },
      timed ? TimedResponse : undefined,
    );
  };
  return {
    fastify,
    serverFactory,
    ready: async () => {
      await fastify.ready();
    },
    close: () => fastify.close(),
  };
}

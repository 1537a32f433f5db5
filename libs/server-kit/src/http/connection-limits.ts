import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';

/**
 * What one HTTP server allows a connection. Long polls are unaffected by the timeouts: they bound
 * how long a client may take to *send* its request, not how long the answer may be held.
 */
export interface ConnectionLimits {
  /** A client must have sent all request headers within this (slow-header connections). */
  headersTimeoutMs: number;
  /** ...and the whole request, body included, within this. */
  requestTimeoutMs: number;
  /** Connections beyond this many are closed as they arrive (0 = no cap). */
  maxConnections: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxConnections: 60_000,
};

/** Fastify's own default, which a server from a factory does not get: longer than most proxies' idle timeout. */
export const KEEP_ALIVE_TIMEOUT_MS = 72_000;

/**
 * How often Node looks for connections past their header or request timeout. Its default is 30 s,
 * which let a slow-header connection live 77 s although the timeout said 60.
 */
const CONNECTIONS_CHECKING_INTERVAL_MS = 1_000;

/** A node:http server with the limits applied, for Fastify's `serverFactory`. */
export function createLimitedServer(
  limits: ConnectionLimits,
  handler: RequestListener<typeof IncomingMessage, typeof ServerResponse>,
  responseClass?: typeof ServerResponse,
): Server {
  const server = createServer(
    {
      ...(responseClass ? { ServerResponse: responseClass } : {}),
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS,
    },
    handler,
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  return server;
}

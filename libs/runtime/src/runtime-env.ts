import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_QUERY_TIMEOUT_MS, parseDatabaseUrl } from '@houston/persistence';
import {
  DEFAULT_CONNECTION_LIMITS,
  DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
  envBool,
  envDurationMs,
  envEnum,
  envInt,
  envOptional,
  envString,
  envUrl,
  type ConnectionLimits,
  type EnvSpec,
} from '@houston/server-kit';

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** A database URL setting, checked at start-up the way the data source will read it. */
export function envDatabaseUrl(options: { description: string; default: string }): EnvSpec<string> {
  const spec = envString(options);
  return {
    ...spec,
    parse(raw) {
      try {
        parseDatabaseUrl(raw.trim());
      } catch (error) {
        // The parser names the variable itself; the env report already does.
        throw new Error(String((error as Error).message).replace(/^HOUSTON_DB_URL: /, ''));
      }
      return raw.trim();
    },
  };
}

/** What every Houston server reads: storage, discovery, logging and shutdown. */
export const RUNTIME_ENV = {
  HOUSTON_DB_URL: envDatabaseUrl({
    description:
      'Where the data lives: `sqlite:<path>` (embedded default) or `mysql://user:password@host:3306/database`',
    default: 'sqlite:data/houston.sqlite',
  }),
  HOUSTON_DB_POOL_SIZE: envInt({
    description: 'MySQL connections per process',
    default: 20,
    min: 1,
    max: 500,
  }),
  HOUSTON_DB_CONNECT_TIMEOUT: envDurationMs({
    description: 'MySQL: how long opening a connection may take before the request fails with 503',
    default: DEFAULT_CONNECT_TIMEOUT_MS,
    min: 100,
    max: 120_000,
  }),
  HOUSTON_DB_QUERY_TIMEOUT: envDurationMs({
    description:
      'MySQL: how long one statement may go unanswered before the request fails with 503 (migrations excepted); SQLite: how long a write waits for the lock another process holds, at most 5 s',
    default: DEFAULT_QUERY_TIMEOUT_MS,
    min: 100,
    max: 600_000,
  }),
  HOUSTON_DB_SKIP_MIGRATIONS: envBool({
    description: 'Do not apply migrations at start-up (run `npm run migrate` instead)',
    default: false,
  }),
  HOUSTON_ADVERTISED_HOST: envOptional(
    envString({
      description:
        'Address registered in discovery for clients to reach this process (default: the bind address, or the first external IPv4 when bound to 0.0.0.0)',
      example: '10.0.3.17',
    }),
  ),
  HOUSTON_DISCOVERY: envEnum(['embedded', 'consul', 'kubernetes'], {
    description:
      '`embedded`: instances heartbeat into the database; `consul`: register with a Consul agent; `kubernetes`: the meta-server answers with `HOUSTON_CONFIG_SERVICE_URL` and `HOUSTON_ADMIN_SERVICE_URL`',
    default: 'embedded',
  }),
  HOUSTON_CONSUL_URL: envUrl({
    description: "Consul agent's HTTP address",
    default: 'http://127.0.0.1:8500',
    protocols: ['http', 'https'],
  }),
  HOUSTON_CONSUL_TOKEN: envOptional(envString({ description: 'Consul ACL token', sensitive: true })),
  HOUSTON_CONFIG_SERVICE_URL: envUrl({
    description:
      'Kubernetes discovery: URL of the config-service Service, the one entry of `/services/config`',
    default: 'http://houston-config:8080',
    protocols: ['http', 'https'],
  }),
  HOUSTON_ADMIN_SERVICE_URL: envUrl({
    description: 'Kubernetes discovery: URL of the admin-service Service, the one entry of `/services/admin`',
    default: 'http://houston-admin:8090',
    protocols: ['http', 'https'],
  }),
  HOUSTON_HEARTBEAT_INTERVAL: envDurationMs({
    description: 'Embedded discovery: how often an instance says it is alive',
    default: 10_000,
  }),
  HOUSTON_INSTANCE_EXPIRY: envDurationMs({
    description: 'Embedded discovery: an instance silent this long is no longer listed',
    default: 30_000,
  }),
  HOUSTON_REDIS_URL: envOptional(
    envUrl({
      description:
        'Redis for client-instance records (`redis://host:6379/0`); unset: they go to the database',
      protocols: ['redis', 'rediss'],
      example: 'redis://127.0.0.1:6379',
    }),
  ),
  HOUSTON_REDIS_TIMEOUT: envDurationMs({
    description:
      'Bounds connecting to Redis and each Redis command; a release announcement that fails is left to the scan',
    default: 1_000,
    min: 50,
    max: 60_000,
  }),
  HOUSTON_LOG_LEVEL: envEnum(LOG_LEVELS, {
    description: 'Log level (JSON lines on stdout)',
    default: 'info',
  }),
  HOUSTON_SHUTDOWN_TIMEOUT: envDurationMs({
    description: 'On SIGTERM: answer held long polls, finish requests, then exit; forced after this long',
    default: 10_000,
  }),
  HOUSTON_SHUTDOWN_DRAIN: envDurationMs({
    description:
      'On SIGTERM: how long /ready answers 503 while every request, long polls included, is still served, before the shutdown proper (give load balancers time to stop sending)',
    default: 0,
    max: 300_000,
  }),
  HOUSTON_HEADERS_TIMEOUT: envDurationMs({
    description: 'A client must send its request headers within this; slower connections are closed (408)',
    default: DEFAULT_CONNECTION_LIMITS.headersTimeoutMs,
    min: 1000,
    max: 300_000,
  }),
  HOUSTON_REQUEST_TIMEOUT: envDurationMs({
    description:
      'A client must send its whole request, body included, within this (a held long poll is not affected: its request is complete)',
    default: DEFAULT_CONNECTION_LIMITS.requestTimeoutMs,
    min: 1000,
    max: 600_000,
  }),
  HOUSTON_MAX_CONNECTIONS: envInt({
    description:
      'Most open connections per server; more are closed as they arrive (0 = no cap; keep it under the process file limit)',
    default: DEFAULT_CONNECTION_LIMITS.maxConnections,
    min: 0,
    max: 10_000_000,
  }),
  HOUSTON_BODY_LIMIT: envInt({
    description: 'Largest request body in bytes (413 above it)',
    default: 4 * 1024 * 1024,
    min: 1024,
    max: 256 * 1024 * 1024,
  }),
  HOUSTON_BODY_BYTES_IN_FLIGHT: envInt({
    description:
      'Most request-body bytes a server holds at once, from arrival to answer; a request past it is refused 503 with Retry-After before its body is read (one body is always taken)',
    default: DEFAULT_MAX_BODY_BYTES_IN_FLIGHT,
    min: 1024 * 1024,
    max: 64 * 1024 * 1024 * 1024,
  }),
};

/** The bind address: every interface for a deployed service, loopback for the local all-in-one. */
export function bindHostEnv(defaultHost: string) {
  return { HOUSTON_HOST: envString({ description: 'Address the servers bind to', default: defaultHost }) };
}

/** The connection limits every server applies, from the settings above. */
export function connectionLimitsOf(env: {
  HOUSTON_HEADERS_TIMEOUT: number;
  HOUSTON_REQUEST_TIMEOUT: number;
  HOUSTON_MAX_CONNECTIONS: number;
}): ConnectionLimits {
  return {
    headersTimeoutMs: env.HOUSTON_HEADERS_TIMEOUT,
    // Node requires the request timeout to be at least the headers timeout.
    requestTimeoutMs: Math.max(env.HOUSTON_REQUEST_TIMEOUT, env.HOUSTON_HEADERS_TIMEOUT),
    maxConnections: env.HOUSTON_MAX_CONNECTIONS,
  };
}

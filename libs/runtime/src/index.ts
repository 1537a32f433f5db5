export { advertisedHost, homepageUrl } from './advertised-url';
export {
  DATA_LAYER,
  dataLayerModule,
  openDataLayer,
  type DataLayerSpec,
  type OpenDataLayer,
} from './data-layer';
export { instrumentDataSource } from './database-metrics';
export { openDatabase, type DatabaseSettings } from './open-database';
export { openRegistry, type DiscoverySettings } from './open-registry';
export { openRuntime, type Runtime, type RuntimeEnv } from './runtime';
export { bindHostEnv, connectionLimitsOf, envDatabaseUrl, RUNTIME_ENV } from './runtime-env';
export { startServer, type RunningServer, type ServerSpec } from './start-server';
export { loadEnvOrExit } from './load-env-or-exit';
export { runStandalone } from './run-standalone';
export {
  announceRelease,
  listenForReleases,
  RELEASE_CHANNEL,
  type AnnouncedMessage,
} from './release-channel';
export {
  openRedis,
  REDIS_WARNING_INTERVAL_MS,
  redisOptions,
  reportRedisErrors,
  type RedisSettings,
} from './redis-connection';
export { throttledWarning, type ThrottledWarningOptions, type WarningSink } from './throttled-warning';
export {
  checkSqliteDirectory,
  describeStartupFailure,
  StartupError,
  type StartupSettings,
} from './startup-failure';

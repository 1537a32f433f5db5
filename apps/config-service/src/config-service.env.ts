import {
  envBool,
  envDurationMs,
  envInt,
  envPort,
  SECRET_KEYS_ENV,
  secretKeyRingOf,
  type EnvValues,
} from '@houston/server-kit';
import { DEFAULT_CONFIG_SERVICE_OPTIONS, type ConfigServiceOptions } from './config-service.options';

/** config-service's own settings; defaults are Apollo's where Apollo has one. */
export const CONFIG_SERVICE_ENV = {
  HOUSTON_CONFIG_PORT: envPort({
    description: 'config-service port (Apollo clients expect 8080; 0 = any free port)',
    default: 8080,
  }),
  HOUSTON_SCAN_INTERVAL: envDurationMs({
    description: 'How often the ReleaseMessage table is read',
    default: 1000,
    min: 50,
    max: 60_000,
  }),
  HOUSTON_SCAN_GAP_RECHECK: envDurationMs({
    description: 'How long a message id skipped by a still-open transaction is looked for again',
    default: 5 * 60_000,
    min: 1000,
  }),
  HOUSTON_SCAN_RECONCILE_INTERVAL: envDurationMs({
    description:
      'How often the newest release message of every key is compared with what was delivered: a message missed for any reason is delivered at the latest this much later (0 = never)',
    default: 60_000,
    max: 3_600_000,
  }),
  HOUSTON_LONG_POLL_TIMEOUT: envDurationMs({
    description: 'How long /notifications/v2 holds a poll before 304 (Apollo clients wait 90 s)',
    default: 60_000,
    min: 1000,
    max: 85_000,
  }),
  HOUSTON_MAX_HELD_POLLS_PER_CLIENT: envInt({
    description:
      'Most long polls one client address may hold at once; more are answered 429 and retried by the client (0 = no cap)',
    default: 1000,
    min: 0,
  }),
  HOUSTON_NAMESPACE_CACHE_TTL: envDurationMs({
    description: 'How long namespace definitions, and finished client answers built from them, are cached',
    default: 10_000,
    max: 600_000,
  }),
  HOUSTON_ACCESS_KEY_CACHE_TTL: envDurationMs({
    description:
      'How long enabled access keys are cached: enabling, disabling or changing the mode of one takes effect within this time (Apollo rescans every second)',
    default: 1_000,
    max: 600_000,
  }),
  HOUSTON_INSTANCE_FLUSH_INTERVAL: envDurationMs({
    description: 'How often the client instances seen are written, in one batch (off the read path)',
    default: 5_000,
    min: 100,
    max: 600_000,
  }),
  HOUSTON_CLIENT_REPORT_MAX_ROWS: envInt({
    description:
      'Most client reports (POST /client-reports, one row per instance and release) kept in the database; the oldest beyond are deleted at start and hourly, with those older than seven days',
    default: DEFAULT_CONFIG_SERVICE_OPTIONS.clientReportMaxRows,
    min: 1000,
  }),
  HOUSTON_MESSAGE_CLEANUP_INTERVAL: envDurationMs({
    description: 'How often old release messages are pruned to the newest per key (0 = never)',
    default: 10 * 60_000,
  }),
  HOUSTON_METRICS_CLIENT_ROUTES: envBool({
    description:
      'Time the client API (/configs, /configfiles, /notifications/v2) by route in houston_http_request_duration_seconds; false leaves only those routes untimed',
    default: true,
  }),
  ...SECRET_KEYS_ENV,
};

export type ConfigServiceEnv = EnvValues<typeof CONFIG_SERVICE_ENV>;

export function configServiceOptionsFromEnv(env: ConfigServiceEnv): Omit<ConfigServiceOptions, 'database'> {
  return {
    scanIntervalMs: env.HOUSTON_SCAN_INTERVAL,
    gapRecheckMs: env.HOUSTON_SCAN_GAP_RECHECK,
    reconcileIntervalMs: env.HOUSTON_SCAN_RECONCILE_INTERVAL,
    longPollTimeoutMs: env.HOUSTON_LONG_POLL_TIMEOUT,
    namespaceCacheTtlMs: env.HOUSTON_NAMESPACE_CACHE_TTL,
    accessKeyCacheTtlMs: env.HOUSTON_ACCESS_KEY_CACHE_TTL,
    instanceFlushIntervalMs: env.HOUSTON_INSTANCE_FLUSH_INTERVAL,
    messageCleanupIntervalMs: env.HOUSTON_MESSAGE_CLEANUP_INTERVAL,
    clientReportMaxRows: env.HOUSTON_CLIENT_REPORT_MAX_ROWS,
    secretKeys: secretKeyRingOf(env),
  };
}

import type { MasterKeyRing } from '@houston/domain';
import type { Database, InstanceStore } from '@houston/persistence';
import type { MetricsRegistry } from '@houston/server-kit';

export const CONFIG_SERVICE_OPTIONS = Symbol('CONFIG_SERVICE_OPTIONS');

export interface ConfigServiceOptions {
  database: Database;
  /** Where client instances are recorded (default: the database). */
  instances?: InstanceStore;
  /** How often recorded client instances are written, in one batch. */
  instanceFlushIntervalMs: number;
  /** How often the ReleaseMessage table is read. */
  scanIntervalMs: number;
  /** How long an id skipped by an uncommitted transaction is looked for again. */
  gapRecheckMs: number;
  /** How often the newest message of every key is compared with what this instance delivered. */
  reconcileIntervalMs: number;
  /** How long a long poll is held before 304. */
  longPollTimeoutMs: number;
  /** How long namespace definitions are cached. */
  namespaceCacheTtlMs: number;
  /** How long an app's enabled access keys are cached (how soon enabling one takes effect). */
  accessKeyCacheTtlMs: number;
  /** Most client reports kept (the newest); default 1,000,000. */
  clientReportMaxRows?: number;
  /** Old release messages are pruned to the newest per key this often (0 = never). */
  messageCleanupIntervalMs: number;
  /** Decrypts the secret values of releases as they are loaded; a release with secrets fails to load without. */
  secretKeys?: MasterKeyRing;
  /** The process's metrics registry; no metrics when absent. */
  metrics?: MetricsRegistry;
}

export const DEFAULT_CONFIG_SERVICE_OPTIONS = {
  scanIntervalMs: 1000,
  gapRecheckMs: 5 * 60_000,
  reconcileIntervalMs: 60_000,
  longPollTimeoutMs: 60_000,
  namespaceCacheTtlMs: 10_000,
  accessKeyCacheTtlMs: 1_000,
  instanceFlushIntervalMs: 5_000,
  messageCleanupIntervalMs: 10 * 60_000,
  clientReportMaxRows: 1_000_000,
} satisfies Omit<ConfigServiceOptions, 'database'>;

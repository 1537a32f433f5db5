import type { ItemLimits } from '@houston/domain';
import {
  envBool,
  envDurationMs,
  envInt,
  envList,
  envPort,
  SECRET_KEYS_ENV,
  type EnvValues,
} from '@houston/server-kit';
import type { GovernanceSwitches } from './admin-service.options';
import { RETENTION_OFF, type RetentionPolicy } from './retention/retention-policy';
import { ADMIN_ITEM_LIMITS } from './admin-service.module';
import { DEFAULT_ROLLOUT_SETTINGS, type RolloutSettings } from './rollouts/rollout-settings';
import { DEFAULT_NOTIFICATION_SETTINGS, type NotificationSettings } from './webhooks/notification-settings';

export const ADMIN_SERVICE_ENV = {
  HOUSTON_ADMIN_TOKENS: envList({
    description:
      'Service tokens the portal and tools must send (`Authorization: Bearer <token>`), comma-separated so one can be rotated; unset: every call but health is refused (`npm start` makes one)',
    default: [],
    sensitive: true,
    item: (token) => {
      if (!/^[\x21-\x7e]{16,256}$/.test(token))
        throw new Error('must be 16 to 256 printable characters without spaces');
      return token;
    },
  }),
  HOUSTON_NAMESPACE_LOCK: envBool({
    description:
      "Namespace lock: the first editor of a namespace holds it until release or revoke; others get 423 (Apollo's namespace.lock.switch)",
    default: false,
  }),
  HOUSTON_EDITOR_CANNOT_RELEASE: envBool({
    description: 'Separation of duties: nobody may release changes they made themselves (403)',
    default: false,
  }),
  HOUSTON_ADMIN_PORT: envPort({
    description: 'admin-service port (Apollo uses 8090; 0 = any free port)',
    default: 8090,
  }),
  HOUSTON_ITEM_KEY_MAX_LENGTH: envInt({
    description: 'Longest item key',
    default: ADMIN_ITEM_LIMITS.maxKeyLength,
    min: 1,
    max: 128,
  }),
  HOUSTON_ITEM_VALUE_MAX_LENGTH: envInt({
    description: 'Longest value of a properties item (longer is refused, never cut)',
    default: ADMIN_ITEM_LIMITS.maxValueLength,
    min: 1,
    max: 16 * 1024 * 1024,
  }),
  HOUSTON_DOCUMENT_MAX_LENGTH: envInt({
    description: 'Longest yaml/json/xml/txt document',
    default: ADMIN_ITEM_LIMITS.maxDocumentLength,
    min: 1,
    max: 64 * 1024 * 1024,
  }),
  HOUSTON_DOCUMENT_CHECK_TIMEOUT: envDurationMs({
    description:
      'Longest a yaml/json/xml document may take to parse (on a worker thread, off the event loop); longer is refused with 413',
    default: 10_000,
    min: 100,
  }),
  HOUSTON_NAMESPACE_MAX_ITEMS: envInt({
    description: 'Most items in one namespace',
    default: ADMIN_ITEM_LIMITS.maxItemsPerNamespace,
    min: 1,
    max: 1_000_000,
  }),
  HOUSTON_RETENTION_KEEP_RELEASES: envInt({
    description:
      "Releases kept per namespace and gray branch, newest first; older ones are deleted in the background, never the active one or a branch's base (0 = keep all). A rollback can go back at most this many − 1",
    default: RETENTION_OFF.keepReleases,
    min: 0,
    max: 1_000_000,
  }),
  HOUSTON_RETENTION_MAX_AGE: envDurationMs({
    description:
      "Release histories, commits, audit rows and settled notification deliveries older than this are deleted in the background (0 = never); a namespace's newest commit and its unreleased commits stay, e.g. 2160h = 90 days",
    default: RETENTION_OFF.maxAgeMs,
    min: 0,
  }),
  HOUSTON_RETENTION_INTERVAL: envDurationMs({
    description: 'Pause between two retention passes',
    default: RETENTION_OFF.intervalMs,
    min: 1_000,
    max: 7 * 24 * 60 * 60 * 1000,
  }),
  HOUSTON_RETENTION_BATCH: envInt({
    description: 'Rows retention deletes per transaction',
    default: RETENTION_OFF.batchSize,
    min: 1,
    max: 10_000,
  }),
  HOUSTON_ROLLOUT_TICK: envDurationMs({
    description:
      'How often each admin-service evaluates the running rollouts (health gates, bake times) and moves them on (0 = never: this admin-service leaves rollouts to the others)',
    default: DEFAULT_ROLLOUT_SETTINGS.tickMs,
    min: 0,
    max: 10 * 60 * 1000,
  }),
  HOUSTON_ROLLOUT_MIN_BAKE_TIME: envDurationMs({
    description: 'Shortest bake time a rollout plan may give a step (tests and demos lower it)',
    default: DEFAULT_ROLLOUT_SETTINGS.minBakeTimeMs,
    min: 0,
    max: 24 * 60 * 60 * 1000,
  }),
  HOUSTON_WEBHOOK_POLL_INTERVAL: envDurationMs({
    description:
      'How often each admin-service looks for notification webhook deliveries that are due (it also looks at once after its own releases); 0 = never: this admin-service leaves deliveries to the others',
    default: DEFAULT_NOTIFICATION_SETTINGS.pollIntervalMs,
    min: 0,
    max: 10 * 60 * 1000,
  }),
  HOUSTON_WEBHOOK_TIMEOUT: envDurationMs({
    description:
      "Longest wait for a notification webhook's answer (the whole exchange); a delivery is claimed for this plus 5 s",
    default: DEFAULT_NOTIFICATION_SETTINGS.timeoutMs,
    min: 100,
    max: 60_000,
  }),
  HOUSTON_WEBHOOK_MAX_ATTEMPTS: envInt({
    description:
      'Attempts of one notification delivery, the first included; after the last failed one it is failed (listed, and can be redelivered)',
    default: DEFAULT_NOTIFICATION_SETTINGS.maxAttempts,
    min: 1,
    max: 100,
  }),
  HOUSTON_WEBHOOK_RETRY_DELAY: envDurationMs({
    description:
      'Wait before the second attempt of a notification delivery; each later one doubles it (half of each wait is random)',
    default: DEFAULT_NOTIFICATION_SETTINGS.baseDelayMs,
    min: 10,
    max: 60 * 60 * 1000,
  }),
  HOUSTON_WEBHOOK_RETRY_MAX_DELAY: envDurationMs({
    description: 'Longest wait between two attempts of a notification delivery',
    default: DEFAULT_NOTIFICATION_SETTINGS.maxDelayMs,
    min: 10,
    max: 24 * 60 * 60 * 1000,
  }),
  HOUSTON_WEBHOOK_CONCURRENCY: envInt({
    description: 'Notification deliveries one admin-service sends at once',
    default: DEFAULT_NOTIFICATION_SETTINGS.concurrency,
    min: 1,
    max: 64,
  }),
  ...SECRET_KEYS_ENV,
};

export type AdminServiceEnv = EnvValues<typeof ADMIN_SERVICE_ENV>;

export function itemLimitsFromEnv(env: AdminServiceEnv): ItemLimits {
  return {
    ...ADMIN_ITEM_LIMITS,
    maxKeyLength: env.HOUSTON_ITEM_KEY_MAX_LENGTH,
    maxValueLength: env.HOUSTON_ITEM_VALUE_MAX_LENGTH,
    maxDocumentLength: env.HOUSTON_DOCUMENT_MAX_LENGTH,
    maxItemsPerNamespace: env.HOUSTON_NAMESPACE_MAX_ITEMS,
  };
}

export function governanceFromEnv(env: AdminServiceEnv): GovernanceSwitches {
  return {
    namespaceLock: env.HOUSTON_NAMESPACE_LOCK,
    editorCannotRelease: env.HOUSTON_EDITOR_CANNOT_RELEASE,
  };
}

export function retentionFromEnv(env: AdminServiceEnv): RetentionPolicy {
  return {
    keepReleases: env.HOUSTON_RETENTION_KEEP_RELEASES,
    maxAgeMs: env.HOUSTON_RETENTION_MAX_AGE,
    intervalMs: env.HOUSTON_RETENTION_INTERVAL,
    batchSize: env.HOUSTON_RETENTION_BATCH,
  };
}

export function rolloutsFromEnv(env: AdminServiceEnv): RolloutSettings {
  return { tickMs: env.HOUSTON_ROLLOUT_TICK, minBakeTimeMs: env.HOUSTON_ROLLOUT_MIN_BAKE_TIME };
}

export function notificationsFromEnv(env: AdminServiceEnv): NotificationSettings {
  return {
    pollIntervalMs: env.HOUSTON_WEBHOOK_POLL_INTERVAL,
    timeoutMs: env.HOUSTON_WEBHOOK_TIMEOUT,
    maxAttempts: env.HOUSTON_WEBHOOK_MAX_ATTEMPTS,
    baseDelayMs: env.HOUSTON_WEBHOOK_RETRY_DELAY,
    maxDelayMs: Math.max(env.HOUSTON_WEBHOOK_RETRY_MAX_DELAY, env.HOUSTON_WEBHOOK_RETRY_DELAY),
    concurrency: env.HOUSTON_WEBHOOK_CONCURRENCY,
  };
}

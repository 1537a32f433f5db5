import type { ItemLimits, MasterKeyRing } from '@houston/domain';
import type { InstanceStore, UnitOfWork } from '@houston/persistence';
import type { DocumentChecker, MetricsRegistry } from '@houston/server-kit';
import type { RetentionPolicy } from './retention/retention-policy';
import type { RolloutSettings } from './rollouts/rollout-settings';
import type { NotificationSettings } from './webhooks/notification-settings';

export const ADMIN_SERVICE_OPTIONS = Symbol('ADMIN_SERVICE_OPTIONS');

export interface PublishedMessage {
  id: number;
  message: string;
}

/** Apollo's per-environment switches (ServerConfig `namespace.lock.switch` and friends); both off by default. */
export interface GovernanceSwitches {
  /** The first editor of a namespace holds it until release or revoke; others get 423. */
  namespaceLock: boolean;
  /** Nobody may release changes they made themselves. */
  editorCannotRelease: boolean;
}

export interface AdminServiceOptions {
  database: UnitOfWork;
  limits: ItemLimits;
  governance: GovernanceSwitches;
  /** Parses yaml/json/xml documents before they are stored (a worker thread in the servers). */
  documents: DocumentChecker;
  /** What the background retention job prunes (default: nothing). */
  retention?: RetentionPolicy;
  /** Where config-service records client instances (default: the database, which `database` must then be). */
  instances?: InstanceStore;
  /**
   * Called by `ReleaseAnnouncer` after each announced change commits, once per message. The
   * ReleaseMessage row is the source of truth; this hook lets a faster channel (same process,
   * Redis pub/sub) tell config-services sooner.
   * The response waits for it, so it must be quick; its failure is logged, never returned.
   */
  onReleaseMessage?: (message: PublishedMessage) => void | Promise<void>;
  /** Service tokens a caller must present (see ServiceTokenGuard); none: every call is refused. */
  accessTokens?: readonly string[];
  /** Encrypts values marked secret (and decrypts them for an audited reveal); none: marking one is refused. */
  secretKeys?: MasterKeyRing;
  /** How rollouts are moved along (default: a tick every 5 s, bake times of at least a minute). */
  rollouts?: RolloutSettings;
  /** How notification webhooks are delivered (default: a look every second, 8 attempts, 10 s timeout). */
  notifications?: NotificationSettings;
  /** The process's metrics registry (release latency and counts); none when absent. */
  metrics?: MetricsRegistry;
}

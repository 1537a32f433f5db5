import type { ItemLimits } from '@houston/domain';
import type { Database } from '@houston/persistence';

export const ADMIN_SERVICE_OPTIONS = Symbol('ADMIN_SERVICE_OPTIONS');

export interface PublishedMessage {
  id: number;
  message: string;
}

export interface AdminServiceOptions {
  database: Database;
  limits: ItemLimits;
  /**
   * Called after a release or rollback commits. The ReleaseMessage row is the source of truth;
   * this hook lets a faster channel (same process, Redis pub/sub) tell config-services sooner.
   * The response waits for it, so it must be quick; its failure is logged, never returned.
   */
  onReleaseMessage?: (message: PublishedMessage) => void | Promise<void>;
}

import { messageKey, parseMessageKey } from '@houston/domain';
import type { AnswerCache } from '../configs/answer-cache';
import type { GrayRuleCache } from '../gray/gray-rule-cache';
import type { LongPollRegistry } from '../notifications/long-poll-registry';
import type { ActiveReleaseIds, ReleaseCache } from '../releases/release-cache';
import type { NotificationIndex } from './notification-index';

export interface ReleaseMessageTargets {
  index: NotificationIndex;
  releases: ReleaseCache;
  answers: Pick<AnswerCache<unknown>, 'drop'>;
  grayRules: GrayRuleCache;
  longPolls: LongPollRegistry;
}

/**
 * What one release message does on this instance: the one place that knows the order. The
 * scanner calls it for every message it reads (the Redis hint and the in-process hint only make
 * the scanner read now), and tests call it directly.
 *
 * Everything happens in one synchronous step, so no request can see a state in between, and
 * everything that answers clients has learned of the message before any client is woken:
 *
 * 1. the notification index: a poll arriving now is answered at once;
 * 2. the release cache: the key's release, and the releases of its gray branches (gray
 *    publishes, rule changes, abandons and gray rollbacks are announced on the main key),
 *    reloaded once whoever asks;
 * 3. the answer cache: finished answers built from the key;
 * 4. the gray rules of the key, read again on next use;
 * 5. every long poll held on the key is woken. Which release a client gets may depend on its
 *    IP and label, which a long poll need not send (Apollo's Java client sends no label there),
 *    so every poll is woken and re-reads `/configs` with its own, as Apollo does.
 */
export class ReleaseMessageHandler {
  constructor(private readonly targets: ReleaseMessageTargets) {}

  /** Returns how many held long polls it woke. */
  onReleaseMessage(key: string, id: number): number {
    const { index, releases, answers, grayRules, longPolls } = this.targets;
    index.record({ message: key, id });
    releases.invalidate(key);
    const parsed = parseMessageKey(key);
    if (parsed) {
      for (const branch of grayRules.knownBranches(key)) {
        releases.invalidate(messageKey(parsed.appId, branch, parsed.namespace));
      }
    }
    answers.drop(key);
    grayRules.invalidate(key);
    return longPolls.notify({ id, message: key });
  }

  /**
   * The safety net for releases (called every reconcile interval): cached releases that differ
   * from the database's active one are reloaded, and the answers built from them dropped.
   */
  async revalidateReleases(activeIds: ActiveReleaseIds): Promise<void> {
    for (const key of await this.targets.releases.revalidate(activeIds)) this.targets.answers.drop(key);
  }
}

import { parseClientNotifications } from '@houston/domain';
import type { ConfigAssembler } from '../configs/config-assembler';
import type { NotificationIndex } from '../release-messages/notification-index';
import type { LongPollRegistry, NotificationResponse } from './long-poll-registry';

export interface PollRequest {
  appId: string;
  cluster: string;
  notifications: string | undefined;
  dataCenter?: string;
  /** Accepted for Apollo compatibility; a poll's outcome never depends on them (see below). */
  ip?: string;
  label?: string;
}

export type PollOutcome =
  { kind: 'changed'; body: string } | { kind: 'hold'; namespaceByKey: Map<string, string> };

/**
 * `/notifications/v2`: answers at once when the client is behind on any namespace it watches,
 * otherwise says which keys to hold on. Namespace lookups are done first: the check against the
 * in-memory index and the hold happen in the same tick, so a message cannot slip in between.
 *
 * What a client is told depends only on the message keys it watches, never on its IP or label:
 * real clients do not send them on the long poll (the Java client sends no label, several
 * Python clients neither), so any change of a watched key wakes the client, which then re-reads
 * `/configs` with its own IP and label. Apollo does the same.
 */
export class NotificationService {
  constructor(
    private readonly assembler: ConfigAssembler,
    private readonly index: NotificationIndex,
    readonly registry: LongPollRegistry,
  ) {}

  async poll(request: PollRequest): Promise<PollOutcome> {
    const notifications = parseClientNotifications(request.notifications);
    const watched = await Promise.all(
      notifications.map(async (notification) => {
        const keys = await this.assembler.watch({
          appId: request.appId,
          cluster: request.cluster,
          namespace: notification.namespaceName,
          dataCenter: request.dataCenter,
        });
        return { notification, keys };
      }),
    );

    const changed: NotificationResponse[] = [];
    const namespaceByKey = new Map<string, string>();
    for (const { notification, keys } of watched) {
      const details: Record<string, number> = {};
      let latest = -1;
      for (const key of keys) {
        namespaceByKey.set(key, notification.namespaceName);
        const id = this.index.latestId(key);
        if (id === undefined) continue;
        details[key] = id;
        latest = Math.max(latest, id);
      }
      if (latest > notification.notificationId) {
        changed.push({
          namespaceName: notification.namespaceName,
          notificationId: latest,
          messages: { details },
        });
      }
    }
    if (changed.length > 0) return { kind: 'changed', body: JSON.stringify(changed) };
    return { kind: 'hold', namespaceByKey };
  }
}

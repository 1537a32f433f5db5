import { parseClientNotifications } from '@houston/domain';
import type { ConfigAssembler, ConfigRequest } from '../configs/config-assembler';
import type { ReleaseMessage } from '../release-messages/release-message-bus';
import type { NotificationIndex } from '../release-messages/notification-index';
import type { LongPollRegistry, NotificationResponse } from './long-poll-registry';

export interface PollRequest {
  appId: string;
  cluster: string;
  notifications: string | undefined;
  dataCenter?: string;
  ip?: string;
  label?: string;
}

export type PollOutcome =
  | { kind: 'changed'; body: string }
  | {
      kind: 'hold';
      namespaceByKey: Map<string, string>;
      knownIdByKey: Map<string, number>;
      shouldWake?: (message: ReleaseMessage) => Promise<boolean>;
    };

/**
 * `/notifications/v2`: answers at once when the client is behind on any namespace it watches,
 * otherwise says which keys to hold on. Everything that needs waiting (namespace lookups, gray
 * answers) is done first: the check against the in-memory index and the hold happen in the same
 * tick, so a message cannot slip in between.
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
        const configRequest: ConfigRequest = {
          appId: request.appId,
          cluster: request.cluster,
          namespace: notification.namespaceName,
          dataCenter: request.dataCenter,
          ip: request.ip,
          label: request.label,
        };
        const { keys, gray } = await this.assembler.watch(configRequest);
        // Under gray rules a message may change some clients' answers only: remember this one's.
        const answer = gray ? ((await this.assembler.assemble(configRequest))?.releaseKey ?? null) : null;
        return { notification, keys, configRequest, gray, answer };
      }),
    );

    const changed: NotificationResponse[] = [];
    const namespaceByKey = new Map<string, string>();
    const knownIdByKey = new Map<string, number>();
    for (const { notification, keys } of watched) {
      const details: Record<string, number> = {};
      let latest = -1;
      for (const key of keys) {
        namespaceByKey.set(key, notification.namespaceName);
        knownIdByKey.set(key, notification.notificationId);
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
    const grayWatched = watched.filter((entry) => entry.gray);
    const shouldWake =
      grayWatched.length === 0
        ? undefined
        : async (message: ReleaseMessage): Promise<boolean> => {
            const entry = grayWatched.find((candidate) => candidate.keys.includes(message.message));
            if (!entry) return true;
            const now = (await this.assembler.assemble(entry.configRequest))?.releaseKey ?? null;
            return now !== entry.answer;
          };
    return { kind: 'hold', namespaceByKey, knownIdByKey, shouldWake };
  }
}

import {
  changedKeys,
  compareConfigurations,
  notificationEventOf,
  parseNotificationEvents,
  serializeNotificationPayload,
  type NotificationEvent,
  type NotificationPayload,
} from '@houston/domain';
import type { ReleaseHistoryEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import { Injectable } from '@nestjs/common';
import { parseConfigurations } from '../releases/release.mapper';

function parsedContext(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function rolloutOf(context: Record<string, unknown>): NotificationPayload['rollout'] {
  const rollout = context['rollout'] as Record<string, unknown> | undefined;
  if (!rollout || typeof rollout['id'] !== 'number') return undefined;
  return {
    id: rollout['id'],
    step: typeof rollout['step'] === 'number' ? rollout['step'] : 0,
    ...(typeof rollout['percentage'] === 'number' ? { percentage: rollout['percentage'] } : {}),
    ...(typeof rollout['reason'] === 'string' ? { reason: rollout['reason'].slice(0, 512) } : {}),
  };
}

/**
 * The outbox of notification webhooks. `enqueue` runs inside the transaction of a release-like
 * change, with the release history rows it wrote: each row that is an event some `notify` hook
 * of its app or namespace asked for becomes one `webhook_delivery` per hook, with the body it
 * will be sent, so a notification exists if and only if its release committed. Sending is the
 * `DeliveryPoller`'s, after the commit.
 */
@Injectable()
export class NotificationOutbox {
  private readonly listeners = new Set<() => void>();

  /** `listener` is called after a transaction that queued deliveries committed; returns the unsubscribe. */
  onQueued(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called after the commit: deliveries are waiting (a hint; the poller finds them anyway). */
  queued(): void {
    for (const listener of this.listeners) listener();
  }

  /** Writes the deliveries the history rows call for; how many. */
  async enqueue(
    repos: RepositoryPorts,
    histories: readonly ReleaseHistoryEntity[],
    nowMs = Date.now(),
  ): Promise<number> {
    let queued = 0;
    for (const history of histories) {
      const context = parsedContext(history.operationContext);
      const event = notificationEventOf(history.operation, context);
      if (!event) continue;
      const hooks = (
        await repos.releaseWebhooks.forRelease(history.appId, history.namespaceName, 'notify')
      ).filter((hook) => parseNotificationEvents(hook.events).includes(event));
      if (hooks.length === 0) continue;
      const payload = serializeNotificationPayload(
        await this.payloadOf(repos, history, event, context, nowMs),
      );
      await repos.webhookDeliveries.insert(
        hooks.map((hook) => ({
          webhookId: hook.id,
          appId: history.appId,
          namespaceName: history.namespaceName,
          event,
          payload,
          nextAttemptAt: nowMs,
        })),
      );
      queued += hooks.length;
    }
    return queued;
  }

  private async payloadOf(
    repos: RepositoryPorts,
    history: ReleaseHistoryEntity,
    event: NotificationEvent,
    context: Record<string, unknown>,
    nowMs: number,
  ): Promise<NotificationPayload> {
    const release = history.releaseId ? await repos.releases.findById(history.releaseId) : null;
    let previous =
      history.previousReleaseId && history.previousReleaseId !== history.releaseId
        ? await repos.releases.findById(history.previousReleaseId)
        : null;
    // A branch's first gray release: its clients had the main release until now.
    if (event === 'gray_release' && !history.previousReleaseId) {
      previous = await repos.releases.findLatestActive({
        appId: history.appId,
        clusterName: history.clusterName,
        namespaceName: history.namespaceName,
      });
    }
    const changes =
      release && history.previousReleaseId !== history.releaseId
        ? changedKeys(
            compareConfigurations(
              previous ? parseConfigurations(previous.configurations) : {},
              parseConfigurations(release.configurations),
            ),
          )
        : { added: [], modified: [], deleted: [], truncated: false };
    const rollout = rolloutOf(context);
    return {
      event,
      appId: history.appId,
      clusterName: history.clusterName,
      namespaceName: history.namespaceName,
      branchName: history.branchName,
      operator: history.createdBy,
      operation: history.operation,
      releaseHistoryId: history.id,
      release: release
        ? { id: release.id, key: release.releaseKey, title: release.name, comment: release.comment }
        : null,
      previousReleaseId: history.previousReleaseId,
      occurredAt: new Date(nowMs).toISOString(),
      ...(rollout ? { rollout } : {}),
      changes,
    };
  }
}

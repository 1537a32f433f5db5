import { messageKey } from '@houston/domain';
import type { ReleaseHistoryEntity } from '@houston/entities';
import type { NamespaceRef, RepositoryPorts } from '@houston/persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ADMIN_SERVICE_OPTIONS,
  type AdminServiceOptions,
  type PublishedMessage,
} from '../admin-service.options';
import { releaseMetricsOf, type ReleaseMetrics, type ReleaseOperationName } from '../metrics/release-metrics';
import { NotificationOutbox } from '../webhooks/notification-outbox';

/**
 * Tells clients that what a namespace serves changed. Called inside the transaction that made
 * the change, with any namespace of it: a gray branch's namespace is announced on its main
 * namespace's key, the one clients watch.
 */
export type Announce = (namespace: NamespaceRef) => Promise<void>;

/**
 * The key clients watch for a namespace: its own, or for a gray branch (a child cluster) its
 * main cluster's. Clients never watch a branch key; a message there would wake nobody.
 */
export async function watchedKeyOf(repos: RepositoryPorts, namespace: NamespaceRef): Promise<string> {
  const cluster = await repos.clusters.find(namespace.appId, namespace.clusterName);
  const parent =
    cluster && cluster.parentClusterId !== 0 ? await repos.clusters.findById(cluster.parentClusterId) : null;
  return messageKey(namespace.appId, parent?.name ?? namespace.clusterName, namespace.namespaceName);
}

/**
 * The repositories of `repos` with the release history rows inserted through them also pushed
 * onto `written`: every release-like change writes one, which is what notification webhooks are
 * told of.
 */
function recordingHistories(repos: RepositoryPorts, written: ReleaseHistoryEntity[]): RepositoryPorts {
  const histories = repos.releaseHistories;
  const recording: RepositoryPorts['releaseHistories'] = Object.create(
    histories as object,
  ) as typeof histories;
  recording.insert = async (row) => {
    const inserted = await histories.insert(row);
    written.push(inserted);
    return inserted;
  };
  const recorded: RepositoryPorts = Object.create(repos as object) as RepositoryPorts;
  Object.defineProperty(recorded, 'releaseHistories', { value: recording });
  return recorded;
}

/**
 * The one way a release-like change (publish, rollback, gray publish, rule change, merge,
 * abandon, gray rollback, namespace or cluster deletion) reaches config-services:
 *
 * 1. in the change's transaction, one ReleaseMessage row per watched key, so a client can never
 *    hear of a change that did not commit, nor miss one that did (config-services scan the table);
 * 2. after the commit, the fast-path hint (same process, Redis) so they scan now rather than at
 *    their next tick, and the key's older rows are pruned.
 *
 * Neither step after the commit can lose anything: a failed hint costs one scan interval, a
 * failed prune is done by the periodic cleanup.
 *
 * The same transaction queues the notification webhooks' deliveries of the release history rows
 * it wrote (`NotificationOutbox`), which are sent after the commit.
 */
@Injectable()
export class ReleaseAnnouncer {
  private readonly logger = new Logger('ReleaseAnnouncer');
  private readonly metrics?: ReleaseMetrics;

  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly outbox: NotificationOutbox,
  ) {
    this.metrics = releaseMetricsOf(options.metrics);
  }

  /**
   * Runs `work` in one transaction; what it announces is written in it and hinted after it.
   * `operation` names the change in the release metrics.
   */
  transaction<T>(
    work: (repos: RepositoryPorts, announce: Announce) => Promise<T>,
    operation: ReleaseOperationName = 'other',
  ): Promise<T> {
    return this.metrics ? this.metrics.time(operation, () => this.run(work)) : this.run(work);
  }

  private async run<T>(work: (repos: RepositoryPorts, announce: Announce) => Promise<T>): Promise<T> {
    let messages: PublishedMessage[] = [];
    let deliveries = 0;
    const result = await this.options.database.transaction(async (repos) => {
      // A retried transaction starts over: only the last attempt's messages were committed.
      messages = [];
      const histories: ReleaseHistoryEntity[] = [];
      const announced = new Set<string>();
      const announce: Announce = async (namespace) => {
        const key = await watchedKeyOf(repos, namespace);
        if (announced.has(key)) return; // one message per key and change is enough to wake everyone
        announced.add(key);
        messages.push({ id: await repos.releaseMessages.insert(key), message: key });
      };
      const done = await work(recordingHistories(repos, histories), announce);
      deliveries = await this.outbox.enqueue(repos, histories);
      return done;
    });
    if (deliveries > 0) this.outbox.queued();
    for (const message of messages) {
      this.metrics?.messageWritten();
      await this.afterCommit(message);
    }
    return result;
  }

  private async afterCommit(message: PublishedMessage): Promise<void> {
    try {
      await this.options.onReleaseMessage?.(message);
    } catch (error) {
      this.logger.warn({
        msg: 'release hint failed; config-services will find the message on their next scan',
        key: message.message,
        error: String(error),
      });
    }
    try {
      await this.options.database.repos.releaseMessages.deleteOlderThan(message.message, message.id);
    } catch (error) {
      this.logger.warn({
        msg: 'could not prune older release messages; the periodic cleanup will',
        key: message.message,
        error: String(error),
      });
    }
  }
}

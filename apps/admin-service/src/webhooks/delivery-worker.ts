import { randomUUID } from 'node:crypto';
import { afterAttempt } from '@houston/domain';
import type { ReleaseWebhookEntity, WebhookDeliveryEntity } from '@houston/entities';
import type { RepositoryPorts } from '@houston/persistence';
import type { WebhookMetrics } from '../metrics/webhook-metrics';
import { LEASE_MARGIN_MS, type NotificationSettings } from './notification-settings';
import type { SendNotification } from './send-notification';

export interface DeliveryWorkerDeps {
  repos: RepositoryPorts;
  settings: NotificationSettings;
  send: SendNotification;
  /** The hook with its signing key in clear (throws when the master keys are missing). */
  open: (hook: ReleaseWebhookEntity) => ReleaseWebhookEntity;
  now?: () => number;
  random?: () => number;
  metrics?: WebhookMetrics;
  warn?: (entry: Record<string, unknown>) => void;
}

/**
 * One admin-service's share of the outbox: claims due deliveries (at most `concurrency` at a
 * time), sends each, and records the outcome under its claim: delivered on 2xx, else due again
 * after a backoff, or failed after the last attempt. Nothing is held while a call is made; a claim
 * lasts the call's timeout plus a margin, so the deliveries of an admin-service that died are
 * claimed again by any other (or by itself after a restart) once their lease ran out.
 */
export class DeliveryWorker {
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  /** One batch: claims up to `concurrency` due deliveries and attempts them all; how many it claimed. */
  async runOnce(): Promise<number> {
    const claimed = await this.claim(this.deps.settings.concurrency);
    await Promise.all(claimed.map((row) => this.attempt(row)));
    return claimed.length;
  }

  /**
   * Claims up to `limit` due deliveries for this worker (none that another holds), at most one per
   * hook and none of the hooks in `busyWebhookIds`: one receiver that does not answer holds one
   * attempt at a time, never every slot.
   */
  async claim(limit: number, busyWebhookIds: readonly number[] = []): Promise<WebhookDeliveryEntity[]> {
    const { repos, settings } = this.deps;
    const now = this.now();
    const claimed: WebhookDeliveryEntity[] = [];
    const busy = new Set(busyWebhookIds);
    for (const row of await repos.webhookDeliveries.listDue(now, limit, [...busy])) {
      if (busy.has(row.webhookId)) continue;
      const claim = await repos.webhookDeliveries.claim(
        row,
        randomUUID(),
        now + settings.timeoutMs + LEASE_MARGIN_MS,
      );
      if (claim) {
        claimed.push(claim);
        busy.add(claim.webhookId);
      }
    }
    return claimed;
  }

  /** Sends one claimed delivery and records the outcome under the claim. */
  async attempt(row: WebhookDeliveryEntity): Promise<void> {
    const { repos, settings, metrics } = this.deps;
    const hook = await repos.releaseWebhooks.findById(row.webhookId);
    if (!hook || hook.kind !== 'notify') {
      await repos.webhookDeliveries.settle(row.id, row.leaseToken, {
        status: 'failed',
        lastStatus: 0,
        lastError: 'the webhook was deleted',
        lastAttemptAt: this.now(),
      });
      if (metrics) metrics.failed++;
      return;
    }
    let result: { ok: boolean; status: number; error: string };
    try {
      const opened = this.deps.open(hook);
      result = await this.deps.send({
        url: hook.url,
        secret: opened.secret,
        deliveryId: row.id,
        attempt: row.attempts,
        event: row.event,
        body: row.payload,
        timeoutMs: settings.timeoutMs,
      });
    } catch (error) {
      result = { ok: false, status: 0, error: error instanceof Error ? error.message : String(error) };
    }
    const finished = this.now();
    const outcome = afterAttempt(result.ok, row.attempts, finished, settings, this.random);
    const settled = await repos.webhookDeliveries.settle(row.id, row.leaseToken, {
      status: outcome.status,
      ...(outcome.status === 'pending' ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      lastStatus: result.status,
      lastError: result.error,
      lastAttemptAt: finished,
    });
    if (!settled) {
      // The lease ran out during the call and another admin-service took the delivery over.
      this.deps.warn?.({
        msg: 'webhook delivery outcome not recorded: its claim lapsed',
        deliveryId: row.id,
      });
      return;
    }
    if (metrics) {
      if (outcome.status === 'delivered') metrics.sent++;
      else if (outcome.status === 'pending') metrics.retried++;
      else metrics.failed++;
    }
    if (outcome.status === 'failed') {
      this.deps.warn?.({
        msg: 'webhook delivery failed after its last attempt',
        deliveryId: row.id,
        webhookId: row.webhookId,
        appId: row.appId,
        attempts: row.attempts,
        error: result.error,
      });
    }
  }
}

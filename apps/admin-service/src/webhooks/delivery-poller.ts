import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { webhookMetricsOf } from '../metrics/webhook-metrics';
import { DeliveryWorker } from './delivery-worker';
import { NotificationOutbox } from './notification-outbox';
import { DEFAULT_NOTIFICATION_SETTINGS } from './notification-settings';
import { sendNotification } from './send-notification';
import { openWebhookSecret } from './webhook-secret';

/**
 * Runs the `DeliveryWorker` in every admin-service: looks for due deliveries every
 * `HOUSTON_WEBHOOK_POLL_INTERVAL`, at once after a release of this process queued some, and again
 * whenever an attempt ends, keeping up to `HOUSTON_WEBHOOK_CONCURRENCY` attempts in flight, at
 * most one per hook (a receiver that does not answer holds one slot, never all of them). Stopping waits for the attempts under way
 * (each bounded by its timeout).
 */
@Injectable()
export class DeliveryPoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private readonly worker: DeliveryWorker;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private again = false;
  private stopped = false;
  /** The attempts under way, by the hook they call. */
  private readonly inFlight = new Map<Promise<void>, number>();
  private unsubscribe?: () => void;

  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly outbox: NotificationOutbox,
  ) {
    this.worker = new DeliveryWorker({
      repos: options.database.repos,
      settings: this.settings,
      send: sendNotification,
      open: (hook) => openWebhookSecret(options, hook),
      metrics: webhookMetricsOf(options.metrics),
      warn: (entry) => this.logger.warn(entry),
    });
  }

  private get settings() {
    return this.options.notifications ?? DEFAULT_NOTIFICATION_SETTINGS;
  }

  onApplicationBootstrap(): void {
    if (this.settings.pollIntervalMs <= 0) return;
    this.unsubscribe = this.outbox.onQueued(() => this.wake());
    this.schedule(this.settings.pollIntervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    clearTimeout(this.timer);
    await this.pass;
    await Promise.all(this.inFlight.keys());
  }

  /** Look now (a pass under way looks again when it ends). */
  wake(): void {
    if (this.stopped) return;
    if (this.pass) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.run();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), delayMs);
    this.timer.unref();
  }

  private run(): void {
    this.pass = this.drain()
      .catch((error: unknown) =>
        this.logger.warn({ msg: 'webhook delivery pass failed; retried next poll', error: String(error) }),
      )
      .finally(() => {
        this.pass = undefined;
        const again = this.again;
        this.again = false;
        this.schedule(again ? 0 : this.settings.pollIntervalMs);
      });
  }

  /** Fills the free slots with claimed deliveries; each attempt that ends looks again. */
  private async drain(): Promise<void> {
    while (!this.stopped) {
      const free = this.settings.concurrency - this.inFlight.size;
      if (free <= 0) return;
      const claimed = await this.worker.claim(free, [...this.inFlight.values()]);
      for (const row of claimed) {
        const attempt: Promise<void> = this.worker
          .attempt(row)
          .catch((error: unknown) =>
            this.logger.warn({
              msg: 'webhook delivery attempt not recorded; retried when its claim lapses',
              deliveryId: row.id,
              error: String(error),
            }),
          )
          .finally(() => {
            this.inFlight.delete(attempt);
            this.wake();
          });
        this.inFlight.set(attempt, row.webhookId);
      }
      // Nothing claimable: nothing is due but for hooks already being called. Otherwise look again,
      // past the hooks just claimed.
      if (claimed.length === 0) return;
    }
  }
}

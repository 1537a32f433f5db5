import { registerPulledMetric, type MetricsRegistry } from '@houston/server-kit';

/** Notification webhook deliveries by what became of each attempt. */
export class WebhookMetrics {
  sent = 0;
  retried = 0;
  failed = 0;

  constructor(registry: MetricsRegistry) {
    registerPulledMetric(registry, {
      name: 'houston_webhook_deliveries_sent_total',
      help: 'Notification webhook deliveries a receiver accepted (2xx)',
      type: 'counter',
      read: () => this.sent,
    });
    registerPulledMetric(registry, {
      name: 'houston_webhook_deliveries_retried_total',
      help: 'Failed notification webhook attempts scheduled to be tried again (with backoff)',
      type: 'counter',
      read: () => this.retried,
    });
    registerPulledMetric(registry, {
      name: 'houston_webhook_deliveries_failed_total',
      help: 'Notification webhook deliveries given up after their last attempt (or whose hook was deleted)',
      type: 'counter',
      read: () => this.failed,
    });
  }
}

const byRegistry = new WeakMap<MetricsRegistry, WebhookMetrics>();

export function webhookMetricsOf(registry: MetricsRegistry | undefined): WebhookMetrics | undefined {
  if (!registry) return undefined;
  let metrics = byRegistry.get(registry);
  if (!metrics) byRegistry.set(registry, (metrics = new WebhookMetrics(registry)));
  return metrics;
}

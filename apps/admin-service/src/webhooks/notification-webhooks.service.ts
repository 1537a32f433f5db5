import {
  DEFAULT_NOTIFICATION_EVENTS,
  DomainError,
  formatNotificationEvents,
  parseNotificationEvents,
} from '@houston/domain';
import type { ReleaseWebhookEntity, WebhookDeliveryEntity } from '@houston/entities';
import { Inject, Injectable } from '@nestjs/common';
import { ADMIN_SERVICE_OPTIONS, type AdminServiceOptions } from '../admin-service.options';
import { locateApp } from '../namespaces/namespace-locator';
import { NotificationOutbox } from './notification-outbox';
import type {
  CreateNotificationWebhookDto,
  DeliveryCountDto,
  DeliveryCountQueryDto,
  DeliveryQueryDto,
  NotificationWebhookDto,
  WebhookDeliveryDto,
} from './notification-webhook.dto';
import { sealWebhookSecret } from './webhook-secret';

function toDto(hook: ReleaseWebhookEntity): NotificationWebhookDto {
  return {
    id: hook.id,
    appId: hook.appId,
    namespaceName: hook.namespaceName,
    url: hook.url,
    events: parseNotificationEvents(hook.events),
    createdBy: hook.createdBy,
    createdAt: hook.createdAt,
  };
}

function toDeliveryDto(row: WebhookDeliveryEntity, withPayload = false): WebhookDeliveryDto {
  return {
    id: row.id,
    webhookId: row.webhookId,
    appId: row.appId,
    namespaceName: row.namespaceName,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: new Date(row.nextAttemptAt),
    ...(row.lastAttemptAt ? { lastAttemptAt: new Date(row.lastAttemptAt) } : {}),
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    createdAt: row.createdAt,
    ...(withPayload ? { payload: JSON.parse(row.payload) as unknown } : {}),
  };
}

/** Notification (after-release) webhooks of an app, and what was delivered to them. */
@Injectable()
export class NotificationWebhookService {
  constructor(
    @Inject(ADMIN_SERVICE_OPTIONS) private readonly options: AdminServiceOptions,
    private readonly outbox: NotificationOutbox,
  ) {}

  async create(
    appId: string,
    body: CreateNotificationWebhookDto,
    operator: string,
  ): Promise<NotificationWebhookDto> {
    await locateApp(this.options.database.repos, appId);
    const hook = await this.options.database.transaction(async (tx) => {
      const created = await tx.releaseWebhooks.insert({
        appId,
        kind: 'notify',
        events: formatNotificationEvents(body.events ?? DEFAULT_NOTIFICATION_EVENTS),
        namespaceName: body.namespaceName ?? '',
        url: body.url,
        secret: sealWebhookSecret(this.options, body.secret),
        // Deliveries take the admin-service's HOUSTON_WEBHOOK_TIMEOUT.
        timeoutMs: 0,
        failOpen: false,
        createdBy: operator,
      });
      await tx.audits.record('NotificationWebhook', created.id, 'INSERT', operator, created.url);
      return created;
    });
    return toDto(hook);
  }

  async list(appId: string): Promise<NotificationWebhookDto[]> {
    const repos = this.options.database.repos;
    await locateApp(repos, appId);
    return (await repos.releaseWebhooks.list(appId, 'notify')).map(toDto);
  }

  /** The hook goes, and its deliveries not yet sent are failed with it. */
  async delete(appId: string, id: number, operator: string): Promise<void> {
    await this.options.database.transaction(async (tx) => {
      if (!(await tx.releaseWebhooks.delete(appId, id, 'notify'))) {
        throw new DomainError('NOT_FOUND', `notification webhook ${id} of app ${appId} does not exist`, {
          appId,
          id,
        });
      }
      await tx.webhookDeliveries.abandonForWebhook(id, Date.now());
      await tx.audits.record('NotificationWebhook', id, 'DELETE', operator);
    });
  }

  async deliveries(appId: string, query: DeliveryQueryDto): Promise<WebhookDeliveryDto[]> {
    const repos = this.options.database.repos;
    await locateApp(repos, appId);
    const rows = await repos.webhookDeliveries.list(
      appId,
      { status: query.status, webhookId: query.webhookId, beforeId: query.beforeId },
      query.size ?? 50,
    );
    return rows.map((row) => toDeliveryDto(row));
  }

  /** How many deliveries `deliveries` pages through with the same filter: a console shows it. */
  async deliveryCount(appId: string, query: DeliveryCountQueryDto): Promise<DeliveryCountDto> {
    const repos = this.options.database.repos;
    await locateApp(repos, appId);
    return {
      total: await repos.webhookDeliveries.count(appId, { status: query.status, webhookId: query.webhookId }),
    };
  }

  async delivery(appId: string, id: number): Promise<WebhookDeliveryDto> {
    const row = await this.options.database.repos.webhookDeliveries.findById(appId, id);
    if (!row)
      throw new DomainError('NOT_FOUND', `delivery ${id} of app ${appId} does not exist`, { appId, id });
    return toDeliveryDto(row, true);
  }

  /** A failed delivery is sent again, with its attempts counted afresh; any other is refused (409). */
  async redeliver(appId: string, id: number, operator: string): Promise<WebhookDeliveryDto> {
    const redelivered = await this.options.database.transaction(async (tx) => {
      const row = await tx.webhookDeliveries.findById(appId, id);
      if (!row)
        throw new DomainError('NOT_FOUND', `delivery ${id} of app ${appId} does not exist`, { appId, id });
      const hook = await tx.releaseWebhooks.findById(row.webhookId);
      if (!hook || hook.kind !== 'notify') {
        throw new DomainError('CONFLICT', `the webhook of delivery ${id} was deleted`, {
          id,
          reason: 'WEBHOOK_DELETED',
        });
      }
      if (!(await tx.webhookDeliveries.redeliver(appId, id, Date.now()))) {
        throw new DomainError(
          'CONFLICT',
          `delivery ${id} is ${row.status}: only a failed delivery is sent again`,
          {
            id,
            status: row.status,
          },
        );
      }
      await tx.audits.record('WebhookDelivery', id, 'UPDATE', operator, 'redeliver');
      return (await tx.webhookDeliveries.findById(appId, id))!;
    });
    this.outbox.queued();
    return toDeliveryDto(redelivered);
  }
}

import { NOTIFICATION_EVENTS, type NotificationEvent } from '@houston/domain/browser';
import type { Translate } from '../../i18n/i18n';

/** Events a notification hook may be told of, as the admin-service names them (its own list). */
export { NOTIFICATION_EVENTS };

/**
 * An event in the person's language; one this console does not know (a newer admin-service's)
 * keeps the name the admin-service gives it.
 */
export function eventLabel(event: string, t: Translate): string {
  return (NOTIFICATION_EVENTS as readonly string[]).includes(event)
    ? t(`hooks.event.${event as NotificationEvent}`)
    : event;
}

/** What a notification hook is told of when it names no events. */
export const DEFAULT_EVENTS = ['release', 'rollback', 'merge'];

export type HookKind = 'validation' | 'notification';

/** A validation (`release-webhooks`) or notification hook as the portal lists it: no secret. */
export interface Webhook {
  id: number;
  appId: string;
  namespaceName: string;
  url: string;
  createdBy: string;
  createdAt: string;
  /** Notification hooks only. */
  events?: string[];
  /** Validation hooks only. */
  timeoutMs?: number;
  failurePolicy?: 'fail-closed' | 'fail-open';
}

export interface KindedWebhook extends Webhook {
  kind: HookKind;
}

export type DeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  appId: string;
  namespaceName: string;
  event: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastAttemptAt?: string;
  lastStatus: number;
  lastError: string;
  createdAt: string;
}

/** The admin-service's path segment of each kind. */
export const HOOK_PATH: Record<HookKind, string> = {
  validation: 'release-webhooks',
  notification: 'notification-webhooks',
};

/** Both kinds in one list, notification hooks first, each newest first. */
export function mergeHooks(validation: Webhook[] = [], notification: Webhook[] = []): KindedWebhook[] {
  const byNewest = (a: Webhook, b: Webhook) => b.id - a.id;
  return [
    ...[...notification].sort(byNewest).map((hook) => ({ ...hook, kind: 'notification' as const })),
    ...[...validation].sort(byNewest).map((hook) => ({ ...hook, kind: 'validation' as const })),
  ];
}

/** Whether the list has a delivery still under way (worth reading again soon). */
export function hasOpenDelivery(deliveries: WebhookDelivery[] | undefined): boolean {
  return (deliveries ?? []).some((d) => d.status === 'pending' || d.status === 'delivering');
}

/** One delivery as read alone: with the JSON body it sends (changed keys, never values). */
export interface WebhookDeliveryDetail extends WebhookDelivery {
  payload?: unknown;
}

/** Rows of a page of deliveries; the admin-service's own default. */
export const DELIVERY_PAGE_SIZE = 50;

/**
 * Page `page` (from 1) of the deliveries, which the admin-service pages by cursor (`beforeId`: the
 * last id of the page before). `cursors` keeps the cursor of each page reached so far; a page
 * jumped to is reached by reading those between it and the nearest one known. A page past the end
 * is empty.
 */
export async function readDeliveryPage(
  page: number,
  cursors: Map<number, number>,
  read: (beforeId: number | undefined) => Promise<WebhookDelivery[]>,
): Promise<WebhookDelivery[]> {
  let from = page;
  while (from > 1 && !cursors.has(from)) from--;
  let rows = await read(cursors.get(from));
  for (let next = from + 1; next <= page; next++) {
    const last = rows.at(-1);
    if (rows.length < DELIVERY_PAGE_SIZE || !last) return [];
    cursors.set(next, last.id);
    rows = await read(last.id);
  }
  const last = rows.at(-1);
  if (last && rows.length === DELIVERY_PAGE_SIZE) cursors.set(page + 1, last.id);
  return rows;
}

import { readBoundedText } from '../common/read-bounded-text';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER } from '@houston/domain';
import { MAX_RESPONSE_BYTES } from './notification-settings';

export interface NotificationRequest {
  url: string;
  secret: string;
  deliveryId: number;
  attempt: number;
  event: string;
  body: string;
  timeoutMs: number;
}

/** How one attempt went: `ok` on a 2xx answer; else the status (0: none) and why. */
export interface NotificationAttempt {
  ok: boolean;
  status: number;
  error: string;
}

export type SendNotification = (request: NotificationRequest) => Promise<NotificationAttempt>;

function reachError(error: unknown, timeoutMs: number): string {
  // Duck-typed: fetch's errors may come from another realm than this module's Error.
  const { name, cause } = (error ?? {}) as { name?: string; cause?: { code?: string } };
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  return `could not be reached${cause?.code ? ` (${cause.code})` : ''}`;
}

/**
 * POSTs a notification: the JSON body, signed as validation calls are (`X-Houston-Signature:
 * t=<epoch ms>,v1=<hex>` over `<t>.<body>`), with the event, the delivery's id (the same on every
 * attempt, so a receiver can drop repeats), the attempt number and the timestamp. The whole
 * exchange, answer included, is bounded by `timeoutMs`; at most 4 KiB of the answer is read.
 * Redirects are not followed: a 3xx is a failed attempt.
 */
export const sendNotification: SendNotification = async (request) => {
  const timestamp = Date.now();
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Houston-Webhook/1',
        'x-houston-event': request.event,
        'x-houston-delivery': String(request.deliveryId),
        'x-houston-attempt': String(request.attempt),
        'x-houston-timestamp': String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(request.secret, timestamp, request.body),
      },
      body: request.body,
    });
    const text = (await readBoundedText(response, MAX_RESPONSE_BYTES)).text;
    if (response.status >= 200 && response.status <= 299)
      return { ok: true, status: response.status, error: '' };
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
    return {
      ok: false,
      status: response.status,
      error: `the receiver answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
    };
  } catch (error) {
    return { ok: false, status: 0, error: reachError(error, request.timeoutMs) };
  }
};

import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header Houston signs webhook calls with: `t=<epoch ms>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-houston-signature';
/** How far a receiver should accept a signature's timestamp from its own clock (replays beyond it fail). */
export const WEBHOOK_SIGNATURE_TOLERANCE_MS = 5 * 60_000;

/** HMAC-SHA256 with the hook's secret over `${timestamp}.${body}`, hex. */
export function webhookSignature(secret: string, timestampMs: number, body: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestampMs}.${body}`).digest('hex');
}

/** The value of the signature header for `body`, sent at `timestampMs`. */
export function signWebhookBody(secret: string, timestampMs: number, body: string): string {
  return `t=${timestampMs},v1=${webhookSignature(secret, timestampMs, body)}`;
}

/**
 * What a receiver does (also Houston's tests): the header parses, its timestamp is within the
 * tolerance of `nowMs`, and the signature matches the exact body bytes received.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  nowMs: number,
  toleranceMs = WEBHOOK_SIGNATURE_TOLERANCE_MS,
): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!match) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowMs - timestamp) > toleranceMs) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'));
}

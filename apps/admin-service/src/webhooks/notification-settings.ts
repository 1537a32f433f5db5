import { DEFAULT_DELIVERY_RETRY_POLICY, type DeliveryRetryPolicy } from '@houston/domain';

/** How the admin-service delivers notification webhooks (`HOUSTON_WEBHOOK_*`). */
export interface NotificationSettings extends DeliveryRetryPolicy {
  /** Pause between two looks for due deliveries (0: this admin-service sends none). */
  pollIntervalMs: number;
  /** Longest wait for a receiver's answer; the claim lasts this plus `LEASE_MARGIN_MS`. */
  timeoutMs: number;
  /** Deliveries one admin-service sends at once. */
  concurrency: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  ...DEFAULT_DELIVERY_RETRY_POLICY,
  pollIntervalMs: 1_000,
  timeoutMs: 10_000,
  concurrency: 4,
};

/** What a claim lasts beyond the call's timeout: the time to record its outcome. */
export const LEASE_MARGIN_MS = 5_000;

/** The most of a receiver's answer that is read (the start of it is kept as the error). */
export const MAX_RESPONSE_BYTES = 4 * 1024;

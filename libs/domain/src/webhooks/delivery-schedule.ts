/** How deliveries of notification webhooks are retried. */
export interface DeliveryRetryPolicy {
  /** Attempts in all, the first included; after the last failed one the delivery is failed. */
  maxAttempts: number;
  /** Delay before the second attempt; each later one doubles it. */
  baseDelayMs: number;
  /** No delay grows beyond this. */
  maxDelayMs: number;
}

export const DEFAULT_DELIVERY_RETRY_POLICY: DeliveryRetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 10_000,
  maxDelayMs: 60 * 60_000,
};

/**
 * The wait after failed attempt number `attempt` (1 for the first): exponential from
 * `baseDelayMs`, capped at `maxDelayMs`, with "equal jitter": half of it fixed, half random, so
 * that deliveries failing together (a receiver that was down) do not all come back at once, and
 * none comes back sooner than half its delay. `random` returns [0, 1).
 */
export function retryDelayMs(
  attempt: number,
  policy: DeliveryRetryPolicy,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 40);
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.floor(delay / 2 + random() * (delay / 2));
}

export type AttemptOutcome =
  { status: 'delivered' } | { status: 'pending'; nextAttemptAt: number } | { status: 'failed' };

/**
 * What becomes of a delivery after its attempt number `attempts` (counted when it was claimed):
 * delivered on success; else retried later, unless that was the last attempt allowed.
 */
export function afterAttempt(
  succeeded: boolean,
  attempts: number,
  nowMs: number,
  policy: DeliveryRetryPolicy,
  random: () => number = Math.random,
): AttemptOutcome {
  if (succeeded) return { status: 'delivered' };
  if (attempts >= policy.maxAttempts) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: nowMs + retryDelayMs(attempts, policy, random) };
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 60_000 };

/**
 * Exponential backoff with full jitter: a uniform delay in [0, min(cap, base * 2^attempt)).
 * The jitter spreads a fleet of clients over the whole window so that a config-service coming
 * back is not hit by every client at the same instant.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.floor(random() * ceiling);
}

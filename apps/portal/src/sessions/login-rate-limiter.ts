/**
 * Counts failed sign-ins per user name and client address in a fixed window. Once `maxFailures`
 * is reached every attempt for that pair is refused (429) until the window ends, whether the
 * password is right or not, so guessing costs one window per few tries. In memory, per process:
 * several portal instances each allow `maxFailures` (README says so).
 */
export class LoginRateLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until the pair may try again; 0 when it may now. */
  retryAfterMs(username: string, address: string): number {
    const entry = this.failures.get(keyOf(username, address));
    if (!entry) return 0;
    const elapsed = this.now() - entry.since;
    if (elapsed >= this.windowMs) {
      this.failures.delete(keyOf(username, address));
      return 0;
    }
    return entry.count >= this.maxFailures ? this.windowMs - elapsed : 0;
  }

  recordFailure(username: string, address: string): void {
    const key = keyOf(username, address);
    const now = this.now();
    const entry = this.failures.get(key);
    if (!entry || now - entry.since >= this.windowMs) this.failures.set(key, { count: 1, since: now });
    else entry.count += 1;
    if (this.failures.size > 100_000) this.sweep(now);
  }

  recordSuccess(username: string, address: string): void {
    this.failures.delete(keyOf(username, address));
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.failures) {
      if (now - entry.since >= this.windowMs) this.failures.delete(key);
    }
  }
}

function keyOf(username: string, address: string): string {
  return `${username.trim().toLowerCase()}\u0000${address}`;
}

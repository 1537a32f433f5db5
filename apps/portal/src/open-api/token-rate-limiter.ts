/**
 * Requests per second for each Open API token (Apollo 2.4's consumer `rateLimit`): a token bucket
 * per token that holds `limit` requests and refills `limit` per second, so a steady caller gets
 * `limit` a second and a burst of up to `limit` at once. Counted in memory per portal process.
 */
export class TokenRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Buckets kept at most; the least recently used go first (every new token starts full anyway). */
    private readonly maxBuckets = 10_000,
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds to wait (at least 1). */
  take(key: string, limit: number): number {
    if (limit <= 0) return 0;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) / 1000) * limit);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / limit));
  }
}

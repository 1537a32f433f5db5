import type { Redis } from 'ioredis';

/** Counts Open API requests per token (Apollo 2.4's consumer `rateLimit`, requests per second). */
export interface RateLimitCounter {
  /** Takes one request from `key`'s allowance: 0 when allowed, else the seconds to wait (at least 1). */
  take(key: string, limit: number): Promise<number>;
}

/**
 * A token bucket per token that holds `limit` requests and refills `limit` per second, so a
 * steady caller gets `limit` a second and a burst of up to `limit` at once. Counted in memory per
 * portal process.
 */
export class TokenRateLimiter implements RateLimitCounter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Buckets kept at most; the least recently used go first (every new token starts full anyway). */
    private readonly maxBuckets = 10_000,
  ) {}

  take(key: string, limit: number): Promise<number> {
    return Promise.resolve(this.takeNow(key, limit));
  }

  takeNow(key: string, limit: number): number {
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

/**
 * The same bucket, kept in Redis so that every portal instance shares one count per token. One
 * Lua script reads, refills and takes atomically, on Redis's clock (the instances' clocks may
 * differ); the bucket is a hash that Redis drops once it would be full again anyway.
 */
const TAKE_SCRIPT = `
local limit = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or limit
local at = tonumber(stored[2]) or now
tokens = math.min(limit, tokens + math.max(0, now - at) / 1000 * limit)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / limit))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 2000)
return wait
`;

export class RedisRateLimiter implements RateLimitCounter {
  constructor(
    private readonly redis: Redis,
    /** Used while Redis does not answer, so the limit still holds per process. */
    private readonly fallback: TokenRateLimiter = new TokenRateLimiter(),
    private readonly prefix = 'houston:portal:rate:',
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  async take(key: string, limit: number): Promise<number> {
    if (limit <= 0) return 0;
    try {
      const wait = await this.redis.eval(TAKE_SCRIPT, 1, `${this.prefix}${key}`, String(limit));
      return Number(wait);
    } catch (error) {
      this.onError(error);
      return this.fallback.takeNow(key, limit);
    }
  }
}

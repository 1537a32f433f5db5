import { TokenRateLimiter } from './token-rate-limiter';

describe('TokenRateLimiter', () => {
  it('allows `limit` at once, then asks to wait, and refills with time', () => {
    let now = 1_000_000;
    const limiter = new TokenRateLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.takeNow('t', 3))).toEqual([0, 0, 0]);
    expect(limiter.takeNow('t', 3)).toBe(1);
    expect(limiter.takeNow('other', 3)).toBe(0);
    now += 400;
    expect(limiter.takeNow('t', 3)).toBe(0);
    expect(limiter.takeNow('t', 3)).toBe(1);
  });

  it('never limits a token whose limit is 0', () => {
    const limiter = new TokenRateLimiter(() => 0);
    for (let i = 0; i < 100; i += 1) expect(limiter.takeNow('t', 0)).toBe(0);
  });

  it('forgets the least recently used buckets beyond its size', () => {
    const limiter = new TokenRateLimiter(() => 0, 2);
    limiter.takeNow('a', 1);
    limiter.takeNow('b', 1);
    limiter.takeNow('c', 1);
    expect(limiter.takeNow('a', 1)).toBe(0);
    expect(limiter.takeNow('c', 1)).toBe(1);
  });
});

import { TokenRateLimiter } from './token-rate-limiter';

describe('TokenRateLimiter', () => {
  it('allows `limit` at once, then asks to wait, and refills with time', () => {
    let now = 1_000_000;
    const limiter = new TokenRateLimiter(() => now);
    expect([1, 2, 3].map(() => limiter.take('t', 3))).toEqual([0, 0, 0]);
    expect(limiter.take('t', 3)).toBe(1);
    expect(limiter.take('other', 3)).toBe(0);
    now += 400;
    expect(limiter.take('t', 3)).toBe(0);
    expect(limiter.take('t', 3)).toBe(1);
  });

  it('never limits a token whose limit is 0', () => {
    const limiter = new TokenRateLimiter(() => 0);
    for (let i = 0; i < 100; i += 1) expect(limiter.take('t', 0)).toBe(0);
  });

  it('forgets the least recently used buckets beyond its size', () => {
    const limiter = new TokenRateLimiter(() => 0, 2);
    limiter.take('a', 1);
    limiter.take('b', 1);
    limiter.take('c', 1);
    expect(limiter.take('a', 1)).toBe(0);
    expect(limiter.take('c', 1)).toBe(1);
  });
});

import { LoginRateLimiter } from './login-rate-limiter';

describe('LoginRateLimiter', () => {
  let now = 0;
  const limiter = () => new LoginRateLimiter(3, 60_000, () => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('refuses a user+address pair after the allowed failures, until the window ends', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) {
      expect(limits.retryAfterMs('alice', '10.0.0.1')).toBe(0);
      limits.recordFailure('alice', '10.0.0.1');
    }
    expect(limits.retryAfterMs('alice', '10.0.0.1')).toBe(60_000);
    expect(limits.retryAfterMs('ALICE', '10.0.0.1')).toBe(60_000);
    now += 59_999;
    expect(limits.retryAfterMs('alice', '10.0.0.1')).toBe(1);
    now += 1;
    expect(limits.retryAfterMs('alice', '10.0.0.1')).toBe(0);
  });

  it('counts each pair on its own and forgets a pair on success', () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) limits.recordFailure('alice', '10.0.0.1');
    expect(limits.retryAfterMs('alice', '10.0.0.2')).toBe(0);
    expect(limits.retryAfterMs('bob', '10.0.0.1')).toBe(0);
    limits.recordFailure('bob', '10.0.0.1');
    limits.recordFailure('bob', '10.0.0.1');
    limits.recordSuccess('bob', '10.0.0.1');
    limits.recordFailure('bob', '10.0.0.1');
    limits.recordFailure('bob', '10.0.0.1');
    expect(limits.retryAfterMs('bob', '10.0.0.1')).toBe(0);
  });
});

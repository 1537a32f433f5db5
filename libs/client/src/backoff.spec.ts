import { backoffDelay, DEFAULT_BACKOFF } from './backoff';

describe('backoffDelay (exponential, full jitter)', () => {
  const almostOne = () => 0.999999;

  it('doubles the window from 1 s up to the 60 s cap', () => {
    const windows = [0, 1, 2, 3, 4, 5, 6, 7, 10, 100].map(
      (attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, almostOne) + 1,
    );
    expect(windows).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 60000]);
  });

  it('can wait no time at all (full jitter starts at zero)', () => {
    expect(backoffDelay(5, DEFAULT_BACKOFF, () => 0)).toBe(0);
  });

  it('spreads clients uniformly over the window so they do not retry together', () => {
    const delays = Array.from({ length: 2000 }, () => backoffDelay(3));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...delays)).toBeLessThan(8000);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(mean).toBeGreaterThan(3400);
    expect(mean).toBeLessThan(4600);
    const buckets = new Set(delays.map((delay) => Math.floor(delay / 1000)));
    expect(buckets.size).toBe(8);
  });

  it('takes a custom base and cap', () => {
    expect(backoffDelay(4, { baseMs: 10, capMs: 50 }, almostOne)).toBe(49);
  });
});

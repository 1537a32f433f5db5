import { TtlCache } from './ttl-cache';

/** A load the test settles by hand. */
function deferred<V>() {
  let resolve!: (value: V) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<V>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('TtlCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('loads once for callers asking at the same moment, and serves the value until it expires', async () => {
    const cache = new TtlCache<string>(5_000, 100, clock);
    const load = jest.fn(() => Promise.resolve('v1'));
    expect(cache.peek('k')).toBeUndefined();
    expect(await Promise.all([cache.get('k', load), cache.get('k', load)])).toEqual(['v1', 'v1']);
    expect(load).toHaveBeenCalledTimes(1);
    expect(cache.peek('k')).toBe('v1');

    now += 5_000;
    expect(cache.peek('k')).toBeUndefined();
    load.mockImplementation(() => Promise.resolve('v2'));
    expect(await cache.get('k', load)).toBe('v2');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('keeps the last value through a database error and asks again only after another ttl', async () => {
    const cache = new TtlCache<string>(5_000, 100, clock);
    await cache.get('k', () => Promise.resolve('known'));
    now += 5_000;
    const failing = jest.fn(() => Promise.reject(new Error('database down')));
    expect(await cache.get('k', failing)).toBe('known');
    expect(await cache.get('k', failing)).toBe('known');
    expect(failing).toHaveBeenCalledTimes(1);
    now += 5_000;
    expect(await cache.get('k', failing)).toBe('known');
    expect(failing).toHaveBeenCalledTimes(2);
  });

  it('fails when there is nothing to fall back on', async () => {
    const cache = new TtlCache<string>(5_000, 100, clock);
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
  });

  it('loads again after invalidate, keeping the old value as the fallback', async () => {
    const cache = new TtlCache<string>(60_000, 100, clock);
    await cache.get('k', () => Promise.resolve('old'));
    cache.invalidate('k');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', () => Promise.reject(new Error('down')))).toBe('old');
    cache.invalidate('k');
    expect(await cache.get('k', () => Promise.resolve('new'))).toBe('new');
  });

  it('does not keep what a load read before an invalidation that came while it ran', async () => {
    const cache = new TtlCache<string>(60_000, 100, clock);
    const before = deferred<string>();
    const first = cache.get('k', () => before.promise);
    cache.invalidate('k');
    const after = cache.get('k', () => Promise.resolve('new'));
    expect(await after).toBe('new');
    before.resolve('old');
    expect(await first).toBe('old');
    expect(cache.peek('k')).toBe('new');
  });

  it('forgets the oldest entry when full', async () => {
    const cache = new TtlCache<string>(60_000, 2, clock);
    await cache.get('a', () => Promise.resolve('A'));
    await cache.get('b', () => Promise.resolve('B'));
    await cache.get('c', () => Promise.resolve('C'));
    expect([cache.peek('a'), cache.peek('b'), cache.peek('c')]).toEqual([undefined, 'B', 'C']);
  });
});

import { AnswerCache } from './answer-cache';

describe('AnswerCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('keeps an answer until a message names a key it was built from', () => {
    const cache = new AnswerCache<string>(10_000, 100, clock);
    cache.set('a', 'answer a', ['app+default+application', 'app+dc1+application'], cache.version());
    cache.set('b', 'answer b', ['app+default+other'], cache.version());
    expect(cache.get('a')).toBe('answer a');

    cache.drop('app+dc1+application');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('answer b');
    cache.drop('app+default+other');
    expect(cache.get('b')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not keep an answer built while a message arrived', () => {
    const cache = new AnswerCache<string>(10_000, 100, clock);
    const started = cache.version();
    cache.drop('app+default+unrelated');
    cache.set('a', 'maybe stale', ['app+default+application'], started);
    expect(cache.get('a')).toBeUndefined();

    cache.set('a', 'fresh', ['app+default+application'], cache.version());
    expect(cache.get('a')).toBe('fresh');
  });

  it('forgets answers after their time to live', () => {
    const cache = new AnswerCache<string>(5_000, 100, clock);
    cache.set('a', 'answer', ['k'], cache.version());
    now += 4_999;
    expect(cache.get('a')).toBe('answer');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the oldest answer when full, and its keys no longer point at it', () => {
    const cache = new AnswerCache<string>(10_000, 2, clock);
    cache.set('a', 'A', ['k1'], cache.version());
    cache.set('b', 'B', ['k2'], cache.version());
    cache.set('c', 'C', ['k1'], cache.version());
    expect(cache.get('a')).toBeUndefined();
    expect([cache.get('b'), cache.get('c')]).toEqual(['B', 'C']);

    cache.drop('k1');
    expect(cache.get('c')).toBeUndefined();
    expect(cache.get('b')).toBe('B');
  });

  it("replacing an answer drops the old one's dependencies", () => {
    const cache = new AnswerCache<string>(10_000, 100, clock);
    cache.set('a', 'v1', ['old-key'], cache.version());
    cache.set('a', 'v2', ['new-key'], cache.version());
    cache.drop('old-key');
    expect(cache.get('a')).toBe('v2');
    cache.drop('new-key');
    expect(cache.get('a')).toBeUndefined();
  });
});

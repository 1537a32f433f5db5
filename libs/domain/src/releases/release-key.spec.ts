import { RELEASE_KEY_PATTERN, createReleaseKey, defaultReleaseTitle } from './release-key';

describe('createReleaseKey', () => {
  it('is the UTC timestamp, a dash and 16 lowercase hex characters', () => {
    const now = new Date(Date.UTC(2017, 3, 30, 9, 29, 36));
    expect(createReleaseKey(now, () => 'DEE2D58E74515FF3')).toBe('20170430092936-dee2d58e74515ff3');
    const key = createReleaseKey(now);
    expect(key).toMatch(RELEASE_KEY_PATTERN);
    expect(key.startsWith('20170430092936-')).toBe(true);
  });

  it('pads every field', () => {
    expect(createReleaseKey(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), () => '0123456789abcdef')).toBe(
      '20240102030405-0123456789abcdef',
    );
  });

  it('never repeats over 1000 keys created in the same second', () => {
    const now = new Date();
    const keys = new Set(Array.from({ length: 1000 }, () => createReleaseKey(now)));
    expect(keys.size).toBe(1000);
    for (const key of keys) expect(key).toMatch(RELEASE_KEY_PATTERN);
  });

  it('has a pattern that refuses other shapes', () => {
    expect(RELEASE_KEY_PATTERN.test('20170430092936-dee2d58e74515ff3')).toBe(true);
    expect(RELEASE_KEY_PATTERN.test('20170430092936-DEE2D58E74515FF3')).toBe(false);
    expect(RELEASE_KEY_PATTERN.test('2017043009293-dee2d58e74515ff3')).toBe(false);
    expect(RELEASE_KEY_PATTERN.test('20170430092936-dee2d58e74515ff')).toBe(false);
  });
});

describe('defaultReleaseTitle', () => {
  it('is yyyyMMddHHmmss-release in UTC', () => {
    expect(defaultReleaseTitle(new Date(Date.UTC(2024, 11, 31, 23, 59, 58)))).toBe('20241231235958-release');
  });
});

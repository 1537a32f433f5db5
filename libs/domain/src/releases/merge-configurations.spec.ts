import { joinReleaseKeys, mergeConfigurations } from './merge-configurations';

describe('mergeConfigurations', () => {
  it("lets the app's own keys override the public owner's", () => {
    expect(mergeConfigurations({ a: 'shared', b: 'shared' }, { b: 'own', c: 'own' })).toEqual({
      a: 'shared',
      b: 'own',
      c: 'own',
    });
  });

  it('serves either side alone when the other is absent', () => {
    expect(mergeConfigurations({ a: '1' }, null)).toEqual({ a: '1' });
    expect(mergeConfigurations(null, { b: '2' })).toEqual({ b: '2' });
    expect(mergeConfigurations(null, null)).toEqual({});
  });

  it('does not change its inputs', () => {
    const shared = { a: '1' };
    const own = { a: '2' };
    mergeConfigurations(shared, own);
    expect(shared).toEqual({ a: '1' });
  });
});

describe('joinReleaseKeys', () => {
  it("joins keys with '+' in the given order", () => {
    expect(joinReleaseKeys(['20240101000000-aaaaaaaaaaaaaaaa', '20240102000000-bbbbbbbbbbbbbbbb'])).toBe(
      '20240101000000-aaaaaaaaaaaaaaaa+20240102000000-bbbbbbbbbbbbbbbb',
    );
    expect(joinReleaseKeys(['only'])).toBe('only');
    expect(joinReleaseKeys([])).toBe('');
  });
});

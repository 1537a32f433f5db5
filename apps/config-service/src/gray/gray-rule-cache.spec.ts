import { GrayRuleCache, type ActiveGrayRule } from './gray-rule-cache';

const KEY = 'shop+default+application';

function rule(branchName: string, ip: string): ActiveGrayRule {
  return { branchName, items: [{ clientAppId: 'shop', clientIpList: [ip], clientLabelList: [] }] };
}

describe('GrayRuleCache', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000));

  it('re-reads the rules on a message for their key, and otherwise after their maximum age', async () => {
    let stored = [rule('gray-1', '10.0.0.1')];
    const load = jest.fn(() => Promise.resolve(stored));
    const cache = new GrayRuleCache({ load }, 60_000, clock);
    expect(await cache.get('shop', 'default', 'application')).toEqual(stored);
    expect(await cache.get('shop', 'default', 'application')).toEqual(stored);
    expect(load).toHaveBeenCalledTimes(1);

    stored = [rule('gray-2', '10.0.0.2')];
    cache.invalidate(KEY);
    expect(await cache.get('shop', 'default', 'application')).toEqual(stored);
    now += 60_000;
    await cache.get('shop', 'default', 'application');
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('remembers every branch it has seen for a key, so their releases can be dropped with its messages', async () => {
    let stored = [rule('gray-1', '10.0.0.1')];
    const cache = new GrayRuleCache({ load: () => Promise.resolve(stored) }, 60_000, clock);
    await cache.get('shop', 'default', 'application');
    stored = [rule('gray-2', '10.0.0.2')];
    cache.invalidate(KEY);
    await cache.get('shop', 'default', 'application');
    expect(cache.knownBranches(KEY)).toEqual(['gray-1', 'gray-2']);
    expect(cache.knownBranches('shop+default+other')).toEqual([]);
  });

  it('keeps the last known rules in force while the database is unreachable', async () => {
    let failing = false;
    const stored = [rule('gray-1', '10.0.0.1')];
    const cache = new GrayRuleCache(
      { load: () => (failing ? Promise.reject(new Error('down')) : Promise.resolve(stored)) },
      60_000,
      clock,
    );
    await cache.get('shop', 'default', 'application');
    failing = true;
    cache.invalidate(KEY);
    expect(await cache.get('shop', 'default', 'application')).toEqual(stored);
  });
});

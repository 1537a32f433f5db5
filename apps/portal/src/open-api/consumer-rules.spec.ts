import { authorizedApps, consumerMay, type ConsumerGrant } from './consumer-rules';

const app: ConsumerGrant = { appId: 'shop', namespaceName: '', env: '' };
const nsInPro: ConsumerGrant = { appId: 'pay', namespaceName: 'application', env: 'PRO' };

describe('consumer grants', () => {
  it('an app grant allows everything on that app, in every environment, and nothing elsewhere', () => {
    expect(consumerMay([app], { kind: 'modify', appId: 'shop', namespaceName: 'db', env: 'DEV' })).toBe(true);
    expect(consumerMay([app], { kind: 'release', appId: 'shop', namespaceName: 'x', env: 'PRO' })).toBe(true);
    expect(consumerMay([app], { kind: 'app', appId: 'shop' })).toBe(true);
    expect(consumerMay([app], { kind: 'read', appId: 'pay', env: 'DEV' })).toBe(false);
    expect(consumerMay([app], { kind: 'app', appId: 'Shop' })).toBe(false);
  });

  it('a namespace grant limited to one environment allows that namespace there only', () => {
    const pro = { kind: 'release', appId: 'pay', namespaceName: 'application', env: 'pro' } as const;
    expect(consumerMay([nsInPro], pro)).toBe(true);
    expect(consumerMay([nsInPro], { ...pro, env: 'DEV' })).toBe(false);
    expect(consumerMay([nsInPro], { ...pro, namespaceName: 'db' })).toBe(false);
    expect(consumerMay([nsInPro], { kind: 'app', appId: 'pay' })).toBe(false);
    expect(consumerMay([nsInPro], { kind: 'read', appId: 'pay', env: 'PRO' })).toBe(true);
    expect(consumerMay([nsInPro], { kind: 'read', appId: 'pay', env: 'DEV' })).toBe(false);
    expect(consumerMay([nsInPro], { kind: 'read', appId: 'pay' })).toBe(true);
  });

  it('no grant allows nothing', () => {
    expect(consumerMay([], { kind: 'read', appId: 'shop' })).toBe(false);
  });

  it('lists the authorized apps once each', () => {
    expect(authorizedApps([nsInPro, app, { ...nsInPro, env: '' }])).toEqual(['pay', 'shop']);
  });
});

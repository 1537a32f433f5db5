import { CanonicalNames, type StoredNameSource } from './canonical-names';

function storeOf(apps: string[], clustersByApp: Record<string, string[]>): StoredNameSource {
  return {
    findAppIdsIgnoringCase: (appId) =>
      Promise.resolve(apps.filter((stored) => stored.toLowerCase() === appId.toLowerCase())),
    clusterNames: (appId) => Promise.resolve(clustersByApp[appId] ?? []),
  };
}

describe('CanonicalNames', () => {
  it('spells app id, cluster and data center as stored', async () => {
    const names = new CanonicalNames(storeOf(['shop'], { shop: ['default', 'prod'] }), 10_000);
    expect(await names.resolve({ appId: 'SHOP', cluster: 'DEFAULT', dataCenter: 'Prod' })).toEqual({
      appId: 'shop',
      cluster: 'default',
      dataCenter: 'prod',
    });
  });

  it('keeps names nothing is stored under, and prefers an exact match to a case variant', async () => {
    const names = new CanonicalNames(storeOf(['Shop', 'shop'], { shop: ['default', 'Default'] }), 10_000);
    expect(await names.resolve({ appId: 'shop', cluster: 'Default' })).toEqual({
      appId: 'shop',
      cluster: 'Default',
    });
    expect(await names.resolve({ appId: 'SHOP', cluster: 'eu' })).toEqual({ appId: 'SHOP', cluster: 'eu' });
    expect(await names.resolve({ appId: 'nobody', cluster: 'DEFAULT' })).toEqual({
      appId: 'nobody',
      cluster: 'DEFAULT',
    });
  });
});

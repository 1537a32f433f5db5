import { DEFAULT_CLUSTER, clusterLookupOrder, watchedKeys } from './cluster-lookup';

describe('clusterLookupOrder', () => {
  it('is just default for the default cluster', () => {
    expect(DEFAULT_CLUSTER).toBe('default');
    expect(clusterLookupOrder('default')).toEqual(['default']);
  });

  it('tries a custom cluster before default', () => {
    expect(clusterLookupOrder('SHAJQ')).toEqual(['SHAJQ', 'default']);
  });

  it('does not repeat a data center equal to the cluster', () => {
    expect(clusterLookupOrder('SHAJQ', 'SHAJQ')).toEqual(['SHAJQ', 'default']);
    expect(clusterLookupOrder('default', 'default')).toEqual(['default']);
  });

  it('tries the data center between the cluster and default', () => {
    expect(clusterLookupOrder('SHAJQ', 'SHAOY')).toEqual(['SHAJQ', 'SHAOY', 'default']);
    expect(clusterLookupOrder('default', 'SHAOY')).toEqual(['SHAOY', 'default']);
  });

  it('ignores an empty data center', () => {
    expect(clusterLookupOrder('SHAJQ', '')).toEqual(['SHAJQ', 'default']);
    expect(clusterLookupOrder('SHAJQ', undefined)).toEqual(['SHAJQ', 'default']);
  });
});

describe('watchedKeys', () => {
  it('watches every cluster of the lookup order for the app', () => {
    expect(
      watchedKeys({ appId: 'app', cluster: 'SHAJQ', namespace: 'application', dataCenter: 'SHAOY' }),
    ).toEqual(['app+SHAJQ+application', 'app+SHAOY+application', 'app+default+application']);
    expect(watchedKeys({ appId: 'app', cluster: 'default', namespace: 'application' })).toEqual([
      'app+default+application',
    ]);
  });

  it('adds the same keys for the owner of a public namespace', () => {
    expect(
      watchedKeys({ appId: 'app', cluster: 'SHAJQ', namespace: 'FX.apollo', publicOwnerAppId: 'platform' }),
    ).toEqual([
      'app+SHAJQ+FX.apollo',
      'app+default+FX.apollo',
      'platform+SHAJQ+FX.apollo',
      'platform+default+FX.apollo',
    ]);
  });

  it('does not repeat keys when the owner is the app itself', () => {
    expect(
      watchedKeys({ appId: 'app', cluster: 'default', namespace: 'ns', publicOwnerAppId: 'app' }),
    ).toEqual(['app+default+ns']);
    expect(
      watchedKeys({ appId: 'app', cluster: 'default', namespace: 'ns', publicOwnerAppId: null }),
    ).toEqual(['app+default+ns']);
  });

  it('watches only the public owner for a client without an app id', () => {
    expect(
      watchedKeys({
        appId: 'ApolloNoAppIdPlaceHolder',
        cluster: 'default',
        namespace: 'ns',
        publicOwnerAppId: 'owner',
      }),
    ).toEqual(['owner+default+ns']);
  });
});

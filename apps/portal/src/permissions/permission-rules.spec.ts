import { allows, grantShapeProblem, type Grant } from './permission-rules';

const grant = (role: string, scope: Partial<Grant> = {}): Grant => ({
  role,
  appId: '',
  env: '',
  clusterName: '',
  namespaceName: '',
  ...scope,
});
const user = (...grants: Grant[]) => ({ isSuperAdmin: false, grants });
const ns = (overrides: Partial<{ appId: string; env: string; cluster: string; namespace: string }> = {}) => ({
  appId: 'shop',
  env: 'DEV',
  cluster: 'default',
  namespace: 'application',
  ...overrides,
});

describe('Apollo role rules', () => {
  it('lets a super administrator do everything and nobody else anything by default', () => {
    const admin = { isSuperAdmin: true, grants: [] };
    expect(allows(admin, { kind: 'create-app' })).toBe(true);
    expect(allows(admin, { kind: 'release', scope: ns() })).toBe(true);
    expect(allows(user(), { kind: 'create-app' })).toBe(false);
    expect(allows(user(), { kind: 'master', appId: 'shop' })).toBe(false);
    expect(allows(user(), { kind: 'modify', scope: ns() })).toBe(false);
    expect(allows(user(), { kind: 'member', appId: 'shop' })).toBe(false);
  });

  it('scopes the master role to its app, and master does not imply modify or release', () => {
    const master = user(grant('Master', { appId: 'shop' }));
    expect(allows(master, { kind: 'master', appId: 'shop' })).toBe(true);
    expect(allows(master, { kind: 'master', appId: 'bank' })).toBe(false);
    expect(allows(master, { kind: 'modify', scope: ns() })).toBe(false);
    expect(allows(master, { kind: 'member', appId: 'shop' })).toBe(true);
  });

  it('scopes namespace roles to the namespace, and to one environment when it names one', () => {
    const everywhere = user(grant('ModifyNamespace', { appId: 'shop', namespaceName: 'application' }));
    expect(allows(everywhere, { kind: 'modify', scope: ns({ env: 'PRO' }) })).toBe(true);
    expect(allows(everywhere, { kind: 'modify', scope: ns({ namespace: 'db' }) })).toBe(false);
    expect(allows(everywhere, { kind: 'modify', scope: ns({ appId: 'bank' }) })).toBe(false);
    expect(allows(everywhere, { kind: 'release', scope: ns() })).toBe(false);
    const devOnly = user(
      grant('ReleaseNamespace', { appId: 'shop', namespaceName: 'application', env: 'DEV' }),
    );
    expect(allows(devOnly, { kind: 'release', scope: ns() })).toBe(true);
    expect(allows(devOnly, { kind: 'release', scope: ns({ env: 'PRO' }) })).toBe(false);
  });

  it('lets a cluster role cover every namespace of that cluster in that environment only', () => {
    const cluster = user(
      grant('ModifyNamespacesInCluster', { appId: 'shop', env: 'DEV', clusterName: 'default' }),
    );
    expect(allows(cluster, { kind: 'modify', scope: ns({ namespace: 'anything' }) })).toBe(true);
    expect(allows(cluster, { kind: 'modify', scope: ns({ cluster: 'sh' }) })).toBe(false);
    expect(allows(cluster, { kind: 'modify', scope: ns({ env: 'PRO' }) })).toBe(false);
    expect(allows(cluster, { kind: 'release', scope: ns() })).toBe(false);
  });

  it('refuses grants wider or narrower than their role', () => {
    expect(grantShapeProblem(grant('Master', { appId: 'shop' }))).toBeUndefined();
    expect(grantShapeProblem(grant('Master'))).toMatch(/app/);
    expect(grantShapeProblem(grant('ModifyNamespace', { appId: 'shop' }))).toMatch(/namespace/);
    expect(
      grantShapeProblem(grant('ReleaseNamespacesInCluster', { appId: 'shop', clusterName: 'c' })),
    ).toMatch(/environment/);
    expect(grantShapeProblem(grant('CreateApplication', { appId: 'shop' }))).toMatch(/names no app/);
    expect(grantShapeProblem(grant('Owner', { appId: 'shop' }))).toMatch(/unknown role/);
  });

  it('reveals secrets only with RevealSecrets, scoped to its app, namespace and environment', () => {
    const master = user(
      grant('Master', { appId: 'shop' }),
      grant('ModifyNamespace', { appId: 'shop', namespaceName: 'application' }),
    );
    expect(allows(master, { kind: 'reveal', scope: ns() })).toBe(false);
    const devOnly = user(grant('RevealSecrets', { appId: 'shop', env: 'DEV', namespaceName: 'application' }));
    expect(allows(devOnly, { kind: 'reveal', scope: ns() })).toBe(true);
    expect(allows(devOnly, { kind: 'reveal', scope: ns({ cluster: 'sh' }) })).toBe(true);
    expect(allows(devOnly, { kind: 'reveal', scope: ns({ env: 'PRO' }) })).toBe(false);
    expect(allows(devOnly, { kind: 'reveal', scope: ns({ namespace: 'db' }) })).toBe(false);
    expect(allows(devOnly, { kind: 'reveal', scope: ns({ appId: 'bank' }) })).toBe(false);
    const wholeApp = user(grant('RevealSecrets', { appId: 'shop' }));
    expect(allows(wholeApp, { kind: 'reveal', scope: ns({ env: 'PRO', namespace: 'db' }) })).toBe(true);
    expect(allows({ isSuperAdmin: true, grants: [] }, { kind: 'reveal', scope: ns() })).toBe(true);
    expect(grantShapeProblem(grant('RevealSecrets', { appId: 'shop' }))).toBeUndefined();
    expect(grantShapeProblem(grant('RevealSecrets', {}))).toMatch(/names an app/);
    expect(grantShapeProblem(grant('RevealSecrets', { appId: 'shop', clusterName: 'default' }))).toMatch(
      /names an app/,
    );
  });
});

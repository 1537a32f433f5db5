import {
  appNamespacePath,
  appPath,
  branchPath,
  clusterPath,
  namespaceFilePath,
  parseLayoutPath,
} from './apollo-zip-layout';

describe("Apollo's export layout", () => {
  it('names files as Apollo does and reads them back', () => {
    const cases = [
      [appNamespacePath('shop', 'db.yml'), { kind: 'app-namespace', appId: 'shop', namespace: 'db.yml' }],
      [appPath('alice', 'shop'), { kind: 'app', ownerName: 'alice', appId: 'shop' }],
      [
        clusterPath('alice', 'shop', 'DEV', 'default'),
        { kind: 'cluster', ownerName: 'alice', appId: 'shop', env: 'DEV', cluster: 'default' },
      ],
      [
        namespaceFilePath('alice', 'shop', 'DEV', 'default', 'application', 'properties'),
        {
          kind: 'namespace',
          ownerName: 'alice',
          appId: 'shop',
          env: 'DEV',
          cluster: 'default',
          namespace: 'application',
        },
      ],
      [
        namespaceFilePath('alice', 'shop', 'PRO', 'sh', 'db.yml', 'yml'),
        {
          kind: 'namespace',
          ownerName: 'alice',
          appId: 'shop',
          env: 'PRO',
          cluster: 'sh',
          namespace: 'db.yml',
        },
      ],
      [
        branchPath('alice', 'shop', 'PRO', 'sh', 'db.yml'),
        { kind: 'branch', ownerName: 'alice', appId: 'shop', env: 'PRO', cluster: 'sh', namespace: 'db.yml' },
      ],
    ] as const;
    expect(branchPath('alice', 'shop', 'DEV', 'default', 'application')).toBe(
      'alice/shop/DEV+default+application.gray.metadata',
    );
    for (const [path, parsed] of cases) expect(parseLayoutPath(path)).toEqual(parsed);
    expect(namespaceFilePath('alice', 'shop', 'DEV', 'default', 'application', 'properties')).toBe(
      'alice/shop/DEV/shop+default+application.properties',
    );
  });

  it.each([
    'readme.txt',
    'a/b',
    'alice/shop/DEV/other+default+application.properties',
    'a/b/c/d/e',
    'x+y+z.appnamespace.metadata',
    'alice/shop/DEV+default.gray.metadata',
    'alice/shop/DEV+default+a+b.gray.metadata',
  ])('says %p is not part of the layout', (path) => {
    expect(parseLayoutPath(path).kind).toBe('unknown');
  });
});

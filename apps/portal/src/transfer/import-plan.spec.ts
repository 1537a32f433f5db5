import { isDomainError } from '@houston/domain';
import { strToU8 } from 'fflate';
import { appNamespacePath } from './apollo-zip-layout';
import { readImport } from './import-plan';

const entry = (path: string, body: unknown) => ({ path, data: strToU8(JSON.stringify(body)) });
const main = entry('alice/shop/DEV/shop+default+application.properties', [{ key: 'a', value: '1' }]);

describe('readImport', () => {
  it('keeps the app metadata to make the app from', () => {
    const request = readImport(
      [
        entry('alice/shop/app.metadata', { appId: 'shop', name: 'Shop', orgId: 'o', ownerName: 'alice' }),
        main,
      ],
      'shop',
      ['DEV'],
    );
    expect(request.app).toEqual({ name: 'Shop', orgId: 'o', orgName: '' });
    expect(readImport([main], 'shop', ['DEV']).app).toBeUndefined();
  });

  it('keeps whether a namespace definition is secret, so that the import makes it secret', () => {
    const request = readImport(
      [
        entry(appNamespacePath('shop', 'credentials'), { format: 'properties', isSecret: true }),
        entry(appNamespacePath('shop', 'application'), { format: 'properties' }),
        main,
      ],
      'shop',
      ['DEV'],
    );
    expect(request.appNamespaces.get('credentials')).toMatchObject({ isSecret: true });
    expect(request.appNamespaces.get('application')!.isSecret).toBeUndefined();
  });

  it('reads a gray branch with its rules and items beside its namespace', () => {
    const ruleItems = [{ clientAppId: 'shop', clientIpList: ['10.0.0.1'], clientLabelList: [] }];
    const request = readImport(
      [
        main,
        entry('alice/shop/DEV+default+application.gray.metadata', {
          branchName: 'x',
          ruleItems,
          items: [{ key: 'a', value: 'gray', comment: '', lineNum: 1 }],
        }),
      ],
      'shop',
      ['DEV', 'PRO'],
      'PRO',
    );
    expect(request.namespaces).toHaveLength(1);
    expect(request.branches).toEqual([
      expect.objectContaining({
        env: 'PRO',
        cluster: 'default',
        namespace: 'application',
        configText: 'a = gray',
        ruleItems,
      }),
    ]);
  });

  it.each([
    ['no namespace file beside it', [], /without its namespace/],
    ['rules that are not a list', [main], /ruleItems must be an array/, 'all'],
    ['items that are not a list', [main], /expected a JSON array of items/, [], 'x'],
  ])('refuses a branch with %s', (_, others, message, ruleItems: unknown = [], items: unknown = []) => {
    const branch = entry('alice/shop/DEV+default+application.gray.metadata', { ruleItems, items });
    let refused: unknown;
    try {
      readImport([...others, branch], 'shop', ['DEV']);
    } catch (error) {
      refused = error;
    }
    expect(isDomainError(refused, 'VALIDATION_FAILED')).toBe(true);
    expect((refused as Error).message).toMatch(message);
  });

  it('refuses app metadata with fields of the wrong kind', () => {
    expect(() => readImport([entry('alice/shop/app.metadata', { name: 7 }), main], 'shop', ['DEV'])).toThrow(
      /name must be text/,
    );
  });
});

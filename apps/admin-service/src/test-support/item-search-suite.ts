import type { MasterKeyRing } from '@houston/domain';
import { operatorCalls, type AdminTestServer } from './admin-test-server';
import { testKeyRing } from './secrets-suite';

const ns = (appId: string, cluster = 'default', namespace = 'application') =>
  `/apps/${appId}/clusters/${cluster}/namespaces/${namespace}`;

interface Hit {
  appId: string;
  clusterName: string;
  namespaceName: string;
  key: string;
  value: string;
  secret: boolean;
}

/**
 * Searching keys and values across apps (`GET /search/items`), run on every database: the same
 * answers on SQLite and MySQL/MariaDB, exact case, wildcards taken literally, secrets never
 * matched by value and always masked, deleted keys, comment lines and gray branches left out.
 */
export function itemSearchSuite(open: (secretKeys: MasterKeyRing) => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'alice');
  const search = async (query: Record<string, string>) => {
    return call('GET', `/search/items?${new URLSearchParams(query)}`);
  };
  const where = (hits: Hit[]) =>
    hits.map((hit) => `${hit.appId}/${hit.clusterName}/${hit.namespaceName} ${hit.key}`);

  beforeAll(async () => {
    server = await open(testKeyRing());
    for (const appId of ['shop', 'billing']) {
      expect((await call('POST', '/apps', { appId, name: appId })).status).toBe(201);
    }
    expect((await call('POST', '/apps/billing/clusters', { name: 'blue' })).status).toBe(201);
    const text = [
      '# db settings',
      'db.url = jdbc:mysql://internal-db:3306/shop',
      'db.user = shop',
      'DB.other = internal',
      'discount = 50%_off',
      'discount.plain = 50 off',
      'timeout = 100',
    ].join('\n');
    expect((await call('PUT', `${ns('shop')}/items`, { configText: text })).status).toBe(200);
    expect(
      (await call('POST', `${ns('billing')}/items`, { key: 'db.url', value: 'jdbc:internal-billing' }))
        .status,
    ).toBe(201);
    expect(
      (await call('POST', `${ns('billing', 'blue')}/items`, { key: 'db.url', value: 'jdbc:blue' })).status,
    ).toBe(201);
    expect(
      (
        await call('POST', `${ns('shop')}/items`, {
          key: 'db.password',
          value: 'internal-secret',
          secret: true,
        })
      ).status,
    ).toBe(201);
    // Deleted keys and gray branches are not found.
    expect((await call('POST', `${ns('shop')}/items`, { key: 'db.gone', value: 'internal' })).status).toBe(
      201,
    );
    expect((await call('DELETE', `${ns('shop')}/items/db.gone`)).status).toBe(204);
    const branch = (await call('POST', `${ns('billing')}/branches`, {})).body.branchName as string;
    expect(
      (await call('POST', `${ns('billing', branch)}/items`, { key: 'db.gray', value: 'internal' })).status,
    ).toBe(201);
  });
  afterAll(async () => server?.close());

  it('finds keys by prefix, exact case, across apps and clusters, in key order', async () => {
    const answer = await search({ key: 'db.' });
    expect(answer.status).toBe(200);
    expect(answer.body.truncated).toBe(false);
    // Key order, then the order the keys were made in.
    expect(where(answer.body.items)).toEqual([
      'shop/default/application db.password',
      'shop/default/application db.url',
      'billing/default/application db.url',
      'billing/blue/application db.url',
      'shop/default/application db.user',
    ]);
    expect(where((await search({ key: 'DB.' })).body.items)).toEqual(['shop/default/application DB.other']);
    expect((await search({ key: 'b.' })).body.items).toEqual([]);
  });

  it('masks a secret found by its key and never matches a secret by its value', async () => {
    const [password] = (await search({ key: 'db.password' })).body.items as Hit[];
    expect(password).toEqual({
      appId: 'shop',
      clusterName: 'default',
      namespaceName: 'application',
      key: 'db.password',
      value: '******',
      secret: true,
    });
    expect((await search({ value: 'internal-secret' })).body.items).toEqual([]);
    expect((await search({ value: 'hsec:' })).body.items).toEqual([]);
  });

  it('finds values containing the text, exact case, with % and _ taken literally', async () => {
    const internal = (await search({ value: 'internal' })).body.items as Hit[];
    expect(where(internal)).toEqual([
      'shop/default/application DB.other',
      'shop/default/application db.url',
      'billing/default/application db.url',
    ]);
    expect(internal.every((hit) => hit.value.includes('internal') && !hit.secret)).toBe(true);
    expect((await search({ value: 'INTERNAL' })).body.items).toEqual([]);
    expect(where((await search({ value: '%_' })).body.items)).toEqual(['shop/default/application discount']);
    expect(where((await search({ value: '_' })).body.items)).toEqual(['shop/default/application discount']);
    // Both together: keys with the prefix whose value holds the text.
    expect(where((await search({ key: 'db.', value: 'internal' })).body.items)).toEqual([
      'shop/default/application db.url',
      'billing/default/application db.url',
    ]);
  });

  it('answers at most `limit` rows and says when there were more', async () => {
    const answer = await search({ key: 'd', limit: '2' });
    expect(answer.body.items).toHaveLength(2);
    expect(answer.body.truncated).toBe(true);
    expect((await search({ key: 'timeout', limit: '1' })).body).toMatchObject({ truncated: false });
  });

  it('refuses a search for nothing, a limit past 500 and a criterion past its length', async () => {
    expect((await search({})).status).toBe(400);
    expect((await search({ key: 'd', limit: '501' })).status).toBe(400);
    expect((await search({ key: 'd', limit: '0' })).status).toBe(400);
    expect((await search({ key: 'k'.repeat(129) })).status).toBe(400);
    expect((await search({ value: 'v'.repeat(257) })).status).toBe(400);
  });
}

import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'matching';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

/**
 * How names and keys match, run on every database: the answers must be the same on SQLite and
 * MySQL/MariaDB. Item keys, app ids and cluster names are exact (case, accents, trailing spaces);
 * namespace names match case-insensitively, as in Apollo.
 */
export function nameMatchingSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'editor');
  const item = (key: string) => call('GET', `${NS}/items/${encodeURIComponent(key)}`);

  beforeAll(async () => {
    server = await open();
    expect((await call('POST', '/apps', { appId: APP, name: 'Matching' })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('keeps item keys that differ only by case or accent apart', async () => {
    for (const key of ['cafe', 'café', 'Timeout', 'TIMEOUT']) {
      const created = await call('POST', `${NS}/items`, { key, value: `value of ${key}` });
      expect({ key, status: created.status }).toEqual({ key, status: 201 });
    }
    for (const key of ['cafe', 'café', 'Timeout', 'TIMEOUT']) {
      expect((await item(key)).body).toMatchObject({ key, value: `value of ${key}` });
    }
    expect((await item('timeout')).status).toBe(404);
    expect((await item('CAFE')).status).toBe(404);
    expect((await item('cafè')).status).toBe(404);
  });

  it('does not find a key by a spelling with trailing or leading spaces, and refuses to create one', async () => {
    expect((await item('cafe ')).status).toBe(404);
    expect((await item('cafe  ')).status).toBe(404);
    expect((await item(' cafe')).status).toBe(404);
    expect((await call('POST', `${NS}/items`, { key: 'cafe ', value: 'x' })).status).toBe(400);
    expect((await call('PUT', `${NS}/items/${encodeURIComponent('cafe ')}`, { value: 'x' })).status).toBe(
      404,
    );
    // PAD SPACE collations (MariaDB's utf8mb4_bin among them) would find `cafe` here.
    const repos = server.database.repos;
    const namespace = (await repos.namespaces.find(APP, 'default', 'application'))!;
    expect(await repos.items.findByKey(namespace.id, 'cafe ')).toBeNull();
    expect((await repos.items.findByKey(namespace.id, 'cafe'))?.key).toBe('cafe');
    expect(await repos.apps.findByAppId(`${APP} `)).toBeNull();
  });

  it('round-trips a text edit whose keys differ only by case', async () => {
    const edit = await call('PUT', `${NS}/items`, { configText: 'Mode = a\nmode = b\nMODE = c' });
    expect(edit.status).toBe(200);
    expect((await item('Mode')).body.value).toBe('a');
    expect((await item('mode')).body.value).toBe('b');
    expect((await item('MODE')).body.value).toBe('c');
  });

  it('treats app ids and cluster names as exact', async () => {
    expect((await call('POST', '/apps', { appId: 'Matching', name: 'Other' })).status).toBe(201);
    expect((await call('GET', '/apps/MATCHING')).status).toBe(404);
    expect((await call('GET', '/apps/Matching')).body).toMatchObject({ appId: 'Matching', name: 'Other' });
    expect((await call('POST', `/apps/${APP}/clusters`, { name: 'Gray' })).status).toBe(201);
    expect((await call('POST', `/apps/${APP}/clusters`, { name: 'gray' })).status).toBe(201);
    expect((await call('GET', `/apps/${APP}/clusters/GRAY`)).status).toBe(404);
  });

  it('matches namespace names case-insensitively, and refuses a second one differing only by case', async () => {
    expect(
      (await call('POST', `/apps/${APP}/appnamespaces`, { name: 'Fx.Rates', format: 'properties' })).status,
    ).toBe(201);
    const clash = await call('POST', `/apps/${APP}/appnamespaces`, {
      name: 'fx.rates',
      format: 'properties',
    });
    expect(clash.status).toBe(409);
    const found = await call('GET', `/apps/${APP}/clusters/default/namespaces/fx.rates`);
    expect(found.status).toBe(200);
    expect(found.body.namespaceName).toBe('Fx.Rates');
  });
}

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

  it('refuses a key repeated in one json object as in yaml, at the repeat, and stores nothing', async () => {
    const cases = [
      { format: 'json', text: '{\n  "a": 1,\n  "b": 2,\n  "a": 3\n}', line: 4, column: 3 },
      { format: 'yaml', text: 'a: 1\nb: 2\na: 3\n', line: 3, column: 1 },
    ];
    for (const { format, text, line, column } of cases) {
      const created = await call('POST', `/apps/${APP}/appnamespaces`, { name: 'dup', format });
      expect({ format, status: created.status }).toEqual({ format, status: 201 });
      const items = `/apps/${APP}/clusters/default/namespaces/dup.${format}/items`;
      const edit = await call('PUT', items, { configText: text });
      expect({ status: edit.status, code: edit.body.code, details: edit.body.details }).toMatchObject({
        status: 400,
        code: 'INVALID_DOCUMENT',
        details: { format, line, column },
      });
      if (format === 'json') expect(edit.body.message).toContain('(first at line 2, column 3)');
      expect((await call('GET', items)).body).toEqual([]);
    }
  });

  it('refuses an unpaired surrogate escape in a key or value, which the database would store as U+FFFD', async () => {
    for (const body of ['{"key":"lone","value":"a\\ud800b"}', '{"key":"\\udc00","value":"x"}']) {
      const created = await call('POST', `${NS}/items`, JSON.parse(body));
      expect({ body, status: created.status }).toEqual({ body, status: 400 });
      expect(created.body.details).toMatchObject({ reason: 'UNPAIRED_SURROGATE' });
    }
    const edit = await call('PUT', `${NS}/items`, JSON.parse('{"configText":"lone = \\ud800"}'));
    expect(edit.status).toBe(400);
    // The same as a properties escape in the text.
    const escaped = await call('PUT', `${NS}/items`, { configText: 'ok = 1\nlone = \\uD800' });
    expect({ status: escaped.status, details: escaped.body.details }).toMatchObject({
      status: 400,
      details: { format: 'properties', line: 2, column: 8 },
    });
    expect((await item('lone')).status).toBe(404);
    expect((await item('ok')).status).toBe(404);
    // A pair is one character, stored and read back as sent.
    expect((await call('POST', `${NS}/items`, { key: 'smile', value: '\u{1F600}' })).status).toBe(201);
    expect((await item('smile')).body.value).toBe('\u{1F600}');
  });
}

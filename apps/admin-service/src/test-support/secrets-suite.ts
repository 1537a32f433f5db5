import { randomBytes } from 'node:crypto';
import { decryptConfigurations, parseMasterKeys, type MasterKeyRing } from '@houston/domain';
import type { Database } from '@houston/persistence';
import { operatorCalls, type AdminTestServer } from './admin-test-server';

const APP = 'payments';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

/** Every row of every table, as text: what a database dump would show. */
export async function dumpAllTables(database: Database): Promise<string> {
  const tables: Array<Record<string, string>> =
    database.dialect === 'sqlite'
      ? await database.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table'")
      : await database.dataSource.query('SHOW TABLES');
  const quote = (name: string) => (database.dialect === 'sqlite' ? `"${name}"` : `\`${name}\``);
  let dump = '';
  for (const table of tables) {
    const name = Object.values(table)[0]!;
    dump += `${name}\n${JSON.stringify(await database.dataSource.query(`SELECT * FROM ${quote(name)}`))}\n`;
  }
  return dump;
}

/** A master key ring made at test time. */
export function testKeyRing(): MasterKeyRing {
  return parseMasterKeys(`k1:${randomBytes(32).toString('base64')}`);
}

/**
 * Secret items through the admin API: stored encrypted everywhere (items, commits, releases,
 * audit rows), masked in answers, revealed only on request and audited.
 */
export function secretsSuite(open: (secretKeys: MasterKeyRing) => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const ring = testKeyRing();
  const plain = `pw-${randomBytes(12).toString('hex')}`;
  const call = operatorCalls(() => server.url, 'alice');

  beforeAll(async () => {
    server = await open(ring);
    expect((await call('POST', '/apps', { appId: APP, name: 'Payments' })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('stores a secret item encrypted and answers with it masked', async () => {
    const created = await call('POST', `${NS}/items`, { key: 'db.password', value: plain, secret: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'db.password', value: '******', secret: true });
    expect((await call('POST', `${NS}/items`, { key: 'db.url', value: 'jdbc:x' })).body).toMatchObject({
      value: 'jdbc:x',
      secret: false,
    });
    const listed = await call('GET', `${NS}/items`);
    expect(JSON.stringify(listed.body)).not.toContain(plain);
    expect(listed.body.find((item: { key: string }) => item.key === 'db.password')).toMatchObject({
      value: '******',
      secret: true,
    });
    // The namespace's text shows the mask too, never the stored envelope, alone or in a list.
    const namespace = await call('GET', NS);
    expect(namespace.body.configText).toBe('db.password = ******\ndb.url = jdbc:x');
    const namespaces = await call('GET', `/apps/${APP}/clusters/default/namespaces`);
    expect(JSON.stringify(namespaces.body)).not.toContain('hsec:');
    expect(JSON.stringify(namespaces.body)).not.toContain(plain);
  });

  it('refuses to release secrets of an app without an enabled FILTER access key', async () => {
    const refused = await call('POST', `${NS}/releases`, { releaseTitle: 'unguarded' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'ACCESS_KEY_REQUIRED', secretKeys: ['db.password'] },
    });
    const key = await call('POST', `/apps/${APP}/accesskeys`);
    expect(key.status).toBe(201);
    expect((await call('PUT', `/apps/${APP}/accesskeys/${key.body.id}/enable?mode=1`)).status).toBe(200);
    expect((await call('POST', `${NS}/releases`, {})).status).toBe(409);
    expect((await call('PUT', `/apps/${APP}/accesskeys/${key.body.id}/enable?mode=0`)).status).toBe(200);
  });

  it('keeps an updated secret secret, and masks commits, releases and diffs', async () => {
    const updated = await call('PUT', `${NS}/items/db.password`, { value: `${plain}-2` });
    expect(updated.body).toMatchObject({ value: '******', secret: true });
    const unreleased = await call('GET', `${NS}/unreleased-changes`);
    const released = await call('POST', `${NS}/releases`, { releaseTitle: 'with secret' });
    expect(released.status).toBe(201);
    expect(released.body.configurations).toEqual({ 'db.password': '******', 'db.url': 'jdbc:x' });
    const commits = await call('GET', `${NS}/commits`);
    const compare = await call(
      'GET',
      `/releases/compare?baseReleaseId=0&toCompareReleaseId=${released.body.id}`,
    );
    for (const answer of [unreleased, commits, compare]) {
      expect(JSON.stringify(answer.body)).not.toContain(plain);
      expect(JSON.stringify(answer.body)).not.toContain('hsec:');
    }
    // What config-service serves: the release decrypts with the keys.
    const [row] = await server.database.dataSource.query(
      server.database.dialect === 'sqlite'
        ? 'SELECT configurations FROM "release" ORDER BY id DESC LIMIT 1'
        : 'SELECT configurations FROM `release` ORDER BY id DESC LIMIT 1',
    );
    expect(decryptConfigurations(JSON.parse(row.configurations), ring)['db.password']).toBe(`${plain}-2`);
  });

  it('reveals a secret on explicit request only, and audits every reveal', async () => {
    expect((await call('GET', `${NS}/items/db.password`)).body.value).toBe('******');
    const revealed = await call('GET', `${NS}/items/db.password?reveal=true`);
    expect(revealed.status).toBe(200);
    expect(revealed.body).toMatchObject({ value: `${plain}-2`, secret: true });
    const audits = await server.database.dataSource.query("SELECT * FROM audit WHERE op_name = 'REVEAL'");
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).toContain('alice');
  });

  it('keeps a secret unchanged when an update sends its mask back', async () => {
    const commented = await call('PUT', `${NS}/items/db.password`, {
      value: '******',
      comment: 'rotated monthly',
    });
    expect(commented.body).toMatchObject({ value: '******', secret: true, comment: 'rotated monthly' });
    expect((await call('GET', `${NS}/items/db.password?reveal=true`)).body.value).toBe(`${plain}-2`);
  });

  it('keeps secret keys secret through text edits; the masked value means unchanged', async () => {
    const text = await call('PUT', `${NS}/items`, {
      configText: 'db.password = ******\ndb.url = jdbc:y\n',
    });
    expect(text.status).toBe(200);
    expect((await call('GET', `${NS}/items/db.password?reveal=true`)).body.value).toBe(`${plain}-2`);
    const changed = await call('PUT', `${NS}/items`, {
      configText: `db.password = ${plain}-3\ndb.url = jdbc:y\n`,
    });
    expect(changed.body).toMatchObject({ updated: 1 });
    const item = await call('GET', `${NS}/items/db.password?reveal=true`);
    expect(item.body).toMatchObject({ value: `${plain}-3`, secret: true });
  });

  it('shows the namespace text with secrets masked; sending that text back keeps them', async () => {
    const read = await call('GET', NS);
    expect(read.body.configText).toBe('db.password = ******\ndb.url = jdbc:y');
    const listed = await call('GET', `/apps/${APP}/clusters/default/namespaces`);
    for (const answer of [read, listed]) expect(JSON.stringify(answer.body)).not.toContain('hsec:');
    const back = await call('PUT', `${NS}/items`, {
      configText: `${read.body.configText}\nextra = 1`,
      revision: read.body.revision,
    });
    expect(back.body).toMatchObject({ created: 1, updated: 0, deleted: 0 });
    expect((await call('GET', `${NS}/items/db.password?reveal=true`)).body.value).toBe(`${plain}-3`);
  });

  it('refuses to leave live secrets without an enabled FILTER key, unless overridden', async () => {
    const keys = `/apps/${APP}/accesskeys`;
    const [first] = (await call('GET', keys)).body as Array<{ id: number; isEnabled: boolean }>;
    expect(first).toMatchObject({ isEnabled: true });
    const refused = await call('PUT', `${keys}/${first!.id}/disable`);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({
      reason: 'ACCESS_KEY_REQUIRED',
      secretKeys: ['db.password'],
    });
    // An OBSERVER key refuses nobody: switching the last FILTER key to it is the same.
    expect((await call('PUT', `${keys}/${first!.id}/enable?mode=1`)).status).toBe(409);
    // Another FILTER key takes over, then the first may go.
    const second = (await call('POST', keys)).body as { id: number };
    expect((await call('PUT', `${keys}/${second.id}/enable`)).status).toBe(200);
    expect((await call('PUT', `${keys}/${first!.id}/disable`)).status).toBe(200);
    const overridden = await call('PUT', `${keys}/${second.id}/disable?allowSecretsWithoutAccessKey=true`);
    expect(overridden.status).toBe(200);
    const audits = await server.database.dataSource.query(
      "SELECT comment FROM audit WHERE entity_name = 'AccessKey' AND op_name = 'UPDATE'",
    );
    expect(JSON.stringify(audits)).toContain('live secrets left without an access key');
  });

  it('refuses a rollback to a release with secrets while no FILTER key is enabled, unless overridden', async () => {
    const newer = await call('POST', `${NS}/releases`, {
      releaseTitle: 'after',
      allowSecretsWithoutAccessKey: true,
    });
    expect(newer.status).toBe(201);
    const refused = await call('PUT', `/releases/${newer.body.id}/rollback`);
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ reason: 'ACCESS_KEY_REQUIRED' });
    expect((await call('GET', `${NS}/releases/latest`)).body.id).toBe(newer.body.id);
    const rolled = await call('PUT', `/releases/${newer.body.id}/rollback?allowSecretsWithoutAccessKey=true`);
    expect(rolled.status).toBe(200);
    const histories = await call('GET', `${NS}/releases/histories`);
    expect(histories.body.content[0]).toMatchObject({ operation: 1 });
    expect(JSON.stringify(histories.body.content[0])).toContain('"secretsWithoutAccessKey":true');
  });

  it('never writes the clear value to any table', async () => {
    const dump = await dumpAllTables(server.database);
    expect(dump).toContain('db.password');
    expect(dump).not.toContain(plain);
  });

  it('refuses a clear value that looks encrypted', async () => {
    const refused = await call('POST', `${NS}/items`, { key: 'fake', value: 'hsec:v1:k1:a:b' });
    expect(refused.status).toBe(400);
  });
}

/** The explicit override: released without an access key, and recorded as such. */
export function secretsOverrideSuite(open: (secretKeys: MasterKeyRing) => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'alice');
  beforeAll(async () => {
    server = await open(testKeyRing());
    expect((await call('POST', '/apps', { appId: APP, name: 'Payments' })).status).toBe(201);
    expect((await call('POST', `${NS}/items`, { key: 'pw', value: 'x', secret: true })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('releases with allowSecretsWithoutAccessKey and records it in the history and the audit row', async () => {
    const released = await call('POST', `${NS}/releases`, {
      releaseTitle: 'override',
      allowSecretsWithoutAccessKey: true,
    });
    expect(released.status).toBe(201);
    const histories = await call('GET', `${NS}/releases/histories`);
    expect(JSON.stringify(histories.body)).toContain('"secretsWithoutAccessKey":true');
    const audits = await server.database.dataSource.query(
      "SELECT comment FROM audit WHERE op_name = 'RELEASE'",
    );
    expect(audits[0].comment).toMatch(/secrets released without an access key/);
  });

  it('applies the same rule to gray releases', async () => {
    const branch = (await call('POST', `${NS}/branches`, {})).body.branchName as string;
    const BR = `${NS}/branches/${branch}`;
    const refused = await call('POST', `${BR}/releases`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.details.reason).toBe('ACCESS_KEY_REQUIRED');
    expect((await call('POST', `${BR}/releases`, { allowSecretsWithoutAccessKey: true })).status).toBe(201);
  });
}

/** Without master keys a secret cannot be stored: a clear problem, nothing written. */
export function secretsWithoutKeysSuite(open: () => Promise<AdminTestServer>): void {
  let server: AdminTestServer;
  const call = operatorCalls(() => server.url, 'alice');
  beforeAll(async () => {
    server = await open();
    expect((await call('POST', '/apps', { appId: APP, name: 'Payments' })).status).toBe(201);
  });
  afterAll(async () => server?.close());

  it('answers 503 naming HOUSTON_SECRET_KEYS', async () => {
    const refused = await call('POST', `${NS}/items`, { key: 'pw', value: 'x', secret: true });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/HOUSTON_SECRET_KEYS/);
    expect((await call('GET', `${NS}/items`)).body).toEqual([]);
  });

  it('refuses to store a webhook signing key it cannot encrypt', async () => {
    const refused = await call('POST', `/apps/${APP}/release-webhooks`, {
      url: 'http://127.0.0.1:9/hook',
      secret: 'a-secret-of-at-least-16-chars',
    });
    expect(refused.status).toBe(503);
    expect(refused.body.message).toMatch(/HOUSTON_SECRET_KEYS/);
  });
}

/**
 * Key rotation across restarts of the admin-service on one database: encrypted under k1, k2
 * added in front, re-encrypted, k1 dropped, everything still decrypts.
 */
export function rotationSuite(open: (secretKeys: MasterKeyRing) => Promise<AdminTestServer>): void {
  const k1 = `k1:${randomBytes(32).toString('base64')}`;
  const k2 = `k2:${randomBytes(32).toString('base64')}`;
  const plain = `rotate-${randomBytes(8).toString('hex')}`;
  let server: AdminTestServer | undefined;
  const call = operatorCalls(() => server!.url, 'alice');
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('re-encrypts items, releases and commits under the new key; the old key can then go', async () => {
    server = await open(parseMasterKeys(k1));
    expect((await call('POST', '/apps', { appId: APP, name: 'Payments' })).status).toBe(201);
    expect((await call('POST', `${NS}/items`, { key: 'pw', value: plain, secret: true })).status).toBe(201);
    const key = await call('POST', `/apps/${APP}/accesskeys`);
    await call('PUT', `/apps/${APP}/accesskeys/${key.body.id}/enable`);
    expect((await call('POST', `${NS}/releases`, {})).status).toBe(201);
    const hookKey = `hook-${randomBytes(12).toString('hex')}`;
    const hook = await call('POST', `/apps/${APP}/release-webhooks`, {
      url: 'http://127.0.0.1:9/hook',
      secret: hookKey,
    });
    expect(hook.status).toBe(201);
    await server.close();

    server = await open(parseMasterKeys(`${k2},${k1}`));
    const first = await call('POST', '/secrets/reencrypt');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ keyId: 'k2', rewritten: { item: 1, release: 1, commit: 1, webhook: 1 } });
    // Resumable and idempotent: a second run finds nothing left to do.
    expect((await call('POST', '/secrets/reencrypt')).body.rewritten).toEqual({
      item: 0,
      release: 0,
      commit: 0,
      webhook: 0,
    });
    const dump = await dumpAllTables(server.database);
    expect(dump).not.toContain('hsec:v1:k1:');
    expect(dump).not.toContain(hookKey);
    expect(dump).toContain('hsec:v1:k2:');
    await server.close();

    const onlyK2 = parseMasterKeys(k2);
    server = await open(onlyK2);
    expect((await call('GET', `${NS}/items/pw?reveal=true`)).body.value).toBe(plain);
    const [row] = await server.database.dataSource.query(
      server.database.dialect === 'sqlite'
        ? 'SELECT configurations FROM "release" ORDER BY id DESC LIMIT 1'
        : 'SELECT configurations FROM `release` ORDER BY id DESC LIMIT 1',
    );
    expect(decryptConfigurations(JSON.parse(row.configurations), onlyK2)).toEqual({ pw: plain });
  });
}

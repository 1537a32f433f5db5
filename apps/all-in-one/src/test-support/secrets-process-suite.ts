import { createHmac, randomBytes } from 'node:crypto';
import { openDatabase } from '@houston/runtime';
import { createLogger, PinoNestLogger } from '@houston/server-kit';
import { startHoustonProcess, type HoustonProcess } from '@houston/testing';
import { call } from './http-client';

const APP = 'vault-app';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const CONFIGS = `/configs/${APP}/default/application`;

function signed(secret: string, path: string): Record<string, string> {
  const timestamp = Date.now();
  const signature = createHmac('sha1', secret).update(`${timestamp}\n${path}`).digest('base64');
  return { authorization: `Apollo ${APP}:${signature}`, timestamp: String(timestamp) };
}

async function dumpAllTables(databaseUrl: string, only?: string): Promise<string> {
  const logger = new PinoNestLogger(createLogger({ level: 'silent', name: 'dump' }));
  const database = await openDatabase(
    { HOUSTON_DB_URL: databaseUrl, HOUSTON_DB_POOL_SIZE: 1, HOUSTON_DB_SKIP_MIGRATIONS: true },
    logger,
  );
  try {
    const sqlite = database.dialect === 'sqlite';
    const tables: Array<Record<string, string>> = await database.dataSource.query(
      sqlite ? "SELECT name FROM sqlite_master WHERE type = 'table'" : 'SHOW TABLES',
    );
    let dump = '';
    for (const table of tables) {
      const name = Object.values(table)[0]!;
      if (only && name !== only) continue;
      const rows: unknown = await database.dataSource.query(
        `SELECT * FROM ${sqlite ? `"${name}"` : `\`${name}\``}`,
      );
      dump += `${name}\n${JSON.stringify(rows)}\n`;
    }
    return dump;
  } finally {
    await database.close();
  }
}

/**
 * The whole path as a user runs it (the built entry point as a process, its log output captured):
 * a secret is absent from every table and every log line, yet a signed client gets it in clear,
 * before and after a key rotation that drops the old key.
 */
export function secretsProcessSuite(databaseUrl: () => Promise<string>): void {
  const k1 = `k1:${randomBytes(32).toString('base64')}`;
  const k2 = `k2:${randomBytes(32).toString('base64')}`;
  const plain = `vault-${randomBytes(10).toString('hex')}`;
  let url = '';
  let houston: HoustonProcess | undefined;
  let logs = '';
  const start = async (keys: string) => {
    // Generous: a start with trace logging on a busy machine can take far longer than usual.
    houston = await startHoustonProcess(
      {
        HOUSTON_DB_URL: url,
        HOUSTON_SECRET_KEYS: keys,
        HOUSTON_LOG_LEVEL: 'trace',
        HOUSTON_SCAN_INTERVAL: '100ms',
      },
      90_000,
    );
  };
  const stop = async () => {
    logs += houston!.output();
    await houston!.stop();
    houston = undefined;
  };
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston!.adminUrl, method, path, body, { 'x-operator': 'ops' });

  beforeAll(async () => {
    url = await databaseUrl();
  });
  afterAll(async () => {
    if (houston) await houston.stop();
  });

  it('serves a secret to a signed client only, and writes it to no table and no log', async () => {
    await start(k1);
    expect((await admin('POST', '/apps', { appId: APP, name: 'Vault' })).status).toBe(201);
    expect(
      (await admin('POST', `${NS}/items`, { key: 'api.token', value: plain, secret: true })).status,
    ).toBe(201);
    expect((await admin('POST', `${NS}/releases`, {})).status).toBe(409);
    const key = await admin('POST', `/apps/${APP}/accesskeys`);
    await admin('PUT', `/apps/${APP}/accesskeys/${key.body.id}/enable`);
    expect((await admin('POST', `${NS}/releases`, {})).status).toBe(201);
    expect((await admin('GET', `${NS}/items/api.token?reveal=true`)).body.value).toBe(plain);

    expect((await call(houston!.configUrl, 'GET', CONFIGS)).status).toBe(401);
    const served = await call(
      houston!.configUrl,
      'GET',
      CONFIGS,
      undefined,
      signed(key.body.secret, CONFIGS),
    );
    expect(served.status).toBe(200);
    expect(served.body.configurations).toEqual({ 'api.token': plain });
    const exported = [
      await admin('GET', `${NS}/items`),
      await admin('GET', `${NS}/commits`),
      await admin('GET', `${NS}/releases/latest`),
      await admin('GET', '/releases/compare?baseReleaseId=0&toCompareReleaseId=1'),
    ];
    for (const answer of exported) expect(answer.text).not.toContain(plain);
    await stop();

    expect(logs).toContain('api.token'); // the log did record the traffic
    expect(logs).not.toContain(plain);
    const dump = await dumpAllTables(url);
    expect(dump).toContain('api.token');
    expect(dump).not.toContain(plain);

    // Rotation: k2 in front, re-encrypt, then k1 dropped: still served.
    await start(`${k2},${k1}`);
    const rotated = await admin('POST', '/secrets/reencrypt');
    expect(rotated.body).toEqual({ keyId: 'k2', rewritten: { item: 1, release: 1, commit: 1, webhook: 0 } });
    await stop();
    expect(await dumpAllTables(url)).not.toContain('hsec:v1:k1:');
    await start(k2);
    const after = await call(houston!.configUrl, 'GET', CONFIGS, undefined, signed(key.body.secret, CONFIGS));
    expect(after.body.configurations).toEqual({ 'api.token': plain });
    await stop();
    expect(logs).not.toContain(plain);
  }, 360_000);

  it('keeps every item of a namespace marked secret encrypted, masked and out of every table, yet serves it signed', async () => {
    const app = 'vault-ns';
    const ns = `/apps/${app}/clusters/default/namespaces/credentials`;
    const configs = `/configs/${app}/default/credentials`;
    const password = `pw-${randomBytes(10).toString('hex')}`;
    const later = `later-${randomBytes(10).toString('hex')}`;
    const sign = (secret: string) => {
      const timestamp = Date.now();
      const signature = createHmac('sha1', secret).update(`${timestamp}\n${configs}`).digest('base64');
      return { authorization: `Apollo ${app}:${signature}`, timestamp: String(timestamp) };
    };
    await start(k1);
    expect((await admin('POST', '/apps', { appId: app, name: 'Vault namespace' })).status).toBe(201);
    const defined = await admin('POST', `/apps/${app}/appnamespaces`, {
      name: 'credentials',
      isSecret: true,
    });
    expect(defined.status).toBe(201);
    expect(defined.body.isSecret).toBe(true);
    // Items that do not say secret are secret all the same; none may be made clear.
    const created = await admin('POST', `${ns}/items`, { key: 'db.password', value: password });
    expect(created.body).toMatchObject({ value: '******', secret: true });
    expect((await admin('PUT', `${ns}/items/db.password`, { value: password, secret: false })).status).toBe(
      400,
    );
    expect(
      (await admin('PUT', `${ns}/items`, { configText: `db.password = ******\nlater = ${later}\n` })).status,
    ).toBe(200);
    expect((await admin('GET', `${ns}/items/later`)).body).toMatchObject({ value: '******', secret: true });
    // Released only with an access key, as any secret.
    expect((await admin('POST', `${ns}/releases`, {})).body.details.reason).toBe('ACCESS_KEY_REQUIRED');
    const key = await admin('POST', `/apps/${app}/accesskeys`);
    await admin('PUT', `/apps/${app}/accesskeys/${key.body.id}/enable`);
    expect((await admin('POST', `${ns}/releases`, {})).status).toBe(201);
    expect((await admin('GET', `${ns}/items/db.password?reveal=true`)).body.value).toBe(password);

    const served = await call(houston!.configUrl, 'GET', configs, undefined, sign(key.body.secret));
    expect(served.body.configurations).toEqual({ 'db.password': password, later });
    const exported = [
      await admin('GET', `${ns}/items`),
      await admin('GET', ns),
      await admin('GET', `${ns}/commits`),
      await admin('GET', `${ns}/releases/latest`),
      await admin('GET', `${ns}/releases/histories`),
    ];
    for (const answer of exported) {
      expect(answer.status).toBe(200);
      expect(answer.text).not.toContain(password);
      expect(answer.text).not.toContain(later);
    }
    await stop();
    expect(logs).toContain('db.password');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(later);
    const dump = await dumpAllTables(url);
    expect(dump).toContain('db.password');
    expect(dump).not.toContain(password);
    expect(dump).not.toContain(later);
  }, 360_000);

  it('encrypts the clear items of a namespace when it is marked secret', async () => {
    const app = 'vault-later';
    const ns = `/apps/${app}/clusters/default/namespaces/application`;
    await start(k1);
    expect((await admin('POST', '/apps', { appId: app, name: 'Vault later' })).status).toBe(201);
    await admin('POST', `${ns}/items`, { key: 'token', value: 'was-clear' });
    const marked = await admin('PUT', `/apps/${app}/appnamespaces/application/secret`, { secret: true });
    expect(marked.status).toBe(200);
    expect(marked.body.isSecret).toBe(true);
    expect((await admin('GET', `${ns}/items/token`)).body).toMatchObject({ value: '******', secret: true });
    expect((await admin('GET', `${ns}/items/token?reveal=true`)).body.value).toBe('was-clear');
    const commits = await admin('GET', `${ns}/commits`);
    // One more commit, which encrypts it (the earlier commit keeps what it recorded then).
    expect(commits.body).toHaveLength(2);
    // Unmarked: new items are clear again, the secret one stays secret.
    await admin('PUT', `/apps/${app}/appnamespaces/application/secret`, { secret: false });
    expect((await admin('POST', `${ns}/items`, { key: 'plain', value: 'v' })).body.secret).toBe(false);
    expect((await admin('GET', `${ns}/items/token`)).body.secret).toBe(true);
    await stop();
  }, 360_000);

  it('encrypts the overrides other apps wrote into a public namespace when it is marked secret', async () => {
    const shared = `/apps/vault-owner/clusters/default/namespaces/shared-creds`;
    const override = `/apps/vault-user/clusters/default/namespaces/shared-creds`;
    const owned = `owned-${randomBytes(10).toString('hex')}`;
    const overridden = `overridden-${randomBytes(10).toString('hex')}`;
    await start(k1);
    for (const appId of ['vault-owner', 'vault-user'])
      expect((await admin('POST', '/apps', { appId, name: appId })).status).toBe(201);
    expect(
      (await admin('POST', '/apps/vault-owner/appnamespaces', { name: 'shared-creds', isPublic: true }))
        .status,
    ).toBe(201);
    expect(
      (await admin('POST', '/apps/vault-user/associated-namespaces', { namespaceName: 'shared-creds' }))
        .status,
    ).toBe(201);
    await admin('POST', `${shared}/items`, { key: 'db.password', value: owned });
    expect((await admin('POST', `${override}/items`, { key: 'db.password', value: overridden })).status).toBe(
      201,
    );
    expect((await admin('GET', `${override}/items/db.password`)).body.secret).toBe(false);

    const marked = await admin('PUT', '/apps/vault-owner/appnamespaces/shared-creds/secret', {
      secret: true,
    });
    expect(marked.status).toBe(200);
    for (const [ns, value] of [
      [shared, owned],
      [override, overridden],
    ] as const) {
      expect((await admin('GET', `${ns}/items/db.password`)).body).toMatchObject({
        value: '******',
        secret: true,
      });
      expect((await admin('GET', `${ns}/items/db.password?reveal=true`)).body.value).toBe(value);
    }
    await stop();
    // The items as stored now (earlier commits keep what they recorded then).
    const items = await dumpAllTables(url, 'item');
    expect(items).toContain('db.password');
    expect(items).not.toContain(owned);
    expect(items).not.toContain(overridden);
  }, 360_000);
}

import { CONFIG_SERVICE_ENV, startConfigService } from '@houston/config-service';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer, type Runtime } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';
import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { createConnection } from 'mysql2/promise';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { call, notificationsQuery, sleep } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * The design's notification path on the real database: two config-service instances, each
 * scanning the ReleaseMessage table of one MariaDB, and an admin-service publishing into it.
 */
const APP = 'int-demo';
const NS = `/apps/${APP}/clusters/default/namespaces`;
const SETTINGS = {
  HOUSTON_CONFIG_PORT: '0',
  HOUSTON_ADMIN_PORT: '0',
  ...TEST_ALL_IN_ONE,
  HOUSTON_SCAN_INTERVAL: '200ms',
  HOUSTON_LONG_POLL_TIMEOUT: '30s',
  HOUSTON_HEARTBEAT_INTERVAL: '1s',
  HOUSTON_LOG_LEVEL: 'error',
  HOUSTON_DB_POOL_SIZE: '4',
};

describeWithMysql('release path on MariaDB with two config-service instances', () => {
  let scratch: ScratchDatabase;
  let houston: RunningHouston;
  let secondRuntime: Runtime;
  let second: RunningServer;
  let configUrls: string[];
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'int' });

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_release');
    houston = await startAllInOne({ ...SETTINGS, HOUSTON_DB_URL: scratch.url });
    const schema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV };
    const env = loadEnv(schema, { ...SETTINGS, HOUSTON_DB_URL: scratch.url });
    secondRuntime = await openRuntime(env, 'config-service-2');
    second = await startConfigService(secondRuntime, env);
    configUrls = [houston.configUrl, second.url];
  }, 60_000);

  afterAll(async () => {
    await second?.close();
    await secondRuntime?.close().catch(() => undefined);
    await houston?.close();
    await scratch?.drop();
  });

  let notificationId = -1;

  it('publishes a first release that both instances serve', async () => {
    expect((await admin('POST', '/apps', { appId: APP, name: 'Int' })).status).toBe(201);
    expect((await admin('POST', `${NS}/application/items`, { key: 'pool.size', value: '8' })).status).toBe(
      201,
    );
    expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'first' })).status).toBe(201);
    for (const url of configUrls) {
      const config = await call(url, 'GET', `/configs/${APP}/default/application`);
      expect(config.status).toBe(200);
      expect(config.body.configurations).toEqual({ 'pool.size': '8' });
    }
    const poll = await call(houston.configUrl, 'GET', notificationsQuery(APP, -1));
    notificationId = poll.body[0].notificationId;
    // Both instances have scanned it: a poll naming it is held on either, not woken by it again.
    while (
      (await call(second.url, 'GET', notificationsQuery(APP, -1))).body?.[0]?.notificationId !==
      notificationId
    ) {
      await sleep(50);
    }
  });

  it('wakes long polls held on both instances when the admin-service publishes', async () => {
    const held = configUrls.map((url) => call(url, 'GET', notificationsQuery(APP, notificationId)));
    await sleep(500);
    expect((await admin('PUT', `${NS}/application/items/pool.size`, { value: '16' })).status).toBe(200);
    expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'second' })).status).toBe(201);
    const woken = await Promise.all(held);
    for (const answer of woken) {
      expect(answer.status).toBe(200);
      expect(answer.body[0].notificationId).toBeGreaterThan(notificationId);
    }
    for (const url of configUrls) {
      expect((await call(url, 'GET', `/configs/${APP}/default/application`)).body.configurations).toEqual({
        'pool.size': '16',
      });
    }
    notificationId = woken[0]!.body[0].notificationId;
  });

  it('lists both config-service instances through the meta-server API', async () => {
    const services = await call(houston.configUrl, 'GET', '/services/config');
    const urls = services.body.map((service: { homepageUrl: string }) => service.homepageUrl);
    expect(urls).toEqual(expect.arrayContaining([`${houston.configUrl}/`, `${second.url}/`]));
  });

  it('does not lose a message whose id committed after a later one (out-of-order commit)', async () => {
    expect(
      (await admin('POST', '/apps/int-demo/appnamespaces', { name: 'slow', format: 'properties' })).status,
    ).toBe(201);
    const slowKey = `${APP}+default+slow`;
    // No message for it yet, so this poll is held.
    const held = call(second.url, 'GET', notificationsQuery(APP, -1, 'slow'));

    // A long transaction takes an id and keeps it uncommitted while a later release commits.
    const connection = await createConnection(scratch.url);
    try {
      await connection.query('BEGIN');
      await connection.query('INSERT INTO release_message (message) VALUES (?)', [slowKey]);
      expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'third' })).status).toBe(201);
      await sleep(1000); // several scans see the later id and skip over the gap
      await connection.query('COMMIT');
    } finally {
      await connection.end();
    }
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].namespaceName).toBe('slow');
    expect(woken.body[0].messages.details[slowKey]).toBe(woken.body[0].notificationId);
  }, 40_000);

  it('keeps answering from memory, and holding long polls, while the database is unreachable', async () => {
    const current = (await call(second.url, 'GET', notificationsQuery(APP, -1))).body[0].notificationId;
    // Take the second instance's database away: what it knows is still served.
    await secondRuntime.database.dataSource.destroy();
    const config = await call(second.url, 'GET', `/configs/${APP}/default/application`);
    expect(config.status).toBe(200);
    expect(config.body.configurations).toEqual({ 'pool.size': '16' });
    expect((await call(second.url, 'GET', notificationsQuery(APP, -1))).status).toBe(200);

    let answered = false;
    const held = call(second.url, 'GET', notificationsQuery(APP, current)).finally(() => (answered = true));
    await sleep(1500);
    expect(answered).toBe(false);
    await second.close(); // shutdown answers it with 304, as it would any held poll
    expect((await held).status).toBe(304);
  });

  it('delivers a release whose transaction was open when a config-service started', async () => {
    const key = `${APP}+default+application`;
    const connection = await createConnection(scratch.url);
    let late: { runtime: Runtime; server: RunningServer } | undefined;
    try {
      // A release transaction takes its message id and stays open...
      await connection.query('BEGIN');
      await connection.query(
        `INSERT INTO \`release\` (release_key, app_id, cluster_name, namespace_name, configurations)
         VALUES (?, ?, 'default', 'application', ?)`,
        [`late-${Date.now()}`, APP, JSON.stringify({ 'pool.size': '64' })],
      );
      await connection.query('INSERT INTO release_message (message) VALUES (?)', [key]);
      // ...while a later one commits, and a config-service starts after both ids were handed out.
      expect((await admin('POST', `${NS}/slow/releases`, { releaseTitle: 'later' })).status).toBe(201);
      const schema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV };
      const env = loadEnv(schema, { ...SETTINGS, HOUSTON_DB_URL: scratch.url });
      const runtime = await openRuntime(env, 'config-service-late');
      late = { runtime, server: await startConfigService(runtime, env) };
      const url = late.server.url;

      // It serves (and caches) the release committed so far, and holds a poll on it.
      const before = await call(url, 'GET', `/configs/${APP}/default/application`);
      expect(before.body.configurations).toEqual({ 'pool.size': '16' });
      const current = (await call(url, 'GET', notificationsQuery(APP, -1))).body[0].notificationId;
      const held = call(url, 'GET', notificationsQuery(APP, current));
      await sleep(600); // several scans pass the open id

      await connection.query('COMMIT');
      const woken = await held;
      expect(woken.status).toBe(200);
      expect(woken.body[0].notificationId).toBeGreaterThan(current);
      expect((await call(url, 'GET', `/configs/${APP}/default/application`)).body.configurations).toEqual({
        'pool.size': '64',
      });
    } finally {
      await connection.end();
      await late?.server.close();
      await late?.runtime.close().catch(() => undefined);
    }
  }, 40_000);

  it('never serves a superseded release indefinitely: missed messages and releases are reconciled', async () => {
    const key = `${APP}+default+slow`;
    const fast = { HOUSTON_SCAN_GAP_RECHECK: '1s', HOUSTON_SCAN_RECONCILE_INTERVAL: '2s' };
    const schema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV };
    const env = loadEnv(schema, { ...SETTINGS, ...fast, HOUSTON_DB_URL: scratch.url });
    const runtime = await openRuntime(env, 'config-service-reconcile');
    const server = await startConfigService(runtime, env);
    const connection = await createConnection(scratch.url);
    try {
      const read = async () => (await call(server.url, 'GET', `/configs/${APP}/default/slow`)).body;
      const before = await read();
      const current = (await call(server.url, 'GET', notificationsQuery(APP, -1, 'slow'))).body[0]
        .notificationId;
      const held = call(server.url, 'GET', notificationsQuery(APP, current, 'slow'));

      // A release transaction stays open longer than the gap recheck window...
      await connection.query('BEGIN');
      await connection.query(
        `INSERT INTO \`release\` (release_key, app_id, cluster_name, namespace_name, configurations)
         VALUES (?, ?, 'default', 'slow', ?)`,
        [`very-late-${Date.now()}`, APP, JSON.stringify({ mode: 'late' })],
      );
      await connection.query('INSERT INTO release_message (message) VALUES (?)', [key]);
      expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'meanwhile' })).status).toBe(
        201,
      );
      await sleep(1800); // the skipped id is given up on
      await connection.query('COMMIT');
      // ...and is still delivered, by the reconcile: the poll wakes and the release is served.
      const woken = await held;
      expect(woken.status).toBe(200);
      expect((await read()).configurations).toEqual({ mode: 'late' });

      // A release superseded with no message at all (here abandoned by hand) is reloaded too.
      await connection.query("UPDATE `release` SET is_abandoned = 1 WHERE release_key LIKE 'very-late-%'");
      const deadline = Date.now() + 10_000;
      while ((await read()).releaseKey !== before.releaseKey && Date.now() < deadline) await sleep(200);
      expect((await read()).configurations).toEqual(before.configurations);
    } finally {
      await connection.end();
      await server.close();
      await runtime.close().catch(() => undefined);
    }
  }, 40_000);
});

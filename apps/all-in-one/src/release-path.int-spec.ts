import { CONFIG_SERVICE_ENV, startConfigService } from '@houston/config-service';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer, type Runtime } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';
import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { createConnection, type Connection, type ResultSetHeader } from 'mysql2/promise';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { heldPollsOn, scannerOf } from './test-support/held-polls';
import { call, notificationsQuery, sleep, waitFor } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * The design's notification path on the real database: two config-service instances, each
 * scanning the ReleaseMessage table of one MariaDB, and an admin-service publishing into it.
 * Every scenario works on its own app, and one that takes an instance down starts its own.
 */
const nsOf = (appId: string) => `/apps/${appId}/clusters/default/namespaces`;
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

/** Writes a release message inside `connection`'s open transaction; its id, invisible to others until COMMIT. */
async function openMessage(connection: Connection, key: string): Promise<number> {
  const [inserted] = await connection.query<ResultSetHeader>(
    'INSERT INTO release_message (message) VALUES (?)',
    [key],
  );
  return inserted.insertId;
}

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

  const schema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV };
  /** A config-service of the scenario's own, on the shared database. */
  const startOwnInstance = async (name: string, extra: Record<string, string> = {}) => {
    const env = loadEnv(schema, { ...SETTINGS, ...extra, HOUSTON_DB_URL: scratch.url });
    const runtime = await openRuntime(env, name);
    return { runtime, server: await startConfigService(runtime, env) };
  };
  /** Creates an app whose `application` holds `pool.size`, extra namespaces, and a first release of each. */
  const newApp = async (
    appId: string,
    poolSize: string,
    namespaces: Record<string, Record<string, string>> = {},
  ) => {
    const NS = nsOf(appId);
    expect((await admin('POST', '/apps', { appId, name: appId })).status).toBe(201);
    expect(
      (await admin('POST', `${NS}/application/items`, { key: 'pool.size', value: poolSize })).status,
    ).toBe(201);
    expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'first' })).status).toBe(201);
    for (const [name, items] of Object.entries(namespaces)) {
      expect(
        (await admin('POST', `/apps/${appId}/appnamespaces`, { name, format: 'properties' })).status,
      ).toBe(201);
      for (const [key, value] of Object.entries(items)) {
        expect((await admin('POST', `${NS}/${name}/items`, { key, value })).status).toBe(201);
      }
      expect((await admin('POST', `${NS}/${name}/releases`, { releaseTitle: 'first' })).status).toBe(201);
    }
  };
  /** Waits until both shared instances have scanned the app's latest message; its id. */
  const scannedByBoth = async (appId: string): Promise<number> => {
    const notificationId = (await call(houston.configUrl, 'GET', notificationsQuery(appId, -1))).body[0]
      .notificationId;
    // A poll naming it is then held on either instance, not woken by it again.
    while (
      (await call(second.url, 'GET', notificationsQuery(appId, -1))).body?.[0]?.notificationId !==
      notificationId
    ) {
      await sleep(50);
    }
    return notificationId;
  };

  it('publishes a first release that both instances serve', async () => {
    const APP = 'int-first';
    await newApp(APP, '8');
    for (const url of configUrls) {
      const config = await call(url, 'GET', `/configs/${APP}/default/application`);
      expect(config.status).toBe(200);
      expect(config.body.configurations).toEqual({ 'pool.size': '8' });
    }
    await scannedByBoth(APP);
  });

  it('wakes long polls held on both instances when the admin-service publishes', async () => {
    const APP = 'int-wake';
    const NS = nsOf(APP);
    await newApp(APP, '8');
    const notificationId = await scannedByBoth(APP);
    const held = configUrls.map((url) => call(url, 'GET', notificationsQuery(APP, notificationId)));
    // Held before the release, so it is the release that answers them.
    await waitFor(
      'a long poll held on each instance',
      () => heldPollsOn(houston.servers[0]!) === 1 && heldPollsOn(second) === 1,
    );
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
  });

  it('lists both config-service instances through the meta-server API', async () => {
    const services = await call(houston.configUrl, 'GET', '/services/config');
    const urls = services.body.map((service: { homepageUrl: string }) => service.homepageUrl);
    expect(urls).toEqual(expect.arrayContaining([`${houston.configUrl}/`, `${second.url}/`]));
  });

  it('does not lose a message whose id committed after a later one (out-of-order commit)', async () => {
    const APP = 'int-out-of-order';
    const NS = nsOf(APP);
    await newApp(APP, '8');
    expect(
      (await admin('POST', `/apps/${APP}/appnamespaces`, { name: 'slow', format: 'properties' })).status,
    ).toBe(201);
    const slowKey = `${APP}+default+slow`;
    // No message for it yet, so this poll is held.
    const held = call(second.url, 'GET', notificationsQuery(APP, -1, 'slow'));

    // A long transaction takes an id and keeps it uncommitted while a later release commits.
    const connection = await createConnection(scratch.url);
    try {
      await connection.query('BEGIN');
      const openId = await openMessage(connection, slowKey);
      expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'second' })).status).toBe(
        201,
      );
      // The second instance scans past the later id and skips the open one: a gap it looks for again.
      await waitFor('the open id to become a gap', () => scannerOf(second).openGaps.includes(openId));
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
    const APP = 'int-offline';
    await newApp(APP, '16');
    const own = await startOwnInstance('config-service-offline');
    const { server } = own;
    try {
      const current = (await call(server.url, 'GET', notificationsQuery(APP, -1))).body[0].notificationId;
      // It has read the release once...
      const known = await call(server.url, 'GET', `/configs/${APP}/default/application`);
      expect(known.body.configurations).toEqual({ 'pool.size': '16' });
      // ...then its database is taken away: what it knows is still served.
      await own.runtime.database.dataSource.destroy();
      const config = await call(server.url, 'GET', `/configs/${APP}/default/application`);
      expect(config.status).toBe(200);
      expect(config.body.configurations).toEqual({ 'pool.size': '16' });
      expect((await call(server.url, 'GET', notificationsQuery(APP, -1))).status).toBe(200);

      let answered = false;
      const failedBefore = scannerOf(server).failedScans;
      const held = call(server.url, 'GET', notificationsQuery(APP, current)).finally(() => (answered = true));
      await waitFor('the long poll to be held', () => heldPollsOn(server) === 1);
      // Scans fail on the unreachable database while it is held; it stays held through them.
      await waitFor('two more scans to fail', () => scannerOf(server).failedScans >= failedBefore + 2);
      expect(answered).toBe(false);
      expect(heldPollsOn(server)).toBe(1);
      await server.close(); // shutdown answers it with 304, as it would any held poll
      expect((await held).status).toBe(304);
    } finally {
      await server.close().catch(() => undefined);
      await own.runtime.close().catch(() => undefined);
    }
  });

  it('delivers a release whose transaction was open when a config-service started', async () => {
    const APP = 'int-late';
    const NS = nsOf(APP);
    await newApp(APP, '16', { slow: {} });
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
      const openId = await openMessage(connection, key);
      // ...while a later one commits, and a config-service starts after both ids were handed out.
      expect((await admin('POST', `${NS}/slow/releases`, { releaseTitle: 'later' })).status).toBe(201);
      late = await startOwnInstance('config-service-late');
      const url = late.server.url;
      // It serves (and caches) the release committed so far, and holds a poll on it.
      const before = await call(url, 'GET', `/configs/${APP}/default/application`);
      expect(before.body.configurations).toEqual({ 'pool.size': '16' });
      const current = (await call(url, 'GET', notificationsQuery(APP, -1))).body[0].notificationId;
      const held = call(url, 'GET', notificationsQuery(APP, current));
      // Held, and a scan finished since with the open id still a gap: the commit must be found by it.
      const heldAt = Date.now();
      const scanner = scannerOf(late.server);
      await waitFor(
        'the poll held and a scan past the open id',
        () =>
          heldPollsOn(late!.server) === 1 &&
          (scanner.lastCompletedScanAt ?? 0) > heldAt &&
          scanner.openGaps.includes(openId),
      );

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
    const APP = 'int-reconcile';
    const NS = nsOf(APP);
    await newApp(APP, '8', { slow: { mode: 'early' } });
    const key = `${APP}+default+slow`;
    const fast = { HOUSTON_SCAN_GAP_RECHECK: '1s', HOUSTON_SCAN_RECONCILE_INTERVAL: '2s' };
    const { runtime, server } = await startOwnInstance('config-service-reconcile', fast);
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
      const openId = await openMessage(connection, key);
      expect((await admin('POST', `${NS}/application/releases`, { releaseTitle: 'meanwhile' })).status).toBe(
        201,
      );
      const scanner = scannerOf(server);
      await waitFor(
        'the skipped id to be given up on',
        () => scanner.lastScannedId > openId && !scanner.openGaps.includes(openId),
      );
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

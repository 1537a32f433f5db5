import { CONFIG_SERVICE_ENV, startConfigService } from '@houston/config-service';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer, type Runtime } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';
import {
  createScratchMysqlDatabase,
  describeWithMysql,
  TEST_REDIS_URL,
  type ScratchDatabase,
} from '@houston/testing';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { heldPollsOn, scannerOf } from './test-support/held-polls';
import { call, notificationsQuery, waitFor } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

const describeWithBoth =
  process.env['HOUSTON_TEST_REDIS_AVAILABLE'] === '1' ? describeWithMysql : describe.skip;

/**
 * The Redis fast path: a config-service in another process that scans only once a minute still
 * wakes its long polls right after a release, because the admin-service announces it on Redis.
 */
describeWithBoth('release announcements over Redis', () => {
  let scratch: ScratchDatabase;
  let houston: RunningHouston;
  let runtime: Runtime;
  let slowScanner: RunningServer;
  const settings = () => ({
    HOUSTON_DB_URL: scratch.url,
    HOUSTON_REDIS_URL: TEST_REDIS_URL,
    HOUSTON_CONFIG_PORT: '0',
    HOUSTON_ADMIN_PORT: '0',
    ...TEST_ALL_IN_ONE,
    HOUSTON_LOG_LEVEL: 'error',
    HOUSTON_DB_POOL_SIZE: '4',
  });

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_redis');
    houston = await startAllInOne(settings());
    const schema = { ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV };
    const env = loadEnv(schema, {
      ...settings(),
      HOUSTON_SCAN_INTERVAL: '60s',
      HOUSTON_LONG_POLL_TIMEOUT: '50s',
    });
    runtime = await openRuntime(env, 'slow-scanner');
    slowScanner = await startConfigService(runtime, env);
  }, 60_000);
  afterAll(async () => {
    await slowScanner?.close();
    await runtime?.close();
    await houston?.close();
    await scratch?.drop();
  });

  it('wakes a long poll on an instance whose next scan is a minute away', async () => {
    const admin = (method: string, path: string, body?: unknown) =>
      call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
    const NS = '/apps/fast/clusters/default/namespaces/application';
    await admin('POST', '/apps', { appId: 'fast', name: 'Fast' });
    await admin('POST', `${NS}/items`, { key: 'k', value: '1' });
    await admin('POST', `${NS}/releases`, {});
    // The first release reaches the slow scanner by its Redis hint too (a poll would be held before).
    const connection = await createConnection(scratch.url);
    const [rows] = await connection.query<RowDataPacket[]>('SELECT MAX(id) AS newest FROM release_message');
    await connection.end();
    await waitFor(
      'the first release to reach the slow scanner',
      () => scannerOf(slowScanner).lastScannedId >= Number(rows[0]!['newest']),
    );
    const current = (await call(slowScanner.url, 'GET', notificationsQuery('fast', -1))).body[0]
      .notificationId;
    const held = call(slowScanner.url, 'GET', notificationsQuery('fast', current));
    // Held before the release, so it is the release's announcement that answers it.
    await waitFor('the long poll to be held', () => heldPollsOn(slowScanner) === 1);
    await admin('PUT', `${NS}/items/k`, { value: '2' });
    const releasedAt = Date.now();
    await admin('POST', `${NS}/releases`, {});
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(Date.now() - releasedAt).toBeLessThan(5_000);
    expect(
      (await call(slowScanner.url, 'GET', '/configs/fast/default/application')).body.configurations,
    ).toEqual({ k: '2' });
  }, 30_000);
});

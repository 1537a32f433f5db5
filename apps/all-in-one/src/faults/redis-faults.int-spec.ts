import {
  createScratchMysqlDatabase,
  describeWithMysql,
  FaultProxy,
  TEST_REDIS_URL,
  type ScratchDatabase,
  type ServerProcess,
} from '@houston/testing';
import { notificationsQuery } from '../test-support/http-client';
import { boundedCall, currentNotificationId, startServers, unhandledRedisErrors } from './fault-harness';

const describeWithBoth =
  process.env['HOUSTON_TEST_REDIS_AVAILABLE'] === '1' ? describeWithMysql : describe.skip;

const APP = 'redis-faults';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
/** A publish must answer well inside this whatever Redis does (it used to hang, or take 5.5 s). */
const PUBLISH_BOUND_MS = 2_500;

/**
 * Redis is only a hint that a release was committed: an admin-service and a config-service in
 * their own processes, talking to Redis through a proxy that freezes or refuses, still publish at
 * once and deliver the release to a held long poll through the database scan.
 */
describeWithBoth('Redis frozen or down', () => {
  let scratch: ScratchDatabase;
  let redis: FaultProxy;
  let admin: ServerProcess;
  let config: ServerProcess;
  let stopServers: () => Promise<void>;
  let revision = 0;

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_redis_faults');
    const target = new URL(TEST_REDIS_URL);
    redis = await FaultProxy.start({ host: target.hostname, port: Number(target.port || 6379) });
    const started = await startServers(['admin-service', 'config-service'], {
      HOUSTON_DB_URL: scratch.url,
      HOUSTON_REDIS_URL: redis.rewrite(TEST_REDIS_URL),
      HOUSTON_DB_POOL_SIZE: '4',
      HOUSTON_SCAN_INTERVAL: '500ms',
    });
    admin = started.servers['admin-service']!;
    config = started.servers['config-service']!;
    stopServers = started.stop;
    const created = await boundedCall(admin.url, 'POST', '/apps', { body: { appId: APP, name: 'Faults' } });
    expect(created.status).toBe(201);
    await publishNewValue();
  }, 60_000);

  afterAll(async () => {
    await stopServers?.();
    await redis?.close();
    await scratch?.drop();
  });

  async function publishNewValue() {
    revision += 1;
    const path = `${NS}/items/k`;
    const existing = await boundedCall(admin.url, 'GET', path);
    const edit =
      existing.status === 200
        ? await boundedCall(admin.url, 'PUT', path, { body: { value: String(revision) } })
        : await boundedCall(admin.url, 'POST', `${NS}/items`, {
            body: { key: 'k', value: String(revision) },
          });
    expect([200, 201]).toContain(edit.status);
    return boundedCall(admin.url, 'POST', `${NS}/releases`, { body: {}, boundMs: 15_000 });
  }

  /** Publishes while a long poll is held, and checks both answer promptly. */
  async function publishWhileHeld() {
    // Hold the poll at what the config-service already serves, or it would answer at once.
    await servedWithin(String(revision), 10_000);
    const current = await currentNotificationId(config.url, APP);
    const held = boundedCall(config.url, 'GET', notificationsQuery(APP, current), { boundMs: 20_000 });
    const published = await publishNewValue();
    expect(published.status).toBe(201);
    expect(published.elapsedMs).toBeLessThan(PUBLISH_BOUND_MS);
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].notificationId).toBeGreaterThan(current);
    const configs = await boundedCall(config.url, 'GET', `/configs/${APP}/default/application`);
    expect(configs.body.configurations).toEqual({ k: String(revision) });
  }

  async function servedWithin(value: string, boundMs: number) {
    const deadline = Date.now() + boundMs;
    for (;;) {
      const configs = await boundedCall(config.url, 'GET', `/configs/${APP}/default/application`);
      if (configs.status === 200 && configs.body.configurations.k === value) return;
      if (Date.now() > deadline)
        throw new Error(`config-service still serves ${JSON.stringify(configs.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('publishes at once and the scan delivers the release while Redis is frozen', async () => {
    redis.freeze();
    try {
      await publishWhileHeld();
      // A retry of the same request is not needed: the first one answered.
      await publishWhileHeld();
    } finally {
      await redis.pass();
    }
  }, 60_000);

  it('publishes at once and the scan delivers the release while Redis refuses connections', async () => {
    await redis.refuse();
    try {
      await publishWhileHeld();
      // The longer Redis stays down, the longer a publish used to wait for reconnects (the
      // backoff grows with every attempt): by the eighth publish of an outage, several seconds.
      for (let publish = 0; publish < 6; publish++) {
        const published = await publishNewValue();
        expect(published.status).toBe(201);
        expect(published.elapsedMs).toBeLessThan(PUBLISH_BOUND_MS);
      }
      await publishWhileHeld();
    } finally {
      await redis.pass();
    }
  }, 60_000);

  it('reports Redis errors through the structured log only, at a bounded rate', () => {
    for (const server of [admin, config]) {
      expect(unhandledRedisErrors(server.output())).toBe(0);
      const warnings = server
        .output()
        .split('\n')
        .filter((line) => line.includes('"context":"Redis"'));
      // Each outage above lasts a few seconds: one line when it starts, then at most one per interval.
      expect(warnings.length).toBeLessThanOrEqual(10);
    }
  });
});

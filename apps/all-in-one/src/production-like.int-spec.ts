import { FakeConsulServer } from '@houston/discovery/testing';
import {
  createScratchMysqlDatabase,
  describeWithMysql,
  startServerProcess,
  TEST_REDIS_URL,
  type HoustonServerName,
  type ScratchDatabase,
  type ServerProcess,
} from '@houston/testing';
import { call, notificationsQuery, sleep } from './test-support/http-client';
import { scrape, valueOf, type Scrape } from './test-support/scrape';

const describeWithBoth =
  process.env['HOUSTON_TEST_REDIS_AVAILABLE'] === '1' ? describeWithMysql : describe.skip;

const APP = 'production-like';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const CONSUL_TOKEN = 'production-like-consul-token';
const POOL_SIZE = 4;
/** Each process gets this long to start: five start on two shared cores. */
const STARTUP_MS = 60_000;

/** Polls `probe` until it returns a value (not undefined) or `timeoutMs` passes. */
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Houston as deployed, in one test: two config-services, two admin-services and a meta-server,
 * each its own process, on one MariaDB database and one Redis, finding each other through Consul
 * (the recorded-contract agent: no Consul server runs here). One release is published through
 * one admin-service, a long poll held on each config-service is woken, and every server's
 * `/metrics` is scraped and checked for the figures of that one release.
 */
describeWithBoth('production-like: 2 config-services, 2 admin-services, a meta-server', () => {
  let scratch: ScratchDatabase;
  let consul: FakeConsulServer;
  const servers: Array<{ name: HoustonServerName; process: ServerProcess }> = [];
  let configUrls: string[];
  let adminUrls: string[];
  let metaUrl: string;

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_production_like');
    consul = await FakeConsulServer.start({ token: CONSUL_TOKEN });
    const env = {
      HOUSTON_DB_URL: scratch.url,
      HOUSTON_DB_POOL_SIZE: String(POOL_SIZE),
      HOUSTON_REDIS_URL: TEST_REDIS_URL,
      HOUSTON_DISCOVERY: 'consul',
      HOUSTON_CONSUL_URL: consul.url,
      HOUSTON_CONSUL_TOKEN: CONSUL_TOKEN,
      HOUSTON_LOG_LEVEL: 'warn',
    };
    const start = async (name: HoustonServerName) => {
      const process = await startServerProcess(name, { ...env, HOUSTON_LOG_LEVEL: 'info' }, STARTUP_MS);
      servers.push({ name, process });
      return process;
    };
    // One after another on two shared cores (the first migrates the schema); whatever fails,
    // every process started is stopped in afterAll.
    await start('admin-service');
    await start('admin-service');
    await start('config-service');
    await start('config-service');
    metaUrl = (await start('meta-server')).url;
    configUrls = urlsOf('config-service');
    adminUrls = urlsOf('admin-service');
  }, 400_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.process.stop()));
    await consul?.close();
    await scratch?.drop();
  });

  const of = (name: HoustonServerName) => servers.filter((server) => server.name === name);
  const urlsOf = (name: HoustonServerName) =>
    of(name)
      .map((server) => server.process.url)
      .sort();
  const scrapeAll = async () =>
    new Map(
      await Promise.all(servers.map(async (s) => [s.process.url, await scrape(s.process.url)] as const)),
    );

  it('the meta-server lists both config-services and both admin-services, found through Consul', async () => {
    expect(
      consul
        .registered()
        .map((service) => service.Service)
        .sort(),
    ).toEqual([
      'houston-adminservice',
      'houston-adminservice',
      'houston-configservice',
      'houston-configservice',
      'houston-metaserver',
    ]);
    const listed = async (path: string) =>
      ((await call(metaUrl, 'GET', path)).body as Array<{ homepageUrl: string }>)
        .map((instance) => instance.homepageUrl.replace(/\/$/, ''))
        .sort();
    expect(await listed('/services/config')).toEqual(configUrls);
    expect(await listed('/services/admin')).toEqual(adminUrls);
    expect(consul.violations).toEqual([]);
    // The meta-server looked the instances up in Consul, found both of each, and its /metrics says so.
    const meta = await scrape(metaUrl);
    expect(valueOf(meta, 'houston_discovery_instances', { service: 'houston-configservice' })).toBe(2);
    expect(valueOf(meta, 'houston_discovery_instances', { service: 'houston-adminservice' })).toBe(2);
    expect(valueOf(meta, 'houston_discovery_lookup_seconds_count', { result: 'ok' })).toBeGreaterThan(0);
  });

  it('publishes a release through one admin-service, wakes a poll held on each config-service, and every /metrics tells so', async () => {
    const [publishVia, otherAdmin] = adminUrls as [string, string];
    const admin = (method: string, path: string, body?: unknown) =>
      call(publishVia, method, path, body, { 'x-operator': 'ops' });
    expect((await admin('POST', '/apps', { appId: APP, name: 'Production-like' })).status).toBe(201);
    expect((await admin('POST', `${NS}/items`, { key: 'timeout', value: '100' })).status).toBe(201);
    expect((await admin('POST', `${NS}/releases`, { releaseTitle: 'first' })).status).toBe(201);
    // Both config-services have the first release's message before the polls are held.
    const firstId = await until('the first release on both config-services', async () => {
      const ids = await Promise.all(
        configUrls.map(
          async (url) => (await call(url, 'GET', notificationsQuery(APP, -1))).body?.[0]?.notificationId,
        ),
      );
      return ids[0] !== undefined && ids.every((id) => id === ids[0]) ? (ids[0] as number) : undefined;
    });

    const before = await scrapeAll();
    for (const url of configUrls) expect(valueOf(before.get(url)!, 'houston_long_polls_held')).toBe(0);
    const polls = configUrls.map((url) => call(url, 'GET', notificationsQuery(APP, firstId)));
    // Held, as each config-service's own gauge says, before anything is published.
    for (const url of configUrls) {
      await until(`a held poll on ${url}`, async () =>
        valueOf(await scrape(url), 'houston_long_polls_held') === 1 ? true : undefined,
      );
    }

    expect((await admin('PUT', `${NS}/items/timeout`, { value: '200' })).status).toBe(200);
    const published = Date.now();
    expect((await admin('POST', `${NS}/releases`, { releaseTitle: 'second' })).status).toBe(201);
    const answers = await Promise.all(polls);
    const wokenWithin = Date.now() - published;
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body[0].notificationId).toBeGreaterThan(firstId);
    }

    const after = await scrapeAll();
    const delta = (url: string, name: string, labels: Record<string, string> = {}) =>
      valueOf(after.get(url)!, name, labels) - valueOf(before.get(url)!, name, labels);

    // admin-services: the one publish, on the one that took it.
    const publishes = { operation: 'publish', result: 'ok' };
    expect(delta(publishVia, 'houston_release_publish_seconds_count', publishes)).toBe(1);
    expect(delta(otherAdmin, 'houston_release_publish_seconds_count', publishes)).toBe(0);
    expect(delta(publishVia, 'houston_release_messages_written_total')).toBe(1);
    const publishSeconds = delta(publishVia, 'houston_release_publish_seconds_sum', publishes);
    expect(publishSeconds).toBeGreaterThan(0);
    expect(publishSeconds).toBeLessThan(5);
    const releaseRoute = {
      method: 'POST',
      route: '/apps/:appId/clusters/:cluster/namespaces/:namespace/releases',
      status: '201',
    };
    expect(valueOf(after.get(publishVia)!, 'houston_http_request_duration_seconds_count', releaseRoute)).toBe(
      2,
    );

    // config-services: each woke its one poll for that release and holds none now.
    for (const url of configUrls) {
      const page = after.get(url)!;
      expect({ url, woken: delta(url, 'houston_long_poll_wakeups_total') }).toEqual({ url, woken: 1 });
      expect(valueOf(page, 'houston_long_polls_held')).toBe(0);
      expect(delta(url, 'houston_release_wake_latency_seconds_count')).toBe(1);
      expect(delta(url, 'houston_release_messages_delivered_total')).toBeGreaterThanOrEqual(1);
      // From the message's write to the wake-up: positive, and within what the test itself saw.
      const wakeSeconds = delta(url, 'houston_release_wake_latency_seconds_sum');
      expect(wakeSeconds).toBeGreaterThanOrEqual(0);
      expect(wakeSeconds).toBeLessThanOrEqual(wokenWithin / 1000 + 1);
      // The scan is alive (about its 1 s interval), nothing is stuck in a gap, the newest id seen.
      expect(valueOf(page, 'houston_release_message_scan_lag_seconds')).toBeLessThan(5);
      expect(valueOf(page, 'houston_release_message_scan_failures_total')).toBe(0);
      expect(valueOf(page, 'houston_release_message_gaps')).toBe(0);
      expect(valueOf(page, 'houston_release_message_last_id')).toBe(answers[0]!.body[0].notificationId);
      expect(
        valueOf(page, 'houston_http_request_duration_seconds_count', {
          route: '/notifications/v2',
          status: '200',
        }),
      ).toBeGreaterThanOrEqual(1);
    }

    // Every server: its database pool and no failed statement; statements timed where the
    // release went through (the meta-server reads Consul, not the database).
    for (const { process } of servers) {
      const page = after.get(process.url)!;
      expect(valueOf(page, 'houston_db_pool_connections', { state: 'max' })).toBe(POOL_SIZE);
      expect(valueOf(page, 'houston_db_query_errors_total')).toBe(0);
    }
    for (const url of [publishVia, ...configUrls]) {
      expect(delta(url, 'houston_db_query_seconds_count', { statement: 'select' })).toBeGreaterThan(0);
    }
    expect(delta(publishVia, 'houston_db_query_seconds_count', { statement: 'insert' })).toBeGreaterThan(0);

    // The clients read the second release from both config-services, and hit the answer cache.
    for (const url of configUrls) {
      const config = await call(url, 'GET', `/configs/${APP}/default/application`);
      expect(config.body.configurations).toEqual({ timeout: '200' });
    }
    const scraped: Scrape[] = await Promise.all(configUrls.map((url) => scrape(url)));
    for (const page of scraped) {
      expect(valueOf(page, 'houston_cache_requests_total', { cache: 'answer' })).toBeGreaterThan(0);
    }
  }, 60_000);
});

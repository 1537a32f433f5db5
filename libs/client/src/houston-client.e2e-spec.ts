import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HoustonClient, type HoustonClientFullOptions } from './houston-client';
import { FakeConfigService, FakeStore } from './test-support/fake-config-service';
import type { ConfigChangeEvent } from './types';

/** The client against in-process fakes of the config-service and meta server on 127.0.0.1. */
const APP = 'demo';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function nextEvent(client: HoustonClient, namespace?: string, timeoutMs = 5000): Promise<ConfigChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no change event')), timeoutMs);
    const off = client.onChange((event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    }, namespace);
  });
}

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

interface Logged {
  level: string;
  msg: string;
  meta?: object;
}

describe('HoustonClient against a fake config-service', () => {
  let store: FakeStore;
  let fakes: FakeConfigService[];
  let clients: HoustonClient[];
  let dir: string;
  let logged: Logged[];

  const logger = {
    info: (msg: string, meta?: object) => logged.push({ level: 'info', msg, meta }),
    warn: (msg: string, meta?: object) => logged.push({ level: 'warn', msg, meta }),
  };
  const fake = async (
    options: Partial<ConstructorParameters<typeof FakeConfigService>[1]> = {},
    port = 0,
  ) => {
    const started = await new FakeConfigService(store, { appId: APP, holdMs: 1000, ...options }).start(port);
    fakes.push(started);
    return started;
  };
  const client = (options: Partial<HoustonClientFullOptions>) => {
    const created = new HoustonClient({
      appId: APP,
      logger,
      backoff: { baseMs: 20, capMs: 100 },
      requestTimeoutMs: 1000,
      longPollTimeoutMs: 3000,
      ...options,
    });
    clients.push(created);
    return created;
  };

  beforeEach(() => {
    store = new FakeStore();
    fakes = [];
    clients = [];
    logged = [];
    dir = mkdtempSync(join(tmpdir(), 'houston-client-'));
  });

  afterEach(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await Promise.all(fakes.map((f) => f.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads every namespace on ready() and sends label, ip and dataCenter', async () => {
    store.publish('application', { timeout: '100', 'feature.on': 'yes', hosts: 'a, b' });
    store.publish('app.yaml', { content: 'pool:\n  size: 8\n' });
    const server = await fake();
    const houston = await HoustonClient.create({
      appId: APP,
      configServiceUrl: server.url,
      namespaces: ['application', 'app.yaml'],
      label: 'canary',
      ip: '10.0.0.7',
      dataCenter: 'dc1',
      logger,
    });
    clients.push(houston);
    expect(houston.getNumber('timeout')).toBe(100);
    expect(houston.getBoolean('feature.on')).toBe(true);
    expect(houston.getArray('hosts')).toEqual(['a', 'b']);
    expect(houston.getString('missing', 'x')).toBe('x');
    expect(houston.namespace('application.properties').source).toBe('server');
    expect(houston.namespace('app.yaml').parsed()).toEqual({ pool: { size: 8 } });
    const configs = server.requests.find((r) => r.path === '/configs/demo/default/application')!;
    expect(configs.query.get('releaseKey')).toBe('-1');
    expect(configs.query.get('label')).toBe('canary');
    expect(configs.query.get('ip')).toBe('10.0.0.7');
    expect(configs.query.get('dataCenter')).toBe('dc1');
    expect(() => houston.namespace('other')).toThrow(/not one of this client's namespaces/);
  });

  it('long polls with every namespace, fetches what changed and emits the diff', async () => {
    store.publish('application', { keep: '1', change: 'old', drop: 'x' });
    store.publish('other', { a: '1' });
    const server = await fake();
    const houston = client({
      configServiceUrl: server.url,
      namespaces: ['application', 'other'],
      cacheDir: dir,
    });
    await houston.ready();
    await until(() => server.count('/notifications/v2') >= 2); // first poll (-1) answered, second held
    const first = server.requests.find((r) => r.path === '/notifications/v2')!;
    expect(JSON.parse(first.query.get('notifications')!)).toEqual([
      { namespaceName: 'application', notificationId: -1 },
      { namespaceName: 'other', notificationId: -1 },
    ]);
    expect(first.query.get('appId')).toBe(APP);
    expect(first.query.get('cluster')).toBe('default');

    const events: ConfigChangeEvent[] = [];
    houston.on('change', (event: ConfigChangeEvent) => events.push(event));
    const onlyOther = jest.fn();
    houston.onChange(onlyOther, 'other');
    const otherFetches = server.count('/configs/demo/default/other');
    const release = store.publish('application', { keep: '1', change: 'new', added: 'y' });
    const event = await nextEvent(houston);
    expect(event).toEqual({
      namespace: 'application',
      releaseKey: release.releaseKey,
      changes: [
        { key: 'added', type: 'added', newValue: 'y' },
        { key: 'change', type: 'modified', oldValue: 'old', newValue: 'new' },
        { key: 'drop', type: 'deleted', oldValue: 'x' },
      ],
    });
    expect(houston.getString('change')).toBe('new');
    expect(events).toHaveLength(1);
    expect(onlyOther).not.toHaveBeenCalled();
    expect(server.count('/configs/demo/default/other')).toBe(otherFetches); // only the changed namespace
    const fetch = server.requests.filter((r) => r.path === '/configs/demo/default/application').pop()!;
    expect(JSON.parse(fetch.query.get('messages')!)).toEqual({ details: { 'demo+default+application': 3 } });
    const cached = JSON.parse(readFileSync(join(dir, 'demo+default+application.json'), 'utf8'));
    expect(cached).toMatchObject({ releaseKey: release.releaseKey, configurations: { added: 'y' } });

    await until(() => {
      const last = server.requests.filter((r) => r.path === '/notifications/v2').pop()!;
      return JSON.parse(last.query.get('notifications')!)[0].notificationId === 3;
    });
  });

  it('keeps other listeners running when one throws, and unsubscribes', async () => {
    store.publish('application', { a: '1' });
    const server = await fake();
    const houston = client({ configServiceUrl: server.url });
    await houston.ready();
    const errors: unknown[] = [];
    houston.on('error', (error) => errors.push(error));
    const off = houston.onChange(() => {
      throw new Error('listener bug');
    });
    const good = nextEvent(houston);
    store.publish('application', { a: '2' });
    expect((await good).changes[0]!.newValue).toBe('2');
    expect(errors.map(String)).toContain('Error: listener bug');
    off();
    expect(houston.listenerCount('change')).toBe(0);
  });

  it('signs every config-service request with the access key', async () => {
    store.secret = 's3cr3t';
    store.publish('application', { a: '1' });
    const server = await fake();
    const unsigned = client({ configServiceUrl: server.url });
    await expect(unsigned.ready()).rejects.toThrow(/HTTP 401/);

    const houston = client({ configServiceUrl: server.url, accessKeySecret: 's3cr3t' });
    await houston.ready();
    const event = nextEvent(houston);
    store.publish('application', { a: '2' });
    await event;
    const signed = server.requests.filter((r) => r.headers['authorization']?.startsWith('Apollo demo:'));
    expect(signed.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/configs/demo/default/application', '/notifications/v2']),
    );
  });

  it('discovers config-services through the meta server and spreads requests over them', async () => {
    store.publish('application', { a: '1' });
    const one = await fake();
    const two = await fake();
    const meta = await fake({ services: () => [one.url, two.url] });
    // Each client starts at the instance its random draw picks: fixed draws here, spread over the
    // range (with Math.random, all six landing on one instance would fail this test one run in 32).
    const houstons = Array.from({ length: 6 }, (_, index) =>
      client({ metaServerUrl: meta.url, random: () => (index + 0.5) / 6 }),
    );
    await Promise.all(houstons.map((h) => h.ready()));
    expect(meta.count('/services/config')).toBe(6);
    expect(meta.requests[0]!.query.get('appId')).toBe(APP);
    expect(meta.count('/configs/')).toBe(0);
    expect(one.count('/configs/')).toBeGreaterThan(0);
    expect(two.count('/configs/')).toBeGreaterThan(0);
  });

  it('fails over to the next config-service when one goes down', async () => {
    store.publish('application', { a: '1' });
    const one = await fake();
    const two = await fake();
    const houston = client({ configServiceUrl: [one.url, two.url], random: () => 0 });
    await houston.ready();
    await until(() => one.count('/notifications/v2') + two.count('/notifications/v2') >= 2);
    await one.stop();
    const event = nextEvent(houston);
    store.publish('application', { a: '2' });
    expect((await event).changes).toEqual([{ key: 'a', type: 'modified', oldValue: '1', newValue: '2' }]);
    expect(houston.getString('a')).toBe('2');
  });

  it('fails over on 5xx answers too', async () => {
    store.publish('application', { a: '1' });
    const broken = await fake();
    broken.failWith = 503;
    const good = await fake();
    const houston = client({ configServiceUrl: [broken.url, good.url], random: () => 0 });
    await houston.ready();
    expect(broken.count('/configs/')).toBe(1);
    expect(houston.getString('a')).toBe('1');
  });

  it('starts from the file cache when every server is down, retries with backoff, and catches up', async () => {
    store.publish('application', { a: '1', gone: 'x' });
    const server = await fake();
    const port = server.port;
    const warm = client({ configServiceUrl: server.url, cacheDir: dir });
    await warm.ready();
    await warm.close();
    await server.stop();

    const cold = client({ configServiceUrl: server.url, cacheDir: dir, random: () => 0.999 });
    await cold.ready();
    expect(cold.namespace().source).toBe('cache');
    expect(cold.getString('a')).toBe('1');
    const warning = logged.find((l) => l.level === 'warn' && /local cache/.test(l.msg));
    expect(warning?.meta).toMatchObject({ namespaces: ['application'], cacheDir: dir });
    const failures = () => logged.filter((l) => l.msg === 'houston: long poll failed');
    await until(() => failures().length >= 5);
    const delays = failures().map((l) => (l.meta as { retryInMs: number }).retryInMs);
    expect(delays.slice(0, 5)).toEqual([19, 39, 79, 99, 99]); // 20 ms doubling, capped at 100 ms

    store.publish('application', { a: '2', added: 'y' }, false);
    const event = nextEvent(cold);
    const back = await fake({}, port);
    expect((await event).changes).toEqual([
      { key: 'a', type: 'modified', oldValue: '1', newValue: '2' },
      { key: 'added', type: 'added', newValue: 'y' },
      { key: 'gone', type: 'deleted', oldValue: 'x' },
    ]);
    expect(cold.namespace().source).toBe('server');
    expect(back.count('/notifications/v2')).toBeGreaterThan(0);
  });

  it('rejects ready() when no server answers and nothing is cached', async () => {
    const server = await fake();
    await server.stop();
    const houston = client({ configServiceUrl: server.url, cacheDir: dir });
    await expect(houston.ready()).rejects.toThrow(
      /cannot load namespace 'application'.*not in the local cache/,
    );
    await expect(HoustonClient.create({ appId: APP, configServiceUrl: server.url, logger })).rejects.toThrow(
      /no cacheDir/,
    );
  });

  it('refreshes periodically, catching a release whose notification was lost', async () => {
    store.publish('application', { a: '1' });
    const server = await fake({ holdMs: 10_000 });
    const houston = client({
      configServiceUrl: server.url,
      refreshIntervalMs: 300,
      longPollTimeoutMs: 20_000,
    });
    await houston.ready();
    await until(() => server.count('/notifications/v2') >= 2); // the first poll is answered, the second held
    const started = Date.now();
    const event = nextEvent(houston);
    store.publish('application', { a: '2' }, false);
    expect((await event).changes[0]!.newValue).toBe('2');
    expect(Date.now() - started).toBeGreaterThan(100);
    expect(server.count('/notifications/v2')).toBe(2);
  });

  it('close() aborts the held long poll at once, and the closed client sends nothing after', async () => {
    store.publish('application', { a: '1' });
    const server = await fake({ holdMs: 30_000 });
    // Told apart at the server by the ip they report.
    const requestsFrom = (ip: string) => server.requests.filter((request) => request.query.get('ip') === ip);
    const polls = (ip: string) =>
      requestsFrom(ip).filter((request) => request.path === '/notifications/v2').length;
    const closing = client({ configServiceUrl: server.url, longPollTimeoutMs: 60_000, ip: '10.0.0.1' });
    const staying = client({ configServiceUrl: server.url, longPollTimeoutMs: 60_000, ip: '10.0.0.2' });
    await Promise.all([closing.ready(), staying.ready()]);
    await until(() => polls('10.0.0.1') >= 2 && polls('10.0.0.2') >= 2); // the first answered, the second held
    const started = Date.now();
    await closing.close();
    expect(Date.now() - started).toBeLessThan(500);
    const sentBeforeClose = requestsFrom('10.0.0.1').length;

    // A release both would hear: the open client is woken, reads it and polls again. A closed
    // client still polling would have been answered at once and have read it too by then.
    const heldBefore = polls('10.0.0.2');
    const event = nextEvent(staying);
    store.publish('application', { a: '2' });
    expect((await event).changes[0]!.newValue).toBe('2');
    await until(() => polls('10.0.0.2') > heldBefore);
    expect(
      requestsFrom('10.0.0.1')
        .slice(sentBeforeClose)
        .map((request) => request.path),
    ).toEqual([]);
  });
});

import { CONFIG_SERVICE_ENV, startConfigService } from '@houston/config-service';
import { HoustonClient, type ConfigChangeEvent } from '@houston/client';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer, type Runtime } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * The published SDK against the real server: two config-service instances on one SQLite file,
 * releases made through the admin API, servers stopped and restarted under the client.
 * Every scenario works on its own app, so none depends on another having run before it.
 */
const CACHE_FILE = (appId: string) => `${appId}+default+application.json`;
const nsOf = (appId: string) => `/apps/${appId}/clusters/default/namespaces/application`;

function nextChange(client: HoustonClient, timeoutMs = 15_000): Promise<ConfigChangeEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no change event within ${timeoutMs} ms`)), timeoutMs);
    const off = client.onChange((event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('@houston/client against the real server', () => {
  let dir: string;
  let settings: Record<string, string>;
  let houston: RunningHouston;
  let secondRuntime: Runtime;
  let second: RunningServer;
  const clients: HoustonClient[] = [];
  const logger = { info: () => undefined, warn: () => undefined };
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await call(houston.adminUrl, method, path, body, { 'x-operator': 'sdk-e2e' });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    return answer;
  };
  const release = (appId: string, title: string) =>
    admin('POST', `${nsOf(appId)}/releases`, { releaseTitle: title });
  /** Creates an app with the given items and publishes them as its first release. */
  const newApp = async (appId: string, items: Record<string, string>) => {
    await admin('POST', '/apps', { appId, name: appId });
    for (const [key, value] of Object.entries(items)) {
      await admin('POST', `${nsOf(appId)}/items`, { key, value });
    }
    await release(appId, 'first');
  };
  const client = (appId: string, options: Partial<ConstructorParameters<typeof HoustonClient>[0]>) => {
    const created = new HoustonClient({
      appId,
      logger,
      requestTimeoutMs: 2000,
      longPollTimeoutMs: 10_000,
      backoff: { baseMs: 100, capMs: 500 },
      ...options,
    });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-sdk-e2e-'));
    settings = {
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_SCAN_INTERVAL: '200ms',
      HOUSTON_LONG_POLL_TIMEOUT: '5s',
      HOUSTON_HEARTBEAT_INTERVAL: '1s',
      HOUSTON_LOG_LEVEL: 'error',
    };
    houston = await startAllInOne(settings);
    const env = loadEnv({ ...RUNTIME_ENV, ...bindHostEnv('127.0.0.1'), ...CONFIG_SERVICE_ENV }, settings);
    secondRuntime = await openRuntime(env, 'config-service-2');
    second = await startConfigService(secondRuntime, env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await second?.close().catch(() => undefined);
    await secondRuntime?.close().catch(() => undefined);
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the first release through meta-server discovery', async () => {
    await newApp('sdk-load', { timeout: '100', 'feature.x': 'on', legacy: 'yes' });
    const sdk = client('sdk-load', { metaServerUrl: houston.configUrl, cacheDir: join(dir, 'cache-load') });
    await sdk.ready();
    expect(sdk.namespace().source).toBe('server');
    expect(sdk.getNumber('timeout')).toBe(100);
    expect(sdk.getBoolean('feature.x')).toBe(true);
    expect(sdk.namespace().all()).toEqual({ timeout: '100', 'feature.x': 'on', legacy: 'yes' });
  });

  it("emits a 'change' with added, modified and deleted keys after a release", async () => {
    const APP = 'sdk-change';
    const NS = nsOf(APP);
    await newApp(APP, { timeout: '100', 'feature.x': 'on', legacy: 'yes' });
    const sdk = client(APP, { metaServerUrl: houston.configUrl, cacheDir: join(dir, 'cache-change') });
    await sdk.ready();
    expect(sdk.getNumber('timeout')).toBe(100);

    await admin('PUT', `${NS}/items/timeout`, { value: '250' });
    await admin('POST', `${NS}/items`, { key: 'pool.size', value: '8' });
    await admin('DELETE', `${NS}/items/legacy`);
    const changed = nextChange(sdk);
    await release(APP, 'second');
    const event = await changed;
    expect(event.namespace).toBe('application');
    expect(event.changes).toEqual([
      { key: 'legacy', type: 'deleted', oldValue: 'yes' },
      { key: 'pool.size', type: 'added', newValue: '8' },
      { key: 'timeout', type: 'modified', oldValue: '100', newValue: '250' },
    ]);
    expect(sdk.getNumber('timeout')).toBe(250);
    expect(event.releaseKey).toBe(sdk.namespace().releaseKey);
  });

  it('fails over when one of two config-services is stopped', async () => {
    const APP = 'sdk-failover';
    const NS = nsOf(APP);
    await newApp(APP, { timeout: '250', 'feature.x': 'on' });
    // The second instance learns of releases by scanning the shared database: let it catch up.
    await until(
      async () =>
        (await call(second.url, 'GET', `/configs/${APP}/default/application`)).body?.configurations
          ?.timeout === '250',
    );
    const sdk = client(APP, { configServiceUrl: [second.url, houston.configUrl], random: () => 0 });
    await sdk.ready();
    expect(sdk.getNumber('timeout')).toBe(250);
    await second.close();
    await secondRuntime.close();

    await admin('PUT', `${NS}/items/feature.x`, { value: 'off' });
    const changed = nextChange(sdk);
    await release(APP, 'second');
    expect((await changed).changes).toEqual([
      { key: 'feature.x', type: 'modified', oldValue: 'on', newValue: 'off' },
    ]);
    expect(sdk.getBoolean('feature.x')).toBe(false);
  }, 30_000);

  it('starts from the file cache with every server down, then catches up when they return', async () => {
    const APP = 'sdk-cache';
    const NS = nsOf(APP);
    await newApp(APP, { timeout: '100', 'feature.x': 'on', legacy: 'yes' });
    // A client that read the first release leaves a cache file behind: one release behind, below.
    const first = client(APP, { configServiceUrl: houston.configUrl, cacheDir: join(dir, 'cache-fresh') });
    await first.ready();
    expect(first.getNumber('timeout')).toBe(100);
    await until(async () => existsSync(join(dir, 'cache-fresh', CACHE_FILE(APP))));
    mkdirSync(join(dir, 'cache-stale'));
    copyFileSync(join(dir, 'cache-fresh', CACHE_FILE(APP)), join(dir, 'cache-stale', CACHE_FILE(APP)));

    await admin('PUT', `${NS}/items/timeout`, { value: '250' });
    await admin('PUT', `${NS}/items/feature.x`, { value: 'off' });
    await admin('POST', `${NS}/items`, { key: 'pool.size', value: '8' });
    await admin('DELETE', `${NS}/items/legacy`);
    await release(APP, 'second');

    await Promise.all(clients.splice(0).map((c) => c.close()));
    const configPort = new URL(houston.configUrl).port;
    const configUrl = houston.configUrl;
    await houston.close();

    const warnings: string[] = [];
    const sdk = client(APP, {
      configServiceUrl: configUrl,
      cacheDir: join(dir, 'cache-stale'),
      logger: { info: () => undefined, warn: (msg: string) => warnings.push(msg) },
    });
    await sdk.ready();
    expect(sdk.namespace().source).toBe('cache');
    expect(sdk.getNumber('timeout')).toBe(100); // the stale snapshot
    expect(warnings.some((w) => /local cache/.test(w))).toBe(true);

    const caughtUp = nextChange(sdk, 20_000);
    houston = await startAllInOne({ ...settings, HOUSTON_CONFIG_PORT: configPort });
    const event = await caughtUp;
    expect(event.changes).toEqual([
      { key: 'feature.x', type: 'modified', oldValue: 'on', newValue: 'off' },
      { key: 'legacy', type: 'deleted', oldValue: 'yes' },
      { key: 'pool.size', type: 'added', newValue: '8' },
      { key: 'timeout', type: 'modified', oldValue: '100', newValue: '250' },
    ]);
    expect(sdk.namespace().source).toBe('server');

    // And it is live again: the next release arrives through the long poll.
    await admin('PUT', `${NS}/items/timeout`, { value: '300' });
    const next = nextChange(sdk);
    await release(APP, 'third');
    expect((await next).changes).toEqual([
      { key: 'timeout', type: 'modified', oldValue: '250', newValue: '300' },
    ]);
  }, 60_000);
});

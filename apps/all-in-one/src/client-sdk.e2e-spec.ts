import { CONFIG_SERVICE_ENV, startConfigService } from '@houston/config-service';
import { HoustonClient, type ConfigChangeEvent } from '@houston/client';
import { bindHostEnv, openRuntime, RUNTIME_ENV, type RunningServer, type Runtime } from '@houston/runtime';
import { loadEnv } from '@houston/server-kit';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * The published SDK against the real server: two config-service instances on one SQLite file,
 * releases made through the admin API, servers stopped and restarted under the client.
 */
const APP = 'sdk-e2e';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const CACHE_FILE = `${APP}+default+application.json`;

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
  const warnings: string[] = [];
  const logger = { info: () => undefined, warn: (msg: string) => warnings.push(msg) };
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await call(houston.adminUrl, method, path, body, { 'x-operator': 'sdk-e2e' });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    return answer;
  };
  const release = (title: string) => admin('POST', `${NS}/releases`, { releaseTitle: title });
  const client = (options: Partial<ConstructorParameters<typeof HoustonClient>[0]>) => {
    const created = new HoustonClient({
      appId: APP,
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

    await admin('POST', '/apps', { appId: APP, name: 'SDK e2e' });
    await admin('POST', `${NS}/items`, { key: 'timeout', value: '100' });
    await admin('POST', `${NS}/items`, { key: 'feature.x', value: 'on' });
    await admin('POST', `${NS}/items`, { key: 'legacy', value: 'yes' });
    await release('first');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await second?.close().catch(() => undefined);
    await secondRuntime?.close().catch(() => undefined);
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the first release through meta-server discovery', async () => {
    const sdk = client({ metaServerUrl: houston.configUrl, cacheDir: join(dir, 'cache-a') });
    await sdk.ready();
    expect(sdk.namespace().source).toBe('server');
    expect(sdk.getNumber('timeout')).toBe(100);
    expect(sdk.getBoolean('feature.x')).toBe(true);
    expect(sdk.namespace().all()).toEqual({ timeout: '100', 'feature.x': 'on', legacy: 'yes' });
  });

  it("emits a 'change' with added, modified and deleted keys after a release", async () => {
    const sdk = clients[0]!;
    // A snapshot of this cache is what a later cold start will find: one release behind.
    mkdirSync(join(dir, 'cache-stale'));
    copyFileSync(join(dir, 'cache-a', CACHE_FILE), join(dir, 'cache-stale', CACHE_FILE));

    await admin('PUT', `${NS}/items/timeout`, { value: '250' });
    await admin('POST', `${NS}/items`, { key: 'pool.size', value: '8' });
    await admin('DELETE', `${NS}/items/legacy`);
    const changed = nextChange(sdk);
    await release('second');
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
    // The second instance learns of releases by scanning the shared database: let it catch up.
    await until(
      async () =>
        (await call(second.url, 'GET', `/configs/${APP}/default/application`)).body?.configurations
          ?.timeout === '250',
    );
    const sdk = client({ configServiceUrl: [second.url, houston.configUrl], random: () => 0 });
    await sdk.ready();
    expect(sdk.getNumber('timeout')).toBe(250);
    await second.close();
    await secondRuntime.close();

    await admin('PUT', `${NS}/items/feature.x`, { value: 'off' });
    const changed = nextChange(sdk);
    await release('third');
    expect((await changed).changes).toEqual([
      { key: 'feature.x', type: 'modified', oldValue: 'on', newValue: 'off' },
    ]);
    expect(sdk.getBoolean('feature.x')).toBe(false);
  }, 30_000);

  it('starts from the file cache with every server down, then catches up when they return', async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    const configPort = new URL(houston.configUrl).port;
    const configUrl = houston.configUrl;
    await houston.close();

    const sdk = client({ configServiceUrl: configUrl, cacheDir: join(dir, 'cache-stale') });
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
    await release('fourth');
    expect((await next).changes).toEqual([
      { key: 'timeout', type: 'modified', oldValue: '250', newValue: '300' },
    ]);
  }, 60_000);
});

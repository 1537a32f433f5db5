import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import apollo from 'ctrip-apollo';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { call } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * An unmodified, published Apollo client (ctrip-apollo on npm) pointed at Houston: it must read
 * the configuration and follow a release through the long poll, as it would on Apollo.
 */
const APP = 'compat-demo';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;

describe('an off-the-shelf Apollo client against Houston', () => {
  let houston: RunningHouston;
  let dir: string;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'compat' });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-compat-'));
    houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_LOG_LEVEL: 'error',
    });
    await admin('POST', '/apps', { appId: APP, name: 'Compat' });
    await admin('POST', `${NS}/items`, { key: 'greeting', value: 'hello' });
    await admin('POST', `${NS}/items`, { key: 'unicode', value: 'héllo wörld ✓' });
    expect((await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' })).status).toBe(201);
  });

  afterAll(async () => {
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const fetchCachedConfig of [false, true]) {
    it(`reads the release and follows the next one (${fetchCachedConfig ? '/configfiles/json' : '/configs'} path)`, async () => {
      const cluster = apollo({ host: houston.configUrl, appId: APP, fetchCachedConfig }).cluster();
      const namespace = cluster.namespace('application');
      try {
        await namespace.ready();
        expect(namespace.get('unicode')).toBe('héllo wörld ✓');
        const before = namespace.get('greeting');

        const next = fetchCachedConfig ? 'hello again' : 'bonjour';
        const changed = new Promise<string | undefined>((resolve) =>
          namespace.once('change', () => resolve(namespace.get('greeting'))),
        );
        await admin('PUT', `${NS}/items/greeting`, { value: next });
        expect((await admin('POST', `${NS}/releases`, { releaseTitle: next })).status).toBe(201);
        expect(before).not.toBe(next);
        await expect(changed).resolves.toBe(next);
      } finally {
        cluster.enableUpdateNotification(false);
      }
    }, 20_000);
  }
});

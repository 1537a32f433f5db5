import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { heldPolls } from './test-support/held-polls';
import { call, notificationsQuery, waitFor } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * The whole release path over HTTP on the embedded default (SQLite file, embedded discovery):
 * what an operator and an Apollo client do. One server for the file; every case makes its own
 * app and the releases it needs, so the cases pass alone and in any order (`--randomize`).
 */
const nsPath = (appId: string) => `/apps/${appId}/clusters/default/namespaces/application`;

describe('release path, end to end on the embedded default', () => {
  let houston: RunningHouston;
  let dir: string;
  let apps = 0;
  const admin = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(houston.adminUrl, method, path, body, headers);
  const client = (path: string) => call(houston.configUrl, 'GET', path);

  /** A new app with its default cluster and application namespace. */
  async function newApp(): Promise<string> {
    const appId = `e2e-demo-${++apps}`;
    const created = await admin('POST', '/apps', { appId, name: 'Demo', dataChangeCreatedBy: 'alice' });
    expect(created.status).toBeLessThan(300);
    return appId;
  }

  async function setItem(appId: string, key: string, value: string, operator: string, comment?: string) {
    const path = `${nsPath(appId)}/items/${encodeURIComponent(key)}?createIfNotExists=true`;
    const written = await admin('PUT', path, { key, value, comment, dataChangeLastModifiedBy: operator });
    expect(written.status).toBeLessThan(300);
  }

  async function publish(
    appId: string,
    title: string,
    operator: string,
  ): Promise<{ id: number; releaseKey: string }> {
    const release = await admin('POST', `${nsPath(appId)}/releases`, {
      releaseTitle: title,
      releasedBy: operator,
    });
    expect(release.status).toBeLessThan(300);
    return release.body;
  }

  /** An app released once with `timeout=100` and `feature.x=on`. */
  async function releasedApp(): Promise<{ appId: string; first: { id: number; releaseKey: string } }> {
    const appId = await newApp();
    await setItem(appId, 'timeout', '100', 'alice');
    await setItem(appId, 'feature.x', 'on', 'alice', 'switch');
    return { appId, first: await publish(appId, 'first', 'alice') };
  }

  /** The notification id a client that is up to date with the app holds. */
  async function caughtUp(appId: string): Promise<number> {
    const poll = await client(notificationsQuery(appId, -1));
    expect(poll.status).toBe(200);
    return poll.body[0].notificationId;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-e2e-'));
    houston = await startAllInOne({
      HOUSTON_DB_URL: `sqlite:${join(dir, 'houston.sqlite')}`,
      HOUSTON_CONFIG_PORT: '0',
      HOUSTON_ADMIN_PORT: '0',
      ...TEST_ALL_IN_ONE,
      HOUSTON_SCAN_INTERVAL: '1s',
      HOUSTON_LONG_POLL_TIMEOUT: '20s',
      HOUSTON_LOG_LEVEL: 'error',
    });
  });

  afterAll(async () => {
    await houston?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates an app with its default cluster and application namespace', async () => {
    const appId = await newApp();
    const clusters = await admin('GET', `/apps/${appId}/clusters`);
    expect(clusters.body.map((c: { name: string }) => c.name)).toEqual(['default']);
    const namespace = await admin('GET', nsPath(appId));
    expect(namespace.status).toBe(200);
    expect(namespace.body.format).toBe('properties');
  });

  it('answers 404 to a client before the first release', async () => {
    const appId = await newApp();
    expect((await client(`/configs/${appId}/default/application`)).status).toBe(404);
  });

  it('edits items and publishes a release that clients read', async () => {
    const appId = await newApp();
    const path = `${nsPath(appId)}/items`;
    expect(
      (await admin('POST', path, { key: 'timeout', value: '100', dataChangeCreatedBy: 'alice' })).status,
    ).toBeLessThan(300);
    expect(
      (
        await admin('POST', path, {
          key: 'feature.x',
          value: 'on',
          comment: 'switch',
          dataChangeCreatedBy: 'alice',
        })
      ).status,
    ).toBeLessThan(300);
    const release = await publish(appId, 'first', 'alice');

    const config = await client(`/configs/${appId}/default/application`);
    expect(config.status).toBe(200);
    expect(config.body).toEqual({
      appId,
      cluster: 'default',
      namespaceName: 'application',
      configurations: { timeout: '100', 'feature.x': 'on' },
      releaseKey: expect.stringMatching(/^\d{14}-[0-9a-f]{16}$/),
    });
    expect(release.releaseKey).toBe(config.body.releaseKey);
  });

  it('answers 304 when the client already has the release, and serves the same data as files', async () => {
    const { appId, first } = await releasedApp();
    expect(
      (await client(`/configs/${appId}/default/application?releaseKey=${first.releaseKey}`)).status,
    ).toBe(304);
    const properties = await client(`/configfiles/${appId}/default/application`);
    expect(properties.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(properties.text.split('\n').filter(Boolean).sort()).toEqual(['feature.x=on', 'timeout=100']);
    expect((await client(`/configfiles/json/${appId}/default/application`)).body).toEqual({
      timeout: '100',
      'feature.x': 'on',
    });
    // `.properties` is stripped and the cluster falls back to default, as Apollo does.
    const viaFallback = await client(`/configs/${appId}/some-idc/application.properties?dataCenter=other`);
    expect(viaFallback.body.cluster).toBe('default');
    expect(viaFallback.body.namespaceName).toBe('application.properties');
  });

  it('answers a long poll at once when the client is behind', async () => {
    const { appId } = await releasedApp();
    const poll = await client(notificationsQuery(appId, -1));
    expect(poll.status).toBe(200);
    expect(poll.body).toHaveLength(1);
    expect(poll.body[0].namespaceName).toBe('application');
    expect(poll.body[0].notificationId).toBeGreaterThan(0);
    expect(poll.body[0].messages.details[`${appId}+default+application`]).toBe(poll.body[0].notificationId);
  });

  it('wakes a held long poll when a second release is published', async () => {
    const { appId, first } = await releasedApp();
    const notificationId = await caughtUp(appId);
    const held = client(notificationsQuery(appId, notificationId));
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    await setItem(appId, 'timeout', '200', 'bob');
    const releasedAt = Date.now();
    await publish(appId, 'second', 'bob');

    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].notificationId).toBeGreaterThan(notificationId);
    // Woken by the release message scan, not by the 20 s hold timeout.
    expect(Date.now() - releasedAt).toBeLessThan(10_000);

    const config = await client(`/configs/${appId}/default/application`);
    expect(config.body.configurations.timeout).toBe('200');
    expect(config.body.releaseKey).not.toBe(first.releaseKey);
  });

  it('rolls back to the previous release and clients see the old values', async () => {
    const { appId, first } = await releasedApp();
    await setItem(appId, 'timeout', '200', 'bob');
    const second = await publish(appId, 'second', 'bob');
    const held = client(notificationsQuery(appId, await caughtUp(appId)));
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    const rollback = await admin('PUT', `/releases/${second.id}/rollback?operator=carol`);
    expect(rollback.status).toBeLessThan(300);

    const woken = await held;
    expect(woken.status).toBe(200);
    const config = await client(`/configs/${appId}/default/application`);
    expect(config.body.configurations).toEqual({ timeout: '100', 'feature.x': 'on' });
    expect(config.body.releaseKey).toBe(first.releaseKey);
    expect((await admin('GET', `${nsPath(appId)}/releases/latest`)).body.id).toBe(first.id);
  });

  it('rejects bad input with a machine-readable 4xx and writes nothing', async () => {
    const { appId } = await releasedApp();
    const NS_PATH = nsPath(appId);
    const before = await admin('GET', `${NS_PATH}/items`);
    const emptyKey = await admin('POST', `${NS_PATH}/items`, {
      key: '',
      value: 'x',
      dataChangeCreatedBy: 'alice',
    });
    expect(emptyKey.status).toBe(400);
    expect(typeof emptyKey.body.code).toBe('string');
    const noOperator = await admin('POST', `${NS_PATH}/items`, { key: 'k', value: 'x' });
    expect(noOperator.status).toBe(400);
    const tooLong = await admin('POST', `${NS_PATH}/items`, {
      key: 'big',
      value: 'x'.repeat(20_001),
      dataChangeCreatedBy: 'alice',
    });
    expect(tooLong.status).toBe(400);
    const unknownApp = await admin('POST', `/apps/nope/clusters/default/namespaces/application/items`, {
      key: 'k',
      value: 'v',
      dataChangeCreatedBy: 'a',
    });
    expect(unknownApp.status).toBe(404);
    const badJson = await call(houston.adminUrl, 'POST', `${NS_PATH}/items`, undefined, {
      'content-type': 'application/json',
    });
    expect(badJson.status).toBeGreaterThanOrEqual(400);
    expect(badJson.status).toBeLessThan(500);
    const after = await admin('GET', `${NS_PATH}/items`);
    expect(after.body).toEqual(before.body);

    expect(
      (await client(`/notifications/v2?appId=${appId}&cluster=default&notifications=not-json`)).status,
    ).toBe(400);
    expect(
      (await client(`/notifications/v2?appId=${appId}&cluster=default&notifications=%5B%5D`)).status,
    ).toBe(400);
    expect((await client(`/configs/${appId}/default/no-such-namespace`)).status).toBe(404);
  });

  it('serves a json namespace by its suffixed name, as a document and as Apollo configurations', async () => {
    const appId = await newApp();
    const headers = { 'x-operator': 'alice' };
    expect(
      (await admin('POST', `/apps/${appId}/appnamespaces`, { name: 'features', format: 'json' }, headers))
        .status,
    ).toBe(201);
    const path = `/apps/${appId}/clusters/default/namespaces/features.json`;
    expect((await admin('PUT', `${path}/items`, { configText: '{"dark": true}' }, headers)).status).toBe(200);
    expect((await admin('POST', `${path}/releases`, {}, headers)).status).toBe(201);
    expect((await client(`/configs/${appId}/default/features.json`)).body.configurations).toEqual({
      content: '{"dark": true}',
    });
    const raw = await client(`/configfiles/raw/${appId}/default/features.json`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.text).toBe('{"dark": true}');
  });

  it('keeps only the newest release message per namespace', async () => {
    const { appId } = await releasedApp();
    await setItem(appId, 'timeout', '300', 'bob');
    await publish(appId, 'second', 'bob');
    const rows = await houston.runtime.database.dataSource.query(
      'SELECT message, COUNT(*) AS n FROM release_message WHERE message = ? GROUP BY message',
      [`${appId}+default+application`],
    );
    expect(rows).toEqual([{ message: `${appId}+default+application`, n: 1 }]);
  });

  it('tells clients where the config and admin services are (meta server on the config port)', async () => {
    const config = await client('/services/config');
    expect(config.status).toBe(200);
    expect(config.body.map((s: { homepageUrl: string }) => s.homepageUrl)).toContain(`${houston.configUrl}/`);
    const adminServices = await client('/services/admin');
    expect(adminServices.body.map((s: { homepageUrl: string }) => s.homepageUrl)).toContain(
      `${houston.adminUrl}/`,
    );
  });

  it('reports health and readiness on every server', async () => {
    for (const base of [houston.configUrl, houston.adminUrl]) {
      expect((await call(base, 'GET', '/health')).status).toBe(200);
      expect((await call(base, 'GET', '/ready')).status).toBe(200);
    }
  });

  it('publishes an OpenAPI document for the admin API', async () => {
    const doc = await call(houston.adminUrl, 'GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toContain(
      '/apps/{appId}/clusters/{cluster}/namespaces/{namespace}/releases',
    );
  });
});

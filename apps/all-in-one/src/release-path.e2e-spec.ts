import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAllInOne, type RunningHouston } from './all-in-one';
import { heldPolls } from './test-support/held-polls';
import { call, notificationsQuery, waitFor } from './test-support/http-client';
import { TEST_ALL_IN_ONE } from './test-support/start-houston';

/**
 * The whole release path over HTTP on the embedded default (SQLite file, embedded discovery):
 * what an operator and an Apollo client do, in order.
 */
const APP = 'e2e-demo';
const NS_PATH = `/apps/${APP}/clusters/default/namespaces/application`;

describe('release path, end to end on the embedded default', () => {
  let houston: RunningHouston;
  let dir: string;
  const admin = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    call(houston.adminUrl, method, path, body, headers);
  const client = (path: string) => call(houston.configUrl, 'GET', path);

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

  let firstReleaseId = 0;
  let firstReleaseKey = '';
  let notificationId = -1;

  it('creates an app with its default cluster and application namespace', async () => {
    const created = await admin('POST', '/apps', { appId: APP, name: 'Demo', dataChangeCreatedBy: 'alice' });
    expect(created.status).toBeLessThan(300);
    const clusters = await admin('GET', `/apps/${APP}/clusters`);
    expect(clusters.body.map((c: { name: string }) => c.name)).toEqual(['default']);
    const namespace = await admin('GET', NS_PATH);
    expect(namespace.status).toBe(200);
    expect(namespace.body.format).toBe('properties');
  });

  it('answers 404 to a client before the first release', async () => {
    expect((await client(`/configs/${APP}/default/application`)).status).toBe(404);
  });

  it('edits items and publishes a release that clients read', async () => {
    expect(
      (
        await admin('POST', `${NS_PATH}/items`, {
          key: 'timeout',
          value: '100',
          dataChangeCreatedBy: 'alice',
        })
      ).status,
    ).toBeLessThan(300);
    expect(
      (
        await admin('POST', `${NS_PATH}/items`, {
          key: 'feature.x',
          value: 'on',
          comment: 'switch',
          dataChangeCreatedBy: 'alice',
        })
      ).status,
    ).toBeLessThan(300);
    const release = await admin('POST', `${NS_PATH}/releases`, {
      releaseTitle: 'first',
      releasedBy: 'alice',
    });
    expect(release.status).toBeLessThan(300);
    firstReleaseId = release.body.id;

    const config = await client(`/configs/${APP}/default/application`);
    expect(config.status).toBe(200);
    expect(config.body).toEqual({
      appId: APP,
      cluster: 'default',
      namespaceName: 'application',
      configurations: { timeout: '100', 'feature.x': 'on' },
      releaseKey: expect.stringMatching(/^\d{14}-[0-9a-f]{16}$/),
    });
    firstReleaseKey = config.body.releaseKey;
    expect(release.body.releaseKey).toBe(firstReleaseKey);
  });

  it('answers 304 when the client already has the release, and serves the same data as files', async () => {
    expect((await client(`/configs/${APP}/default/application?releaseKey=${firstReleaseKey}`)).status).toBe(
      304,
    );
    const properties = await client(`/configfiles/${APP}/default/application`);
    expect(properties.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(properties.text.split('\n').filter(Boolean).sort()).toEqual(['feature.x=on', 'timeout=100']);
    expect((await client(`/configfiles/json/${APP}/default/application`)).body).toEqual({
      timeout: '100',
      'feature.x': 'on',
    });
    // `.properties` is stripped and the cluster falls back to default, as Apollo does.
    const viaFallback = await client(`/configs/${APP}/some-idc/application.properties?dataCenter=other`);
    expect(viaFallback.body.cluster).toBe('default');
    expect(viaFallback.body.namespaceName).toBe('application.properties');
  });

  it('answers a long poll at once when the client is behind', async () => {
    const poll = await client(notificationsQuery(APP, -1));
    expect(poll.status).toBe(200);
    expect(poll.body).toHaveLength(1);
    expect(poll.body[0].namespaceName).toBe('application');
    expect(poll.body[0].notificationId).toBeGreaterThan(0);
    expect(poll.body[0].messages.details[`${APP}+default+application`]).toBe(poll.body[0].notificationId);
    notificationId = poll.body[0].notificationId;
  });

  it('wakes a held long poll when a second release is published', async () => {
    const held = client(notificationsQuery(APP, notificationId));
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    expect(
      (await admin('PUT', `${NS_PATH}/items/timeout`, { value: '200', dataChangeLastModifiedBy: 'bob' }))
        .status,
    ).toBeLessThan(300);
    const releasedAt = Date.now();
    expect(
      (await admin('POST', `${NS_PATH}/releases`, { releaseTitle: 'second', releasedBy: 'bob' })).status,
    ).toBeLessThan(300);

    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].notificationId).toBeGreaterThan(notificationId);
    notificationId = woken.body[0].notificationId;
    // Woken by the release message scan, not by the 20 s hold timeout.
    expect(Date.now() - releasedAt).toBeLessThan(10_000);

    const config = await client(`/configs/${APP}/default/application`);
    expect(config.body.configurations.timeout).toBe('200');
    expect(config.body.releaseKey).not.toBe(firstReleaseKey);
  });

  it('rolls back to the previous release and clients see the old values', async () => {
    const latest = await admin('GET', `${NS_PATH}/releases/latest`);
    const held = client(notificationsQuery(APP, notificationId));
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    const rollback = await admin('PUT', `/releases/${latest.body.id}/rollback?operator=carol`);
    expect(rollback.status).toBeLessThan(300);

    const woken = await held;
    expect(woken.status).toBe(200);
    notificationId = woken.body[0].notificationId;
    const config = await client(`/configs/${APP}/default/application`);
    expect(config.body.configurations).toEqual({ timeout: '100', 'feature.x': 'on' });
    expect(config.body.releaseKey).toBe(firstReleaseKey);
    expect((await admin('GET', `${NS_PATH}/releases/latest`)).body.id).toBe(firstReleaseId);
  });

  it('rejects bad input with a machine-readable 4xx and writes nothing', async () => {
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
      (await client(`/notifications/v2?appId=${APP}&cluster=default&notifications=not-json`)).status,
    ).toBe(400);
    expect((await client(`/notifications/v2?appId=${APP}&cluster=default&notifications=%5B%5D`)).status).toBe(
      400,
    );
    expect((await client(`/configs/${APP}/default/no-such-namespace`)).status).toBe(404);
  });

  it('serves a json namespace by its suffixed name, as a document and as Apollo configurations', async () => {
    const headers = { 'x-operator': 'alice' };
    expect(
      (await admin('POST', `/apps/${APP}/appnamespaces`, { name: 'features', format: 'json' }, headers))
        .status,
    ).toBe(201);
    const path = `/apps/${APP}/clusters/default/namespaces/features.json`;
    expect((await admin('PUT', `${path}/items`, { configText: '{"dark": true}' }, headers)).status).toBe(200);
    expect((await admin('POST', `${path}/releases`, {}, headers)).status).toBe(201);
    expect((await client(`/configs/${APP}/default/features.json`)).body.configurations).toEqual({
      content: '{"dark": true}',
    });
    const raw = await client(`/configfiles/raw/${APP}/default/features.json`);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    expect(raw.text).toBe('{"dark": true}');
  });

  it('keeps only the newest release message per namespace', async () => {
    const rows = await houston.runtime.database.dataSource.query(
      'SELECT message, COUNT(*) AS n FROM release_message GROUP BY message',
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.n)).toBe(1);
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

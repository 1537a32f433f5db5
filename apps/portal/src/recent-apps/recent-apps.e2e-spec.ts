import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { PortalClient } from '../test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from '../test-support/portal-test-server';
import { RECENT_APPS_KEPT } from './recent-apps.store';

const appIds = (body: unknown) => (body as Array<{ appId: string }>).map((recent) => recent.appId);

/** The same on the portal's SQLite file and on MariaDB (the MySQL migration and its OFFSET). */
function recentAppsSuite(scratchDatabase?: () => Promise<ScratchDatabase>) {
  let portal: PortalTestServer;
  let alice: PortalClient;
  let scratch: ScratchDatabase | undefined;
  beforeAll(async () => {
    scratch = await scratchDatabase?.();
    portal = await startPortalTestServer(scratch ? { HOUSTON_PORTAL_DB_URL: scratch.url } : {});
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    for (const username of ['alice', 'bob']) {
      const created = await admin.post('/api/users', { username, password: `${username}-password-1` });
      expect(created.status).toBe(201);
    }
    alice = await PortalClient.signedIn(portal.url, 'alice', 'alice-password-1');
  });
  afterAll(async () => {
    await portal?.close();
    await scratch?.drop();
  });

  it('keeps each person their own visits, latest first; a second visit moves the app to the front', async () => {
    expect((await alice.get('/api/me/recent-apps')).body).toEqual([]);
    const first = await alice.put('/api/me/recent-apps/shop');
    expect(first.status).toBe(200);
    expect(first.body).toEqual([{ appId: 'shop', visitedAt: expect.any(String) }]);
    expect((await alice.put('/api/me/recent-apps/billing.api')).status).toBe(200);
    expect(appIds((await alice.get('/api/me/recent-apps')).body)).toEqual(['billing.api', 'shop']);
    expect(appIds((await alice.put('/api/me/recent-apps/shop')).body)).toEqual(['shop', 'billing.api']);

    // Another session of Alice's (another browser) sees the same; Bob sees none of them.
    const elsewhere = await PortalClient.signedIn(portal.url, 'alice', 'alice-password-1');
    expect(appIds((await elsewhere.get('/api/me/recent-apps')).body)).toEqual(['shop', 'billing.api']);
    const bob = await PortalClient.signedIn(portal.url, 'bob', 'bob-password-1');
    expect((await bob.get('/api/me/recent-apps')).body).toEqual([]);
    expect((await bob.put('/api/me/recent-apps/orders')).status).toBe(200);
    expect(appIds((await alice.get('/api/me/recent-apps')).body)).toEqual(['shop', 'billing.api']);
  });

  it(`forgets the oldest beyond ${RECENT_APPS_KEPT}`, async () => {
    const carol = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    for (let index = 0; index < RECENT_APPS_KEPT + 3; index += 1) {
      expect((await carol.put(`/api/me/recent-apps/app-${index}`)).status).toBe(200);
    }
    const kept = appIds((await carol.get('/api/me/recent-apps')).body);
    expect(kept).toHaveLength(RECENT_APPS_KEPT);
    expect(kept[0]).toBe(`app-${RECENT_APPS_KEPT + 2}`);
    expect(kept).not.toContain('app-2');
    expect(kept).toContain('app-3');
    // Only the rows shown are stored.
    const stored = await portal.database.manager.query('SELECT COUNT(*) AS n FROM portal_recent_app');
    expect(Number(stored[0].n)).toBe(RECENT_APPS_KEPT + 2 + 1);
  });

  it('refuses an app id that cannot be one, a request without a session, and a write without the CSRF token', async () => {
    const bad = await alice.put('/api/me/recent-apps/bad%20id');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'appId' } });
    expect((await new PortalClient(portal.url).get('/api/me/recent-apps')).status).toBe(401);
    const noCsrf = await alice.request('PUT', '/api/me/recent-apps/shop', undefined, {
      'x-csrf-token': 'wrong',
    });
    expect(noCsrf.status).toBe(403);
    expect(appIds((await alice.get('/api/me/recent-apps')).body)).toEqual(['shop', 'billing.api']);
  });
}

describe('recently visited apps over HTTP', () => recentAppsSuite());
describeWithMysql('recently visited apps over HTTP, on MariaDB', () =>
  recentAppsSuite(() => createScratchMysqlDatabase('houston_ui_recent')),
);

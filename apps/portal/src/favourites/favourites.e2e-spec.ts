import { PortalClient } from '../test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from '../test-support/portal-test-server';
import { MAX_FAVOURITES } from './favourites.controller';

describe('favourite apps over HTTP', () => {
  let portal: PortalTestServer;
  let admin: PortalClient;
  let alice: PortalClient;
  beforeAll(async () => {
    portal = await startPortalTestServer();
    admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    for (const username of ['alice', 'bob']) {
      const created = await admin.post('/api/users', { username, password: `${username}-password-1` });
      expect(created.status).toBe(201);
    }
    alice = await PortalClient.signedIn(portal.url, 'alice', 'alice-password-1');
  });
  afterAll(async () => portal?.close());

  it('keeps each person their own list, newest first; marking twice or removing twice changes nothing', async () => {
    expect((await alice.get('/api/me/favourites')).body).toEqual([]);
    const first = await alice.put('/api/me/favourites/shop');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ appId: 'shop', createdAt: expect.any(String) });
    expect((await alice.put('/api/me/favourites/billing.api')).status).toBe(200);
    const again = await alice.put('/api/me/favourites/shop');
    expect(again.body).toEqual(first.body);
    const list = (await alice.get('/api/me/favourites')).body as Array<{ appId: string }>;
    expect(list.map((favourite) => favourite.appId)).toEqual(['billing.api', 'shop']);

    // Bob sees none of Alice's, and his own change does not touch hers.
    const bob = await PortalClient.signedIn(portal.url, 'bob', 'bob-password-1');
    expect((await bob.get('/api/me/favourites')).body).toEqual([]);
    expect((await bob.delete('/api/me/favourites/shop')).status).toBe(204);
    expect((await alice.get('/api/me/favourites')).body).toHaveLength(2);

    expect((await alice.delete('/api/me/favourites/shop')).status).toBe(204);
    expect((await alice.delete('/api/me/favourites/shop')).status).toBe(204);
    expect(
      ((await alice.get('/api/me/favourites')).body as Array<{ appId: string }>).map((f) => f.appId),
    ).toEqual(['billing.api']);
  });

  it('refuses an app id that cannot be one, a request without a session, and a write without the CSRF token', async () => {
    const bad = await alice.put('/api/me/favourites/bad%20id');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'appId' } });
    expect((await alice.put(`/api/me/favourites/${'a'.repeat(65)}`)).status).toBe(400);
    expect((await new PortalClient(portal.url).get('/api/me/favourites')).status).toBe(401);
    const noCsrf = await alice.request('PUT', '/api/me/favourites/shop', undefined, {
      'x-csrf-token': 'wrong',
    });
    expect(noCsrf.status).toBe(403);
  });

  it(`keeps at most ${MAX_FAVOURITES} per person`, async () => {
    const carol = await admin.post('/api/users', { username: 'carol', password: 'carol-password-1' });
    expect(carol.status).toBe(201);
    const client = await PortalClient.signedIn(portal.url, 'carol', 'carol-password-1');
    for (let index = 0; index < MAX_FAVOURITES; index += 1) {
      expect((await client.put(`/api/me/favourites/app-${index}`)).status).toBe(200);
    }
    const over = await client.put('/api/me/favourites/one-more');
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { limit: MAX_FAVOURITES } });
    // One already there is still answered as it is.
    expect((await client.put('/api/me/favourites/app-0')).status).toBe(200);
  });
});

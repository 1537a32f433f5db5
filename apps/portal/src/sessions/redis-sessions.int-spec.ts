import { createHash } from 'node:crypto';
import { describeWithRedis, TEST_REDIS_URL } from '@houston/testing';
import { Redis } from 'ioredis';
import { PortalClient } from '../test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from '../test-support/portal-test-server';
import { RedisSessionStore } from './session-store';

const sessionKeyOf = (client: PortalClient) => {
  // The cookie is `houston_portal_session=<token>.<signature>`; Redis keys the token's SHA-256.
  const token = client.cookie!.split('=')[1]!.split('.')[0]!;
  return `houston:portal:session:${createHash('sha256').update(token).digest('hex')}`;
};

describeWithRedis('portal sessions in Redis (real Redis)', () => {
  let redis: Redis;
  let portal: PortalTestServer;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL);
    portal = await startPortalTestServer({ HOUSTON_PORTAL_REDIS_URL: TEST_REDIS_URL });
  });
  afterAll(async () => {
    await portal?.close();
    redis?.disconnect();
  });

  it('keeps a session in Redis with its expiry, not in the portal database', async () => {
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    const key = sessionKeyOf(admin);
    const stored = JSON.parse((await redis.get(key))!) as {
      userId: number;
      csrfToken: string;
      expiresAt: number;
    };
    expect(stored).toMatchObject({ csrfToken: admin.csrfToken });
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(7 * 3_600_000);
    expect(ttl).toBeLessThanOrEqual(8 * 3_600_000);
    expect(await portal.database.manager.query('SELECT COUNT(*) AS n FROM portal_session')).toEqual([
      { n: 0 },
    ]);
    expect((await admin.get('/api/session')).status).toBe(200);
  });

  it('ends a session whose key expired, and on sign-out', async () => {
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    const key = sessionKeyOf(admin);
    await redis.pexpire(key, 1);
    // Redis drops the key once its millisecond has passed: wait for that, not for a fixed time.
    const deadline = Date.now() + 5_000;
    while ((await redis.exists(key)) === 1) {
      if (Date.now() > deadline) throw new Error('the session key did not expire');
      await new Promise((tick) => setImmediate(tick));
    }
    expect((await admin.get('/api/session')).status).toBe(401);
    const again = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await again.post('/api/logout')).status).toBe(204);
    expect(await redis.exists(sessionKeyOf(again))).toBe(0);
    expect((await again.get('/api/session')).status).toBe(401);
  });

  it("ends the user's other sessions when the password changes", async () => {
    const user = { username: 'carol', password: 'carols-long-password' };
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await admin.post('/api/users', user)).status).toBe(201);
    const laptop = await PortalClient.signedIn(portal.url, user.username, user.password);
    const phone = await PortalClient.signedIn(portal.url, user.username, user.password);
    const changed = await laptop.post('/api/me/password', {
      currentPassword: user.password,
      newPassword: 'carols-new-long-password',
    });
    expect(changed.status).toBe(204);
    expect((await phone.get('/api/session')).status).toBe(401);
    expect((await laptop.get('/api/session')).status).toBe(200);
    expect(await redis.exists(sessionKeyOf(phone))).toBe(0);
  });

  it('ends every session of a deleted user in Redis, so their cookies get 401 at once', async () => {
    const user = { username: 'dave', password: 'daves-long-password' };
    const admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
    expect((await admin.post('/api/users', user)).status).toBe(201);
    const laptop = await PortalClient.signedIn(portal.url, user.username, user.password);
    const phone = await PortalClient.signedIn(portal.url, user.username, user.password);
    const { userId } = JSON.parse((await redis.get(sessionKeyOf(laptop)))!) as { userId: number };
    const userKey = `houston:portal:user-sessions:${userId}`;
    expect(await redis.scard(userKey)).toBe(2);

    expect((await admin.delete('/api/users/dave')).status).toBe(204);
    expect(await redis.exists(sessionKeyOf(laptop), sessionKeyOf(phone), userKey)).toBe(0);
    expect((await laptop.get('/api/session')).status).toBe(401);
    expect((await phone.get('/api/session')).status).toBe(401);
    expect((await admin.get('/api/session')).status).toBe(200);
  });

  it("stores, finds and deletes sessions, and one user's others only", async () => {
    const store = new RedisSessionStore(redis, `houston:test:${process.pid}:${Date.now()}:`);
    const now = Date.now();
    const session = (id: string, userId: number) => ({
      id,
      userId,
      csrfToken: `c-${id}`,
      expiresAt: now + 60_000,
    });
    await store.insert(session('a', 1), now);
    await store.insert(session('b', 1), now);
    await store.insert(session('c', 2), now);
    expect(await store.find('a')).toMatchObject({
      id: 'a',
      userId: 1,
      csrfToken: 'c-a',
      expiresAt: now + 60_000,
    });
    await store.deleteOthers(1, 'a');
    expect(await store.find('a')).toBeDefined();
    expect(await store.find('b')).toBeUndefined();
    expect(await store.find('c')).toBeDefined();
    await store.delete('a');
    await store.delete('c');
    expect(await store.find('a')).toBeUndefined();
    expect(await store.find('c')).toBeUndefined();
  });

  it("ends all of one user's sessions and nobody else's", async () => {
    const prefix = `houston:test:${process.pid}:${Date.now()}:all:`;
    const store = new RedisSessionStore(redis, prefix);
    const now = Date.now();
    const session = (id: string, userId: number) => ({
      id,
      userId,
      csrfToken: `c-${id}`,
      expiresAt: now + 60_000,
    });
    await store.insert(session('a', 1), now);
    await store.insert(session('b', 1), now);
    await store.insert(session('c', 2), now);
    await store.deleteAllOf(1);
    expect(await store.find('a')).toBeUndefined();
    expect(await store.find('b')).toBeUndefined();
    expect(await redis.exists(`${prefix}user-sessions:1`)).toBe(0);
    expect(await store.find('c')).toBeDefined();
    await store.deleteAllOf(3); // a user without sessions: nothing to do, no error
    await store.deleteAllOf(2);
    expect(await store.find('c')).toBeUndefined();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PortalReviewRequestEntity } from './persistence/portal-entities';
import { PortalClient } from './test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from './test-support/portal-test-server';

describe('portal people and sessions over HTTP', () => {
  let portal: PortalTestServer;
  let admin: PortalClient;
  beforeAll(async () => {
    portal = await startPortalTestServer({ HOUSTON_PORTAL_LOGIN_ATTEMPTS: '3' });
    admin = await PortalClient.signedIn(portal.url, TEST_ADMIN.username, TEST_ADMIN.password);
  });
  afterAll(async () => portal?.close());

  it('answers health and readiness without a session', async () => {
    const anonymous = new PortalClient(portal.url);
    expect((await anonymous.get('/health')).status).toBe(200);
    expect((await anonymous.get('/ready')).status).toBe(200);
  });

  it('refuses every API route without a session', async () => {
    const anonymous = new PortalClient(portal.url);
    const answer = await anonymous.get('/api/users');
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect((await anonymous.get('/api/session')).status).toBe(401);
  });

  it('signs in with a signed, HttpOnly, SameSite cookie and answers who is signed in', async () => {
    const client = new PortalClient(portal.url);
    const answer = await client.login('ADMIN', TEST_ADMIN.password);
    expect(answer.status).toBe(200);
    const cookie = answer.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^houston_portal_session=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/,
    );
    expect(answer.body.user).toMatchObject({ username: 'admin', isSuperAdmin: true });
    expect(answer.body.user.passwordHash).toBeUndefined();
    const session = await client.get('/api/session');
    expect(session.status).toBe(200);
    expect(session.body.csrfToken).toBe(answer.body.csrfToken);
  });

  it('refuses a forged or altered cookie', async () => {
    const forged = new PortalClient(portal.url);
    const [name, value] = admin.cookie!.split('=') as [string, string];
    const [token] = value.split('.');
    forged.cookie = `${name}=${token}.AAAA${value.slice(token!.length + 5)}`;
    expect((await forged.get('/api/session')).status).toBe(401);
    forged.cookie = `${name}=${token}`;
    expect((await forged.get('/api/session')).status).toBe(401);
  });

  it('refuses a wrong password with 401 and the same message as an unknown user', async () => {
    const client = new PortalClient(portal.url);
    const wrong = await client.login('admin', 'not-the-password', { 'x-forwarded-for': '10.9.9.9' });
    const unknown = await client.login('nobody', 'not-the-password', { 'x-forwarded-for': '10.9.9.9' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('requires the session CSRF token on every write', async () => {
    const user = { username: 'csrf-victim', password: 'long-enough-password' };
    const withoutToken = await admin.request('POST', '/api/users', user, { 'x-csrf-token': '' });
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.message).toMatch(/x-csrf-token/);
    const wrongToken = await admin.request('POST', '/api/users', user, { 'x-csrf-token': 'x'.repeat(32) });
    expect(wrongToken.status).toBe(403);
    const users = (await admin.get('/api/users')).body.map((u: { username: string }) => u.username);
    expect(users).not.toContain('csrf-victim');
  });

  it('refuses cross-site form posts even with the cookie and the token', async () => {
    const form = 'username=evil&password=long-enough-password';
    const crossSite = await admin.request('POST', '/api/users', form, {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.status).toBe(403);
    const plainForm = await admin.request('POST', '/api/users', form, {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(plainForm.status).toBe(415);
    const otherOrigin = await admin.request(
      'POST',
      '/api/users',
      { username: 'evil', password: 'long-enough-password' },
      { origin: 'https://evil.example' },
    );
    expect(otherOrigin.status).toBe(403);
    const users = (await admin.get('/api/users')).body.map((u: { username: string }) => u.username);
    expect(users).not.toContain('evil');
  });

  it('lets only a super administrator manage accounts', async () => {
    const created = await admin.post('/api/users', { username: 'Bob', password: 'bobs-long-password' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'bob', isSuperAdmin: false });
    expect((await admin.post('/api/users', { username: 'bob', password: 'bobs-long-password' })).status).toBe(
      409,
    );
    const bob = await PortalClient.signedIn(portal.url, 'bob', 'bobs-long-password');
    expect((await bob.get('/api/users')).status).toBe(403);
    expect((await bob.post('/api/users', { username: 'eve', password: 'eves-long-password' })).status).toBe(
      403,
    );
    expect((await admin.post('/api/users', { username: 'x', password: 'short' })).status).toBe(400);
  });

  it('deletes an account with its favourites and recently visited apps, all or nothing', async () => {
    await admin.post('/api/users', { username: 'erin', password: 'erins-long-password' });
    const erin = await PortalClient.signedIn(portal.url, 'erin', 'erins-long-password');
    expect((await erin.put('/api/me/favourites/shop')).status).toBe(200);
    expect((await erin.put('/api/me/recent-apps/shop')).status).toBe(200);
    const [{ id }] = await portal.database.manager.query(
      "SELECT id FROM portal_user WHERE username = 'erin'",
    );
    const rowsOf = async (table: string) =>
      Number(
        (await portal.database.manager.query(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?`, [id]))[0]
          .n,
      );
    expect(await rowsOf('portal_favourite')).toBe(1);
    expect(await rowsOf('portal_recent_app')).toBe(1);

    // The user row refuses to go: the favourites and visits deleted before it come back.
    await portal.database.manager.query(
      `CREATE TRIGGER keep_erin BEFORE DELETE ON portal_user WHEN OLD.username = 'erin' BEGIN SELECT RAISE(ABORT, 'kept'); END`,
    );
    expect((await admin.delete('/api/users/erin')).status).toBe(500);
    expect(await rowsOf('portal_favourite')).toBe(1);
    expect(await rowsOf('portal_recent_app')).toBe(1);
    await portal.database.manager.query('DROP TRIGGER keep_erin');

    expect((await erin.delete('/api/users/admin')).status).toBe(403);
    expect((await admin.delete(`/api/users/${TEST_ADMIN.username}`)).status).toBe(409);
    const reviews = portal.database.manager.getRepository(PortalReviewRequestEntity);
    const request = (status: string) =>
      reviews.save(
        reviews.create({
          env: 'DEV',
          appId: 'shop',
          clusterName: 'default',
          namespaceName: 'application',
          status,
          requestedBy: 'erin',
          baseReleaseId: 0,
          changes: '{"added":[],"modified":[],"deleted":[]}',
        }),
      );
    const pending = await request('PENDING');
    const rejected = await request('REJECTED');
    expect((await admin.delete('/api/users/Erin')).status).toBe(204);
    // Nobody is left to take back erin's pending request: it is withdrawn, not left to be approved.
    expect(await reviews.findOneByOrFail({ id: pending.id })).toMatchObject({
      status: 'WITHDRAWN',
      requestedBy: 'erin',
      reviewedBy: TEST_ADMIN.username,
      reviewComment: 'withdrawn: the account of erin was deleted',
    });
    expect(await reviews.findOneByOrFail({ id: rejected.id })).toMatchObject({
      status: 'REJECTED',
      reviewedBy: '',
    });
    expect((await admin.delete('/api/users/erin')).status).toBe(404);
    expect(await rowsOf('portal_favourite')).toBe(0);
    expect(await rowsOf('portal_recent_app')).toBe(0);
    expect(await rowsOf('portal_session')).toBe(0);
    expect((await erin.get('/api/session')).status).toBe(401);
    expect((await new PortalClient(portal.url).login('erin', 'erins-long-password')).status).toBe(401);
    // A new account of the same name starts with none of them.
    await admin.post('/api/users', { username: 'erin', password: 'erins-new-long-password' });
    const again = await PortalClient.signedIn(portal.url, 'erin', 'erins-new-long-password');
    expect((await again.get('/api/me/favourites')).body).toEqual([]);
    expect((await again.get('/api/me/recent-apps')).body).toEqual([]);
  });

  it('rate-limits failed sign-ins per user and address with 429, even for the right password', async () => {
    await admin.post('/api/users', { username: 'carol', password: 'carols-long-password' });
    const client = new PortalClient(portal.url);
    for (let i = 0; i < 3; i++) expect((await client.login('carol', 'wrong-password')).status).toBe(401);
    const limited = await client.login('carol', 'carols-long-password');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('TOO_MANY_REQUESTS');
    // The limiter's own wait, the same in the header and the body.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.details).toEqual({ retryAfterSeconds: Number(limited.headers.get('retry-after')) });
    // A forged X-Forwarded-For does not give a fresh address.
    expect(
      (await client.login('carol', 'carols-long-password', { 'x-forwarded-for': '10.1.2.3' })).status,
    ).toBe(429);
    // Other people are not locked out by someone guessing carol's password.
    expect((await new PortalClient(portal.url).login('bob', 'bobs-long-password')).status).toBe(200);
  });

  it('disables an account: its sessions end, it cannot sign in, and enabling it gives it back', async () => {
    await admin.post('/api/users', { username: 'fay', password: 'fays-long-password' });
    const fay = await PortalClient.signedIn(portal.url, 'fay', 'fays-long-password');
    expect((await fay.get('/api/session')).status).toBe(200);

    const disabled = await admin.put('/api/users/Fay/enabled', { enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.body).toMatchObject({ username: 'fay', isEnabled: false });
    expect((await fay.get('/api/session')).status).toBe(401);
    expect((await new PortalClient(portal.url).login('fay', 'fays-long-password')).status).toBe(401);
    const listed = (await admin.get('/api/users')).body.find(
      (u: { username: string }) => u.username === 'fay',
    );
    expect(listed).toMatchObject({ isEnabled: false });

    expect((await admin.put('/api/users/fay/enabled', { enabled: true })).body).toMatchObject({
      isEnabled: true,
    });
    // The session open when the account was disabled stays ended; a new sign-in works.
    expect((await fay.get('/api/session')).status).toBe(401);
    const again = await PortalClient.signedIn(portal.url, 'fay', 'fays-long-password');
    expect((await again.get('/api/session')).status).toBe(200);

    expect((await admin.put('/api/users/admin/enabled', { enabled: false })).status).toBe(409);
    expect((await admin.put('/api/users/nobody/enabled', { enabled: false })).status).toBe(404);
    expect((await admin.put('/api/users/fay/enabled', { enabled: 'no' })).status).toBe(400);
    expect((await again.put('/api/users/fay/enabled', { enabled: false })).status).toBe(403);
  });

  it('ends the session at sign-out and other sessions at a password change', async () => {
    await admin.post('/api/users', { username: 'dave', password: 'daves-long-password' });
    const first = await PortalClient.signedIn(portal.url, 'dave', 'daves-long-password');
    const second = await PortalClient.signedIn(portal.url, 'dave', 'daves-long-password');
    const wrongCurrent = await first.post('/api/me/password', {
      currentPassword: 'nope',
      newPassword: 'daves-new-long-password',
    });
    expect(wrongCurrent.status).toBe(401);
    const changed = await first.post('/api/me/password', {
      currentPassword: 'daves-long-password',
      newPassword: 'daves-new-long-password',
    });
    expect(changed.status).toBe(204);
    expect((await second.get('/api/session')).status).toBe(401);
    expect((await first.get('/api/session')).status).toBe(200);
    expect((await new PortalClient(portal.url).login('dave', 'daves-long-password')).status).toBe(401);

    expect((await first.post('/api/logout')).status).toBe(204);
    expect((await first.get('/api/session')).status).toBe(401);
  });
});

describe('the first administrator', () => {
  it('gets a generated password printed once; sessions survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'houston-portal-first-'));
    const settings = {
      HOUSTON_PORTAL_DB_URL: `sqlite:${join(dir, 'portal.sqlite')}`,
      HOUSTON_PORTAL_ADMIN_PASSWORD: '',
    };
    try {
      const first = await startPortalTestServer(settings);
      let client: PortalClient;
      try {
        expect(first.announced).toHaveLength(1);
        const password = /password (\S+)/.exec(first.announced[0]!)![1]!;
        client = await PortalClient.signedIn(first.url, 'admin', password);
      } finally {
        await first.close();
      }
      const second = await startPortalTestServer(settings);
      try {
        expect(second.announced).toEqual([]);
        const again = new PortalClient(second.url);
        again.cookie = client.cookie;
        expect((await again.get('/api/session')).body.user.username).toBe('admin');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import { createServer } from 'node:net';
import { Browser, type Hop } from '../test-support/browser';
import { PortalClient } from '../test-support/portal-client';
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from '../test-support/portal-test-server';
import { startTestOidcProvider, type TestOidcProvider } from '@houston/testing/oidc';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * Walks the identity provider's pages as a person would (sign in as `login`, then consent) from
 * `start` until the provider sends the browser back to the portal; that URL, not yet visited.
 */
async function throughProvider(browser: Browser, start: string, portalOrigin: string, login: string) {
  let hop: Hop = await browser.request(start);
  for (let step = 0; step < 20; step++) {
    if (hop.location) {
      if (hop.location.startsWith(portalOrigin)) return hop.location;
      hop = await browser.request(hop.location);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"/.exec(hop.body)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(hop.body)?.[1];
    if (hop.status !== 200 || !action || !prompt) {
      throw new Error(`unexpected page at ${hop.url}: ${hop.status} ${hop.body.slice(0, 300)}`);
    }
    const form: Record<string, string> =
      prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
    hop = await browser.request(new URL(action.replace(/&amp;/g, '&'), hop.url).href, {
      method: 'POST',
      form,
    });
  }
  throw new Error('the identity provider never sent the browser back');
}

describe('OIDC sign-in against a real provider', () => {
  let idp: TestOidcProvider;
  let portal: PortalTestServer;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startTestOidcProvider([`${origin}/api/oidc/callback`]);
    portal = await startPortalTestServer({
      HOUSTON_PORTAL_PORT: String(port),
      ...idp.portalSettings(origin),
    });
  });
  afterAll(async () => {
    await portal?.close();
    await idp?.close();
  });

  async function signIn(login: string, browser = new Browser()) {
    const callback = await throughProvider(
      browser,
      `${origin}/api/oidc/login?returnTo=/apps/shop`,
      origin,
      login,
    );
    const landed = await browser.request(callback);
    return { browser, callback, landed };
  }

  function clientOf(browser: Browser): PortalClient {
    const client = new PortalClient(origin);
    const cookie = browser.cookie(origin, 'houston_portal_session');
    if (cookie) client.cookie = `houston_portal_session=${cookie}`;
    return client;
  }

  it('says which ways of signing in it offers', async () => {
    expect((await new PortalClient(origin).get('/api/sign-in-options')).body).toEqual({
      local: true,
      oidc: true,
    });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const hop = await new Browser().request(`${origin}/api/oidc/login`);
    expect(hop.status).toBe(302);
    const url = new URL(hop.location!);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(`${origin}/api/oidc/callback`);
    const cookie = hop.headers.getSetCookie().find((c) => c.startsWith('houston_portal_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it('signs a new person in: a passwordless portal user and the same session cookie as local sign-in', async () => {
    const { browser, landed } = await signIn('carol');
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(`${origin}/apps/shop`);
    const setCookie = landed.headers.getSetCookie().find((c) => c.startsWith('houston_portal_session='))!;
    expect(setCookie).toMatch(/HttpOnly; SameSite=Lax; Max-Age=\d+/);
    const carol = clientOf(browser);
    const session = await carol.get('/api/session');
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      username: 'carol',
      displayName: 'User carol',
      email: 'carol@example.test',
      isSuperAdmin: false,
    });
    // The CSRF token of that session works for writes, as after a local sign-in.
    carol.csrfToken = session.body.csrfToken;
    expect((await carol.post('/api/logout')).status).toBe(204);
    expect((await carol.get('/api/session')).status).toBe(401);
    // No password opens the account the provider made.
    expect((await new PortalClient(origin).login('carol', '')).status).toBe(400);
    expect((await new PortalClient(origin).login('carol', 'any password at all')).status).toBe(401);
  });

  it('finds the same user at the next sign-in instead of making another', async () => {
    const admin = await PortalClient.signedIn(origin, TEST_ADMIN.username, TEST_ADMIN.password);
    await signIn('dave');
    const before = (await admin.get('/api/users')).body.length;
    const again = await signIn('dave');
    expect((await clientOf(again.browser).get('/api/session')).body.user.username).toBe('dave');
    expect((await admin.get('/api/users')).body.length).toBe(before);
  });

  it('links the first sign-in to the account of the same name (the first administrator here)', async () => {
    const { browser } = await signIn(TEST_ADMIN.username);
    expect((await clientOf(browser).get('/api/session')).body.user).toMatchObject({
      username: TEST_ADMIN.username,
      isSuperAdmin: true,
    });
  });

  it('refuses an answer whose state is not the one it sent, and signs nobody in', async () => {
    const browser = new Browser();
    const callback = new URL(await throughProvider(browser, `${origin}/api/oidc/login`, origin, 'mallory'));
    callback.searchParams.set('state', 'not-the-state-that-was-sent');
    const answer = await browser.request(callback.href);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/state/);
    expect(browser.cookie(origin, 'houston_portal_session')).toBeUndefined();
    // The transaction is spent: the untouched answer no longer works either.
    callback.searchParams.delete('state');
    expect((await browser.request(callback.href)).status).toBe(400);
  });

  it('refuses a code obtained with another nonce (an injected code), and signs nobody in', async () => {
    const browser = new Browser();
    const start = await browser.request(`${origin}/api/oidc/login`);
    const authorize = new URL(start.location!);
    // Same state and PKCE challenge, so only the ID token's nonce can tell.
    authorize.searchParams.set('nonce', 'a-nonce-the-portal-never-made');
    const callback = await throughProvider(browser, authorize.href, origin, 'mallory');
    const answer = await browser.request(callback);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).message).toMatch(/nonce/);
    expect(browser.cookie(origin, 'houston_portal_session')).toBeUndefined();
  });

  it('refuses an answer that comes back to a browser that did not start the sign-in', async () => {
    const { callback } = await (async () => {
      const started = new Browser();
      return { callback: await throughProvider(started, `${origin}/api/oidc/login`, origin, 'erin') };
    })();
    const other = new Browser();
    const answer = await other.request(callback);
    expect(answer.status).toBe(400);
    expect(other.cookie(origin, 'houston_portal_session')).toBeUndefined();
  });

  it('never sends the browser on to another site after sign-in', async () => {
    const browser = new Browser();
    const callback = await throughProvider(
      browser,
      `${origin}/api/oidc/login?returnTo=${encodeURIComponent('//evil.example/')}`,
      origin,
      'frank',
    );
    expect((await browser.request(callback)).location).toBe(`${origin}/`);
  });
});

describe('a portal with local sign-in turned off', () => {
  let idp: TestOidcProvider;
  let portal: PortalTestServer;

  beforeAll(async () => {
    idp = await startTestOidcProvider(['http://127.0.0.1:1/api/oidc/callback']);
    portal = await startPortalTestServer({
      HOUSTON_PORTAL_OIDC_ISSUER: idp.issuer,
      HOUSTON_PORTAL_OIDC_CLIENT_ID: idp.clientId,
      HOUSTON_PORTAL_OIDC_REDIRECT_URL: 'http://127.0.0.1:1/api/oidc/callback',
      HOUSTON_PORTAL_LOCAL_LOGIN: 'false',
    });
  });
  afterAll(async () => {
    await portal?.close();
    await idp?.close();
  });

  it('refuses passwords, even the right one, and says so', async () => {
    const client = new PortalClient(portal.url);
    expect((await client.get('/api/sign-in-options')).body).toEqual({ local: false, oidc: true });
    const answer = await client.login(TEST_ADMIN.username, TEST_ADMIN.password);
    expect(answer.status).toBe(403);
    expect(answer.body.message).toMatch(/oidc/i);
  });
});

describe('a portal whose OIDC settings do not fit together', () => {
  it('does not start, naming the setting', async () => {
    await expect(
      startPortalTestServer({
        HOUSTON_PORTAL_OIDC_ISSUER: 'https://id.example.test',
        HOUSTON_PORTAL_OIDC_REDIRECT_URL: 'https://portal.example.test/api/oidc/callback',
      }),
    ).rejects.toThrow(/HOUSTON_PORTAL_OIDC_CLIENT_ID: is required/);
  });
});

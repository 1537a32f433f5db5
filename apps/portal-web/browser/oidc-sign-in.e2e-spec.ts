import { createServer } from 'node:net';
import { startTestOidcProvider, type TestOidcProvider } from '@houston/testing/oidc';
import { startConsole, type ConsoleUnderTest } from './console-harness';

jest.setTimeout(180_000);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * Single sign-on in Chromium against a real OIDC provider (`oidc-provider`, with its own login
 * and consent pages) on a loopback port: the portal must know its own address for the redirect,
 * so it is started on a port chosen first.
 */
describe('the console in Chromium: single sign-on', () => {
  let idp: TestOidcProvider;
  let app: ConsoleUnderTest;
  let origin: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    idp = await startTestOidcProvider([`${origin}/api/oidc/callback`]);
    app = await startConsole({
      HOUSTON_PORTAL_PORT: String(port),
      ...idp.portalSettings(origin),
    });
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.close();
  });

  it('offers the single sign-on button, which goes through the provider and comes back signed in', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto('/apps/shop?env=DEV');
    await page.waitForURL(/\/login/);
    // Local sign-in is still offered next to it.
    await page.getByLabel('User name').waitFor();
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).click();

    // The provider's own login page, then its consent page.
    await page.waitForURL((url) => url.origin === idp.issuer);
    await page.locator('input[name="login"]').fill('carol');
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.origin === idp.issuer && /consent|interaction/.test(url.pathname));
    await page.locator('button[type="submit"]').click();

    await page.waitForURL((url) => url.origin === origin && url.pathname === '/apps/shop');
    await page.getByTestId('current-user').filter({ hasText: 'User carol' }).waitFor();
    await context.close();
  });
});

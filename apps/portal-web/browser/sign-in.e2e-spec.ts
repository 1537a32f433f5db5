import { ADMIN, signIn, startConsole, type ConsoleUnderTest } from './console-harness';

jest.setTimeout(180_000);

describe('the console in Chromium: signing in and the language', () => {
  let app: ConsoleUnderTest;
  beforeAll(async () => {
    app = await startConsole();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is served by the portal at / and at any client route, and /api stays the API', async () => {
    const page = await fetch(`${app.portalUrl}/apps/demo?env=DEV`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${app.portalUrl}/api/no-such-route`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('refuses a wrong password in words, then signs in and lands on the app list', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await signIn(page, ADMIN.username, 'not-the-password');
    await page.getByRole('alert').filter({ hasText: 'That user name and password do not match.' }).waitFor();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    expect(await page.getByTestId('current-user').textContent()).toBe('Administrator');
    // A reload keeps the session (the cookie) and the page (the route).
    await page.reload();
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await context.close();
  });

  it('switches to Chinese and back, and remembers the choice', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '应用' }).waitFor();
    await page.getByRole('button', { name: '创建应用' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '应用' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await context.close();
  });

  it('signs out', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto('/');
    await page.waitForURL(/\/login$/);
    await context.close();
  });
});

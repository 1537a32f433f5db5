import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { ADMIN, portalApi, signIn, startConsole, type ConsoleUnderTest } from './console-harness';

jest.setTimeout(300_000);

const ERIN = { username: 'erin', password: 'erin-password-12' };
const APP = '/api/envs/DEV/apps/shop';
const NS = `${APP}/clusters/default/namespaces/application`;

/**
 * Run in the page (this folder has no DOM types): how far the page scrolls sideways, and the
 * visible primary buttons that stick out of the window.
 */
const MEASURE = `(() => {
  const root = document.scrollingElement;
  const width = root.clientWidth;
  const cutOff = [...document.querySelectorAll('.ant-btn-primary')]
    .filter((button) => button.offsetParent !== null)
    .filter((button) => {
      const box = button.getBoundingClientRect();
      return box.left < 0 || box.right > width;
    })
    .map((button) => button.textContent);
  return { overflow: root.scrollWidth - width, cutOff };
})()`;

interface Release {
  releaseKey: string;
}

/**
 * The administrator's pages and the Instances tab in Chromium: a new account made on the Users
 * page signs in and may create apps once the page allows it; a real client read against the
 * config service shows up with the release it has, and is marked behind after a new release; and
 * every main page fits a 1280 px window.
 */
describe('the console in Chromium: users, instances, pages at 1280 px', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let adminContext: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    app = await startConsole({
      HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      HOUSTON_INSTANCE_FLUSH_INTERVAL: '200ms',
    });
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/envs/DEV/apps', { appId: 'shop', name: 'Shop' });
    await admin('PUT', `${NS}/items`, { configText: 'timeout = 100\nretries = 3' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'first' });
    adminContext = await app.newContext();
    page = await adminContext.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('creates a user who signs in, may not create apps until the page allows it, then does', async () => {
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('User name').fill(ERIN.username);
    await dialog.getByLabel('Display name').fill('Erin');
    await dialog.getByLabel('Password (12 to 128 characters)').fill('short');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.getByText('Password (12 to 128 characters)', { exact: true }).nth(1).waitFor();
    await dialog.getByLabel('Password (12 to 128 characters)').fill(ERIN.password);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: ERIN.username });
    await row.getByText('Erin', { exact: true }).waitFor();
    const mayCreate = row.getByRole('switch', { name: `May create apps: ${ERIN.username}` });
    expect(await mayCreate.getAttribute('aria-checked')).toBe('false');

    const erinContext = await app.newContext();
    const erin = await erinContext.newPage();
    await signIn(erin, ERIN.username, ERIN.password);
    await erin.getByRole('heading', { name: 'Apps' }).waitFor();
    const tryCreate = async (appId: string) => {
      await erin.getByRole('button', { name: 'Create app' }).click();
      const create = erin.getByRole('dialog');
      await create.getByLabel('App id').fill(appId);
      await create.getByLabel('Name', { exact: true }).fill(appId);
      await create.getByRole('button', { name: 'Create app' }).click();
      return create;
    };
    const refused = await tryCreate('erins');
    await refused.getByText('You do not have the permission this needs.', { exact: false }).waitFor();
    await refused.getByRole('button', { name: 'Cancel' }).click();
    // The closing dialog keeps its own "Create app" button until it is hidden.
    await refused.waitFor({ state: 'hidden' });

    await mayCreate.click();
    // The row has an "Enabled" switch too, on already: wait for this one.
    await row.getByRole('switch', { name: `May create apps: ${ERIN.username}`, checked: true }).waitFor();
    const grants = await admin<Array<{ username: string }>>('GET', '/api/roles/create-application');
    expect(grants.map((grant) => grant.username)).toContain(ERIN.username);

    await tryCreate('erins');
    await erin.getByTestId('app-title').filter({ hasText: 'erins' }).waitFor();
    await erinContext.close();
  });

  it('lists a client that read the namespace with its release, and marks it behind after a new release', async () => {
    const first = await admin<Release>('GET', `${NS}/releases/latest`);
    const read = await fetch(`${app.houston.configUrl}/configs/shop/default/application?ip=10.1.2.3`);
    expect(read.status).toBe(200);
    const deadline = Date.now() + 30_000;
    while ((await admin<{ total: number }>('GET', `${NS}/instances`)).total === 0) {
      if (Date.now() > deadline) throw new Error('the config service never recorded the client');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    await page.goto('/apps/shop?env=DEV');
    const panel = page.getByTestId('namespace-panel');
    await panel.getByRole('tab', { name: 'Instances', exact: true }).click();
    const client = panel.locator('tr[data-ip="10.1.2.3"]');
    await client.getByText(first.releaseKey, { exact: true }).waitFor();
    expect(await client.getAttribute('data-behind')).toBe('false');
    await panel
      .getByTestId('instances-summary')
      .getByText('Every client shown holds the latest release.')
      .waitFor();

    await admin('PUT', `${NS}/items`, { configText: 'timeout = 200\nretries = 3' });
    const second = await admin<Release>('POST', `${NS}/releases`, { releaseTitle: 'second' });
    expect(second.releaseKey).not.toBe(first.releaseKey);
    await page.reload();
    await panel.getByRole('tab', { name: 'Instances', exact: true }).click();
    await client.getByText('older release', { exact: true }).waitFor();
    expect(await client.getAttribute('data-behind')).toBe('true');
    await client.getByText(first.releaseKey, { exact: true }).waitFor();
    await panel.getByText('1 of 1 clients still hold an older release.').waitFor();
    await panel.getByRole('checkbox', { name: 'Only those on an older release' }).check();
    expect(await panel.locator('tr[data-ip]').count()).toBe(1);
  });

  it('fits a 1280 x 800 window: no main page scrolls sideways or cuts off its primary button', async () => {
    // Something in every list, the longest of it what people really write.
    await admin('POST', `${APP}/notification-webhooks`, {
      url: 'http://127.0.0.1:1/a/rather/long/path/of/a/receiver/that/people/do/write/houston-events',
      secret: randomBytes(24).toString('hex'),
    });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'third' });
    await admin('POST', '/api/consumers', {
      appId: 'deploy-bot',
      name: 'deploy bot',
      ownerName: ADMIN.username,
    });
    await admin('POST', `${APP}/accesskeys`, {});
    await admin('POST', `${APP}/accesskeys`, {});
    await admin('POST', '/api/users', {
      username: 'someone.with.a.long.name',
      password: 'long-name-password-1',
      displayName: 'Someone With A Rather Long Display Name',
      email: 'someone.with.a.rather.long.address@a-long-company-domain.example.com',
    });
    const LONG_VALUE = `jdbc:mysql://${'db-primary.eu-central-1.internal.example.com,'.repeat(4)}db/orders?useSSL=true`;
    await admin('POST', '/api/envs/DEV/apps', {
      appId: 'reviewed-orders-service',
      name: 'Orders service of the checkout team, reviewed',
    });
    const reviewed = '/api/envs/DEV/apps/reviewed-orders-service';
    const reviewedNs = `${reviewed}/clusters/default/namespaces/application`;
    await admin('PUT', `${reviewed}/review-policy`, { required: true });
    await admin('PUT', `${reviewedNs}/items`, { configText: `db.url = ${LONG_VALUE}` });
    await admin('POST', `${reviewedNs}/review-requests`, {
      releaseTitle: 'orders-db-url-moved-to-the-new-primary-cluster-in-eu-central',
      releaseComment: 'The orders database moved to the new primary cluster; readers follow after.',
    });

    const context = await app.newContext();
    const wide = await context.newPage();
    await wide.setViewportSize({ width: 1280, height: 800 });
    await signIn(wide, ADMIN.username, ADMIN.password);
    await wide.getByRole('heading', { name: 'Apps' }).waitFor();
    const pages = [
      '/',
      '/search?key=time',
      '/search?value=jdbc',
      '/reviews',
      '/admin/users',
      '/admin/audit',
      '/admin/consumers',
      '/apps/shop/roles',
      '/apps/shop/keys?env=DEV',
      '/apps/shop/webhooks?env=DEV',
      '/apps/shop/transfer?env=DEV',
    ];
    const found: Array<{ path: string; overflow: number; cutOff: string[] }> = [];
    for (const path of pages) {
      await wide.goto(path);
      await wide.locator('main h3, main h2, main h1').first().waitFor();
      await wide.waitForLoadState('networkidle');
      found.push({
        path,
        ...((await wide.evaluate(MEASURE)) as { overflow: number; cutOff: string[] }),
      });
    }
    expect(found).toEqual(pages.map((path) => ({ path, overflow: 0, cutOff: [] })));
    await context.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  ADMIN,
  clickAndSeeMessage,
  portalApi,
  signIn,
  startConsole,
  type ConsoleUnderTest,
} from './console-harness';

jest.setTimeout(300_000);

const VIEWER = { username: 'viewer', password: 'viewer-password-1' };
const SHOP_SECRETISH = 'jdbc:shop-7c1e';
const NS = (appId: string) => `/api/envs/DEV/apps/${appId}/clusters/default/namespaces/application`;

describe('the console in Chromium: favourites, search, export and import, Open API consumers', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let adminContext: BrowserContext;
  let page: Page;
  const downloads = mkdtempSync(join(tmpdir(), 'houston-console-downloads-'));

  beforeAll(async () => {
    // DEV hides values from people without a role on the app.
    app = await startConsole({ HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'DEV' });
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...VIEWER, displayName: 'Viewer' });
    for (const appId of ['shop', 'billing'])
      await admin('POST', '/api/envs/DEV/apps', { appId, name: appId });
    await admin('PUT', `${NS('shop')}/items`, { configText: `db.url = ${SHOP_SECRETISH}\ntimeout = 100` });
    await admin('PUT', `${NS('billing')}/items`, { configText: 'db.url = jdbc:billing-host' });
    // The viewer is a member of billing only.
    await admin('POST', '/api/apps/billing/roles', {
      username: VIEWER.username,
      role: 'ModifyNamespace',
      namespace: 'application',
    });
    adminContext = await app.newContext();
    page = await adminContext.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('stars an app as a favourite, keeps it across reloads for this person only, and unstars it', async () => {
    const favourites = page.getByTestId('favourites');
    await favourites.getByText('none yet', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Add shop to favourites' }).click();
    await favourites.getByRole('link', { name: '★ shop' }).waitFor();
    await page.reload();
    await page.getByTestId('favourites').getByRole('link', { name: '★ shop' }).waitFor();
    expect(
      await page.getByRole('button', { name: 'Remove shop from favourites' }).getAttribute('aria-pressed'),
    ).toBe('true');

    const viewerContext = await app.newContext();
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, VIEWER.username, VIEWER.password);
    await viewerPage.getByRole('heading', { name: 'Apps' }).waitFor();
    await viewerPage.getByTestId('favourites').getByText('none yet', { exact: false }).waitFor();
    await viewerContext.close();

    // Opening an app from a favourite lands on it and puts it in "recently visited", which the
    // portal keeps: another browser of the same person shows it too.
    const visited = page.waitForResponse(
      (response) =>
        response.url().endsWith('/api/me/recent-apps/shop') && response.request().method() === 'PUT',
    );
    await page.getByTestId('favourites').getByRole('link', { name: '★ shop' }).click();
    await page.getByTestId('app-title').filter({ hasText: 'shop' }).waitFor();
    expect((await visited).status()).toBe(200);
    await page.goto('/');
    await page.getByTestId('recent-apps').getByRole('link', { name: 'shop' }).waitFor();
    const otherBrowser = await app.newContext();
    const elsewhere = await otherBrowser.newPage();
    await signIn(elsewhere, ADMIN.username, ADMIN.password);
    await elsewhere.getByTestId('recent-apps').getByRole('link', { name: 'shop' }).waitFor();
    await otherBrowser.close();
    await page.getByRole('button', { name: 'Remove shop from favourites' }).click();
    await page.getByTestId('favourites').getByText('none yet', { exact: false }).waitFor();
  });

  it('filters the apps from the keyboard: / focuses the search, and Tab goes on to Create app', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.keyboard.press('/');
    const focused = async () => {
      const element = page.locator(':focus');
      return (await element.getAttribute('aria-label')) ?? (await element.textContent()) ?? '';
    };
    expect(await focused()).toBe('Search apps by id, name or owner (press / to focus)');
    await page.keyboard.type('shop');
    await page.locator('a[aria-label="Open shop"]').waitFor();
    // No extra stop on a search button that does nothing: the list filters as one types.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Create app');
  });

  it('filters the audit log as one types, each filter a single Tab stop', async () => {
    await page.goto('/admin/audit');
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    const shopRows = rows.filter({ hasText: '/apps/shop/' });
    await shopRows.first().waitFor();
    await page.getByLabel('User', { exact: true }).click();
    await page.keyboard.press('Tab');
    const focused = () => page.locator(':focus').getAttribute('aria-label');
    expect(await focused()).toBe('Environment');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('App');
    await page.keyboard.type('billing');
    await shopRows.first().waitFor({ state: 'detached' });
    await rows.filter({ hasText: '/apps/billing/' }).first().waitFor();
    for (const cell of await rows.locator('td:nth-last-child(2)').allTextContents())
      expect(cell).toBe('billing');
  });

  it('searches values across apps without showing one the user may not see', async () => {
    const context = await app.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, VIEWER.username, VIEWER.password);
    await viewer.getByRole('heading', { name: 'Apps' }).waitFor();
    await viewer.getByRole('link', { name: 'Search' }).click();
    await viewer.getByLabel('Key starts with').fill('db.');
    await viewer.getByRole('button', { name: 'Search' }).click();
    const results = viewer.getByTestId('search-results');
    const billing = results.locator('tr[data-app="billing"][data-key="db.url"]');
    const shop = results.locator('tr[data-app="shop"][data-key="db.url"]');
    await billing.getByText('jdbc:billing-host').waitFor();
    await shop.getByText('hidden: not a member').waitFor();
    expect(await viewer.content()).not.toContain(SHOP_SECRETISH);

    // By value: the namespace the viewer may not read is not found at all.
    await viewer.getByLabel('Key starts with').fill('');
    await viewer.getByLabel('Value contains').fill('jdbc');
    await viewer.getByRole('button', { name: 'Search' }).click();
    await viewer.waitForURL(/value=jdbc/);
    // The key search's rows stay until the value search answers: wait for them to go, or the
    // count below reads the table while it is being replaced.
    await shop.waitFor({ state: 'detached' });
    await billing.waitFor();
    expect(await results.locator('tr[data-app]').count()).toBe(1);
    expect(await viewer.content()).not.toContain(SHOP_SECRETISH);
    await context.close();

    // The admin sees both, and the value.
    await page.goto('/search?value=jdbc');
    await page
      .getByTestId('search-results')
      .locator('tr[data-app="shop"]')
      .getByText(SHOP_SECRETISH)
      .waitFor();
  });

  it('exports an app as a zip and imports it back: ignore leaves the namespace, cover restores it', async () => {
    await page.goto('/apps/shop/transfer');
    await page.getByRole('heading', { name: /Export and import/ }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download zip' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('shop.zip');
    const archive = join(downloads, 'shop.zip');
    await download.saveAs(archive);
    await page.getByText('Downloaded shop.zip').waitFor();

    await admin('PUT', `${NS('shop')}/items/timeout`, { value: '999' });
    const importCard = page.locator('.ant-card').filter({ hasText: 'Archive' });
    await importCard.locator('input[type=file]').setInputFiles(archive);
    await importCard.getByRole('button', { name: 'Import' }).click();
    const report = page.getByTestId('import-report');
    await report.locator('tr[data-namespace="application"][data-status="skipped"]').waitFor();
    expect((await admin<{ value: string }>('GET', `${NS('shop')}/items/timeout`)).value).toBe('999');

    await importCard.getByLabel("Write the archive's keys into it (cover)").check();
    await importCard.getByRole('button', { name: 'Import' }).click();
    await report.locator('tr[data-namespace="application"][data-status="imported"]').waitFor();
    expect((await admin<{ value: string }>('GET', `${NS('shop')}/items/timeout`)).value).toBe('100');
  });

  it('creates an Open API consumer, shows its token once, grants it a namespace, and the token works', async () => {
    await page.goto('/admin/consumers');
    await page.getByRole('heading', { name: 'Open API consumers' }).waitFor();
    await page.getByRole('button', { name: 'Create consumer' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Consumer id').fill('deploy-bot');
    await dialog.getByLabel('Name').fill('Deploy bot');
    await dialog.getByLabel('Owner').fill('nobody-here');
    await dialog.getByRole('button', { name: 'Create consumer' }).click();
    // The refusal is shown in the dialog, and what was typed stays.
    await dialog.getByRole('alert').or(dialog.locator('.ant-form-item-explain-error')).first().waitFor();
    expect(await dialog.getByLabel('Consumer id').inputValue()).toBe('deploy-bot');
    await dialog.getByLabel('Owner').fill('admin');
    await dialog.getByLabel('Rate limit').fill('20');
    await dialog.getByRole('button', { name: 'Create consumer' }).click();

    const token = (await page.getByTestId('consumer-token').textContent())!.trim();
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.locator('tr[data-consumer="deploy-bot"]');
    await row.getByText('20/s').waitFor();

    await row.getByRole('button', { name: 'Grant' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('App id').fill('shop');
    await dialog.getByLabel('Namespace').fill('application');
    await dialog.getByRole('button', { name: 'Grant' }).click();
    await row.getByTestId('consumer-grant').filter({ hasText: 'shop / application' }).waitFor();
    expect(await page.content()).not.toContain(token);

    const open = (appId: string) =>
      fetch(`${app.portalUrl}/openapi/v1/envs/DEV/apps/${appId}/clusters/default/namespaces/application`, {
        headers: { authorization: token },
      });
    expect((await open('shop')).status).toBe(200);
    expect((await open('billing')).status).toBe(403);
  });

  it('refuses to delete someone who owns an app, naming it, until an app master transfers it', async () => {
    await admin('POST', '/api/users', { username: 'olga', password: 'olgas-long-password' });
    await admin('POST', '/api/envs/DEV/apps', { appId: 'legacy', name: 'legacy', ownerName: 'olga' });
    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Delete user olga' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('alert')
      .getByText('olga still owns 1 app(s): legacy. Give each of them another owner first', { exact: false })
      .waitFor();

    await page.goto('/apps/legacy?env=DEV');
    await page.getByText('Owner: olga').waitFor();
    await page.getByRole('button', { name: 'Transfer ownership' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('New owner (a portal user name)').fill('admin');
    await clickAndSeeMessage(
      page,
      dialog.getByRole('button', { name: 'Transfer' }),
      'admin now owns the app in DEV.',
    );
    await page.getByText('Owner: admin').waitFor();

    await page.goto('/admin/users');
    await page.getByRole('button', { name: 'Delete user olga' }).click();
    await clickAndSeeMessage(
      page,
      page.getByRole('tooltip').getByRole('button', { name: 'Delete' }),
      'User olga deleted',
    );
    await page.getByRole('button', { name: 'Delete user olga' }).waitFor({ state: 'detached' });
  });
});

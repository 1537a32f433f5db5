import type { Page } from 'playwright-core';
import {
  ADMIN,
  portalApi,
  replaceEditorText,
  signIn,
  startConsole,
  type ConsoleUnderTest,
} from './console-harness';

jest.setTimeout(300_000);

const VIEWER = { username: 'viewer', password: 'viewer-password-1' };
const EDITOR = { username: 'editor', password: 'editor-password-1' };

/** What an Apollo client reads now. */
async function clientConfig(app: ConsoleUnderTest, appId: string): Promise<Record<string, string>> {
  const response = await fetch(`${app.houston.configUrl}/configs/${appId}/default/application`);
  return response.status === 200
    ? ((await response.json()) as { configurations: Record<string, string> }).configurations
    : {};
}

const rowOf = (page: Page, key: string) => page.locator(`tr[data-key="${key}"]`);

describe('the console in Chromium: an app from creation to rollback', () => {
  let app: ConsoleUnderTest;
  let page: Page;

  beforeAll(async () => {
    // DEV hides values from people without a role on the app (Apollo's configView.memberOnly.envs).
    app = await startConsole({ HOUSTON_PORTAL_MEMBER_ONLY_ENVS: 'DEV' });
    const admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...VIEWER, displayName: 'Viewer' });
    await admin('POST', '/api/users', { ...EDITOR, displayName: 'Editor' });
    const context = await app.newContext();
    page = await context.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('creates an app, and refuses a bad app id next to the field', async () => {
    await page.getByRole('button', { name: 'Create app' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('App id').fill('bad id!');
    await dialog.getByLabel('Name').fill('Shop');
    await dialog.getByRole('button', { name: 'Create app' }).click();
    // The API's refusal, in words, under the App id field; the dialog keeps what was typed.
    await dialog
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: /Check this value/ })
      .waitFor();
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Shop');
    await dialog.getByLabel('App id').fill('shop');
    await dialog.getByRole('button', { name: 'Create app' }).click();
    await page.getByTestId('app-title').filter({ hasText: 'shop' }).waitFor();
    await page.getByTestId('namespace-panel').waitFor();
  });

  it('adds items in the table; a duplicate key is refused in the dialog', async () => {
    await page.getByRole('button', { name: 'Add item' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key').fill('timeout');
    await dialog.getByLabel('Value').fill('100');
    await dialog.getByLabel('Comment').fill('milliseconds');
    // Enter in a field saves, as Save does.
    await dialog.getByLabel('Comment').press('Enter');
    await rowOf(page, 'timeout').getByText('new').waitFor();
    await page.getByTestId('unreleased-tag').waitFor();
    await page.getByTestId('unreleased-mark').waitFor();

    await page.getByRole('button', { name: 'Add item' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key').fill('timeout');
    await dialog.getByLabel('Value').fill('5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').or(dialog.locator('.ant-form-item-explain-error')).first().waitFor();
    expect(await dialog.getByLabel('Value').inputValue()).toBe('5');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await rowOf(page, 'timeout').locator('td').nth(1).textContent()).toBe('100');
  });

  it('checks the text as it is typed, marks the line, and saves with Ctrl+S', async () => {
    await page.getByRole('tab', { name: 'Text' }).click();
    await replaceEditorText(page, 'timeout = 100\n= orphan value\nretries = 3');
    await page
      .getByTestId('syntax-status')
      .filter({ hasText: /^Line 2: / })
      .waitFor();
    await page.locator('.cm-lint-marker-error').waitFor();
    const marked = await page
      .locator('.cm-line')
      .evaluateAll((lines) => lines.findIndex((line) => line.querySelector('.cm-lintRange-error') !== null));
    expect(marked).toBe(1);
    // A save of text the editor knows is wrong is not sent; the text stays as typed.
    await page.keyboard.press('Control+S');
    await page.getByText('Unsaved edits').waitFor();

    await replaceEditorText(page, 'timeout = 100\nretries = 3\n');
    await page.getByTestId('syntax-status').filter({ hasText: 'No syntax errors' }).waitFor();
    await page.keyboard.press('Control+S');
    await page.getByText(/Saved: 1 added, 0 changed, 0 deleted/).waitFor();
    await page.getByRole('tab', { name: 'Items' }).click();
    await rowOf(page, 'retries').waitFor();
  });

  it('releases with the diff of exactly what changes', async () => {
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    const dialog = page.getByRole('dialog');
    const diff = dialog.getByTestId('diff-view');
    await diff.locator('tr[data-key="timeout"][data-kind="added"]').waitFor();
    await diff.locator('tr[data-key="retries"][data-kind="added"]').waitFor();
    expect(await diff.locator('tr[data-kind]').count()).toBe(2);
    await dialog.getByLabel('Release title').fill('first');
    await dialog.getByRole('button', { name: 'Release' }).click();
    await page.getByText('Released first').waitFor();
    await page.getByTestId('unreleased-tag').waitFor({ state: 'detached' });
    expect(await clientConfig(app, 'shop')).toEqual({ timeout: '100', retries: '3' });

    // A change, then a second release that shows only it.
    await rowOf(page, 'timeout').getByRole('button', { name: 'Edit timeout' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByLabel('Value').fill('250');
    await edit.getByRole('button', { name: 'Save' }).click();
    await rowOf(page, 'timeout').getByText('modified').waitFor();
    // This one with the keyboard only: the dialog opens with its title field focused and selected,
    // and Enter there releases.
    await page.getByRole('button', { name: 'Release', exact: true }).focus();
    await page.keyboard.press('Enter');
    const second = page.getByRole('dialog');
    const changed = second.getByTestId('diff-view').locator('tr[data-key="timeout"][data-kind="modified"]');
    await changed.waitFor();
    expect(await changed.getByTestId('diff-before').textContent()).toBe('100');
    expect(await changed.getByTestId('diff-after').textContent()).toBe('250');
    expect(await second.getByTestId('diff-view').locator('tr[data-kind]').count()).toBe(1);
    await page.locator('#releaseTitle:focus').waitFor();
    await page.keyboard.type('second');
    expect(await second.getByLabel('Release title').inputValue()).toBe('second');
    await page.keyboard.press('Enter');
    await page.getByText('Released second').waitFor();
    expect((await clientConfig(app, 'shop'))['timeout']).toBe('250');
  });

  it('compares two releases and rolls back to the first', async () => {
    await page.getByRole('tab', { name: 'Release history' }).click();
    await page.getByRole('checkbox', { name: 'Compare first' }).check();
    await page.getByRole('checkbox', { name: 'Compare second' }).check();
    const compared = page.getByTestId('release-compare');
    await compared.locator('tr[data-key="timeout"][data-kind="modified"]').waitFor();
    expect(await compared.locator('tr[data-kind]').count()).toBe(1);

    await page
      .locator('tr[data-release="first"]')
      .getByRole('button', { name: 'Roll back to this release' })
      .click();
    const dialog = page.getByRole('dialog');
    const change = dialog.getByTestId('diff-view').locator('tr[data-key="timeout"]');
    expect(await change.getByTestId('diff-before').textContent()).toBe('250');
    expect(await change.getByTestId('diff-after').textContent()).toBe('100');
    // Nothing to fill in: the dialog opens on Roll back, and Enter confirms it.
    await dialog.locator('button:focus', { hasText: 'Roll back' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByText('Rolled back to first').waitFor();
    expect((await clientConfig(app, 'shop'))['timeout']).toBe('100');
  });

  it('fits a 1280 px window: no tab of the app page scrolls sideways', async () => {
    expect(page.viewportSize()?.width).toBe(1280);
    const panel = page.getByTestId('namespace-panel');
    const names = await panel.getByRole('tab').allTextContents();
    expect(names.length).toBeGreaterThan(5);
    const overflow = () =>
      page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    for (const name of names) {
      await panel.getByRole('tab', { name, exact: true }).click();
      await panel.getByRole('tabpanel', { name, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      expect({ tab: name, overflow: await overflow() }).toEqual({ tab: name, overflow: 0 });
    }
  });

  it('revokes unreleased edits back to the active release', async () => {
    await page.getByRole('tab', { name: 'Items' }).click();
    await rowOf(page, 'retries').getByRole('button', { name: 'Delete retries?' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await rowOf(page, 'retries').getByText('deleted').waitFor();
    await page.getByRole('button', { name: 'Revoke unreleased edits' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke unreleased edits' }).click();
    await page.getByTestId('unreleased-tag').waitFor({ state: 'detached' });
    expect(await rowOf(page, 'retries').locator('td').nth(1).textContent()).toBe('3');
  });

  it('creates an access key whose secret is shown once, then enables it in OBSERVER mode', async () => {
    await page.goto('/apps/shop/keys?env=DEV');
    await page.getByRole('button', { name: 'Create access key' }).click();
    const dialog = page.getByRole('dialog');
    const secret = (await dialog.getByTestId('new-secret').textContent())!.trim();
    expect(secret.length).toBeGreaterThanOrEqual(16);
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await page.getByText('disabled', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('button', { name: 'Enable (OBSERVER)' }).click();
    await page.getByText('enabled · OBSERVER').waitFor();
    await page.goto('/apps/shop?env=DEV');
    await page.getByTestId('namespace-panel').waitFor();
  });

  it('shows a user without a role on the app no values and no edit buttons', async () => {
    const context = await app.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, VIEWER.username, VIEWER.password);
    await viewer.getByRole('heading', { name: 'Apps' }).waitFor();
    await viewer.goto('/apps/shop?env=DEV');
    await viewer.getByTestId('namespace-panel').waitFor();
    await viewer.getByText('Values are shown to members of this app only.').waitFor();
    await rowOf(viewer, 'timeout').waitFor();
    expect(await rowOf(viewer, 'timeout').locator('td').nth(1).textContent()).toBe('******');
    const page = await viewer.content();
    expect(page).not.toContain('>100<');
    expect(page).not.toContain('>250<');
    for (const name of ['Add item', 'Release', 'Edit', 'Delete', 'Create cluster', 'Create namespace'])
      expect(await viewer.getByRole('button', { name, exact: true }).count()).toBe(0);
    await viewer.getByRole('tab', { name: 'Text' }).click();
    expect(await viewer.locator('.cm-content').getAttribute('contenteditable')).toBe('false');
    await context.close();
  });

  it('shows an editor the edit buttons but not Release', async () => {
    const admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/apps/shop/roles', {
      username: EDITOR.username,
      role: 'ModifyNamespace',
      namespace: 'application',
    });
    const context = await app.newContext();
    const editor = await context.newPage();
    await signIn(editor, EDITOR.username, EDITOR.password);
    await editor.getByRole('heading', { name: 'Apps' }).waitFor();
    await editor.goto('/apps/shop?env=DEV');
    await editor.getByRole('button', { name: 'Add item' }).waitFor();
    expect(await rowOf(editor, 'timeout').locator('td').nth(1).textContent()).toBe('100');
    expect(await editor.getByRole('button', { name: 'Release', exact: true }).count()).toBe(0);
    await context.close();
  });

  it('creates a cluster and a public yaml namespace, each dialog starting in its name', async () => {
    await page.goto('/apps/shop?env=DEV');
    await page.getByRole('button', { name: 'Create cluster' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Cluster name').and(page.locator(':focus')).waitFor();
    await page.keyboard.type('blue');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Cluster: blue').waitFor();
    expect(new URL(page.url()).searchParams.get('cluster')).toBe('blue');

    await page.getByRole('button', { name: 'Create namespace' }).click();
    await dialog.getByLabel('Namespace name').and(page.locator(':focus')).waitFor();
    await page.keyboard.type('limits');
    await dialog.getByLabel('Format').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'yaml' }).click();
    await dialog.getByLabel('Public (other apps may associate it)').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const entry = page.getByRole('menuitem', { name: /^limits\.yaml/ });
    await entry.getByText('yaml', { exact: true }).waitFor();
    await entry.click();
    const panel = page.getByTestId('namespace-panel');
    await panel.getByText('limits.yaml', { exact: true }).waitFor();
    await panel.getByText('public', { exact: true }).waitFor();
  });

  it('grants a role on the Roles page, which gives that person the edit buttons, and revokes it', async () => {
    await page.goto('/apps/shop/roles');
    await page.getByRole('heading', { name: 'Roles on shop' }).waitFor();
    await page.getByLabel('User', { exact: true }).fill(VIEWER.username);
    await page.getByLabel('Role', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Edit namespace' }).click();
    await page.getByLabel('Namespace name').fill('application');
    await page.getByRole('button', { name: 'Grant a role' }).click();
    const row = page.getByRole('row').filter({ hasText: VIEWER.username });
    await row.getByText('Edit namespace').waitFor();

    const context = await app.newContext();
    const viewer = await context.newPage();
    await signIn(viewer, VIEWER.username, VIEWER.password);
    await viewer.getByRole('heading', { name: 'Apps' }).waitFor();
    await viewer.goto('/apps/shop?env=DEV');
    await viewer.getByRole('button', { name: 'Add item' }).waitFor();
    await context.close();

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /OK|Revoke/ })
      .click();
    await row.waitFor({ state: 'detached' });
  });
});

import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  ADMIN,
  dialogButton,
  portalApi,
  signIn,
  startConsole,
  type ConsoleUnderTest,
} from './console-harness';

jest.setTimeout(300_000);

const EDITOR = { username: 'ed', password: 'editor-password-1' };
const REVEALER = { username: 'vera', password: 'revealer-password-1' };
const NS = (appId: string, namespace = 'application') =>
  `/api/envs/DEV/apps/${appId}/clusters/default/namespaces/${namespace}`;

/** What an Apollo client of `appId` reads now from a namespace. */
async function clientConfig(
  app: ConsoleUnderTest,
  appId: string,
  namespace = 'application',
): Promise<Record<string, string>> {
  const response = await fetch(`${app.houston.configUrl}/configs/${appId}/default/${namespace}`);
  return response.status === 200
    ? ((await response.json()) as { configurations: Record<string, string> }).configurations
    : {};
}

describe('the console in Chromium: the app page', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let page: Page;

  beforeAll(async () => {
    // DEV allows emergency publish; the namespace lock is on (Apollo's namespace.lock.switch);
    // secret values are encrypted with a key made for this run.
    app = await startConsole({
      HOUSTON_PORTAL_EMERGENCY_PUBLISH_ENVS: 'DEV',
      HOUSTON_NAMESPACE_LOCK: 'true',
      HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    });
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...EDITOR, displayName: 'Editor' });
    await admin('POST', '/api/users', { ...REVEALER, displayName: 'Revealer' });
    for (const appId of ['reviewed', 'shop', 'common', 'gray', 'locked', 'vault', 'withdrawn']) {
      await admin('POST', '/api/envs/DEV/apps', { appId, name: appId });
    }
    for (const appId of ['reviewed', 'gray', 'locked', 'withdrawn']) {
      await admin('POST', `${NS(appId)}/items`, { key: 'timeout', value: '100' });
    }
    await admin('POST', `${NS('gray')}/releases`, { releaseTitle: 'base' });
    const context = await app.newContext();
    page = await context.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('turns review on for one app, and publishes in an emergency where the environment allows it', async () => {
    await page.goto('/apps/reviewed?env=DEV');
    const policy = page.getByLabel('Review', { exact: true });
    await page
      .getByTestId('review-policy')
      .getByTitle('Review: environment default (not required)')
      .waitFor();
    await policy.click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Review: required' }).click();
    await page.getByTestId('review-policy').getByTitle('Review: required').waitFor();
    expect(await admin('GET', '/api/envs/DEV/apps/reviewed/review-policy')).toMatchObject({
      required: true,
      appChoice: true,
      emergencyPublishAllowed: true,
    });

    // Someone without the master role sees what applies, and cannot change it.
    const context = await app.newContext();
    const other = await context.newPage();
    await signIn(other, EDITOR.username, EDITOR.password);
    await other.getByRole('heading', { name: 'Apps' }).waitFor();
    await other.goto('/apps/reviewed?env=DEV');
    await other.getByTestId('review-policy').getByText('Releases need review').waitFor();
    expect(await other.getByLabel('Review', { exact: true }).count()).toBe(0);
    await context.close();

    await page.getByRole('button', { name: 'Release', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Releases here need review/).waitFor();
    await dialog.getByRole('button', { name: 'Request review' }).waitFor();
    await dialog.getByLabel('Release title').fill('hotfix');
    await dialog.getByText('Emergency publish: release now without review').click();
    await dialog.getByText(/the release history records it as an emergency/).waitFor();
    await dialogButton(dialog, 'Release').click();
    await page.getByText('Released hotfix').waitFor();
    expect(await clientConfig(app, 'reviewed')).toEqual({ timeout: '100' });
    // Back to the environment's default: releases publish at once again.
    await policy.click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: 'Review: environment default (not required)' })
      .click();
    await page
      .getByTestId('review-policy')
      .getByTitle('Review: environment default (not required)')
      .waitFor();
    expect(await admin('GET', '/api/envs/DEV/apps/reviewed/review-policy')).toMatchObject({
      required: false,
      appChoice: null,
    });
  });

  it("associates another app's public namespace and overrides one of its keys", async () => {
    await admin('POST', '/api/envs/DEV/apps/common/appnamespaces', { name: 'common.db', isPublic: true });
    await admin('POST', `${NS('common', 'common.db')}/items`, { key: 'pool', value: '10' });
    await admin('POST', `${NS('common', 'common.db')}/items`, { key: 'url', value: 'db:3306' });
    await admin('POST', `${NS('common', 'common.db')}/releases`, { releaseTitle: 'v1' });
    await admin('POST', '/api/envs/DEV/apps/shop/appnamespaces', { name: 'shop.flags', isPublic: true });

    await page.goto('/apps/shop?env=DEV');
    await page.getByTestId('namespace-panel').waitFor();
    await page.getByRole('button', { name: 'Associate public namespace' }).click();
    let dialog = page.getByRole('dialog');
    // Chosen from the other apps' public namespaces, searched by name or owner: a name no app
    // has made public is not offered, nor the app's own.
    const choice = dialog.getByLabel('Public namespace name');
    for (const name of ['nothing.here', 'shop.flags']) {
      await choice.fill(name);
      await page.getByText('No public namespace of another app matches').waitFor();
    }
    await choice.fill('comm');
    const option = page.locator('.ant-select-item-option').filter({ hasText: 'common.db' });
    await option.getByText('of common').waitFor();
    await option.getByText('properties').waitFor();
    await option.click();
    await dialog.getByRole('button', { name: 'Associate' }).click();
    await dialog.waitFor({ state: 'detached' });

    const panel = page.getByTestId('namespace-panel');
    await panel
      .getByTestId('association')
      .getByText(/Public namespace of common/)
      .waitFor();
    await page.getByRole('tab', { name: 'Public keys' }).click();
    const row = (key: string) => panel.locator(`tr[data-key="${key}"]`);
    await row('url').getByText('db:3306').waitFor();
    await row('pool').getByRole('button', { name: 'Override pool' }).click();
    dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Key').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Value').inputValue()).toBe('10');
    await dialog.getByLabel('Value').fill('20');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await panel.locator('tr[data-key="pool"][data-overridden="true"]').getByText('overridden').waitFor();
    expect(await row('url').getAttribute('data-overridden')).toBe('false');

    await page.getByRole('button', { name: 'Release', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release', exact: true }).click();
    await page.getByText(/^Released /).waitFor();
    expect(await clientConfig(app, 'shop', 'common.db')).toEqual({ pool: '20', url: 'db:3306' });

    // Dissociating takes the namespace and its overrides away again.
    await panel.getByRole('button', { name: 'Dissociate' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Dissociate' }).click();
    await page.getByRole('menuitem', { name: /common\.db/ }).waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: /^application/ }).waitFor();
    expect(await admin('GET', '/api/envs/DEV/apps/shop/associated-namespaces')).toEqual([]);
  });

  it('adds a key that only the gray branch has, highlighted apart from the changed and inherited ones', async () => {
    await page.goto('/apps/gray?env=DEV');
    await page.getByRole('tab', { name: 'Gray release' }).click();
    await page.getByRole('button', { name: 'Create gray branch' }).click();
    const branch = page.getByTestId('gray-branch');
    await branch.locator('tr[data-key="timeout"][data-change="inherited"]').getByText('from main').waitFor();

    await branch.getByRole('button', { name: 'Add key to the branch' }).click();
    let dialog = page.getByRole('dialog');
    // A key the branch has already: refused, the dialog keeps what was typed.
    await dialog.getByLabel('Key').fill('timeout');
    await dialog.getByLabel('Value').fill('5');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByRole('alert').or(dialog.locator('.ant-form-item-explain-error')).first().waitFor();
    expect(await dialog.getByLabel('Value').inputValue()).toBe('5');
    await dialog.getByLabel('Key').fill('feature.search');
    await dialog.getByLabel('Value').fill('on');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const added = branch.locator('tr[data-key="feature.search"][data-change="added"]');
    await added.getByText('new in gray').waitFor();
    expect(await added.locator('mark').textContent()).toBe('on');

    await branch.locator('tr[data-key="timeout"]').getByRole('button', { name: 'Edit timeout' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('900');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await branch.locator('tr[data-key="timeout"][data-change="changed"]').getByText('gray value').waitFor();

    await branch.getByLabel('Client IPs').fill('10.0.0.7');
    await page.keyboard.press('Enter');
    await branch.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Rules saved').waitFor();
    await branch.getByRole('button', { name: 'Gray publish' }).click();
    await page.getByText('Gray release published').waitFor();
    const gray = await fetch(`${app.houston.configUrl}/configs/gray/default/application?ip=10.0.0.7`);
    expect(((await gray.json()) as { configurations: object }).configurations).toEqual({
      timeout: '900',
      'feature.search': 'on',
    });
    expect(await clientConfig(app, 'gray')).toEqual({ timeout: '100' });
  });

  it('shows who holds the namespace lock, and warns another editor that their edits are refused', async () => {
    await admin('POST', '/api/apps/locked/roles', {
      username: EDITOR.username,
      role: 'ModifyNamespace',
      namespace: 'application',
    });
    // The admin's edit in beforeAll took the lock; release it, then the editor edits first.
    await admin('POST', `${NS('locked')}/releases`, { releaseTitle: 'base' });
    const ed = await portalApi(app.portalUrl, EDITOR.username, EDITOR.password);
    await ed('PUT', `${NS('locked')}/items/timeout`, { value: '200', comment: '' });

    await page.goto('/apps/locked?env=DEV');
    const panel = page.getByTestId('namespace-panel');
    await panel.getByTestId('lock-holder').filter({ hasText: 'Being edited by ed' }).waitFor();
    await panel
      .getByTestId('lock-warning')
      .getByText(/ed is editing this namespace/)
      .waitFor();

    // The holder sees who holds it, without the warning meant for others.
    const context = await app.newContext();
    const holder = await context.newPage();
    await signIn(holder, EDITOR.username, EDITOR.password);
    await holder.getByRole('heading', { name: 'Apps' }).waitFor();
    await holder.goto('/apps/locked?env=DEV');
    await holder.getByTestId('lock-holder').filter({ hasText: 'Being edited by ed' }).waitFor();
    expect(await holder.getByTestId('lock-warning').count()).toBe(0);
    // Only the holder may revoke while it is locked; revoking frees the lock.
    await holder.getByRole('button', { name: 'Revoke unreleased edits' }).click();
    await holder.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke unreleased edits' }).click();
    await holder.getByTestId('unreleased-tag').waitFor({ state: 'detached' });
    await holder.getByTestId('lock-holder').waitFor({ state: 'detached' });
    await context.close();

    await page.reload();
    await page.getByTestId('namespace-panel').waitFor();
    expect(await page.getByTestId('lock-holder').count()).toBe(0);
  });

  it('marks an item secret, shows it masked, and reveals it only to those with the role', async () => {
    for (const [username, role] of [
      [EDITOR.username, 'ModifyNamespace'],
      [REVEALER.username, 'RevealSecrets'],
    ]) {
      await admin('POST', '/api/apps/vault/roles', { username, role, namespace: 'application' });
    }
    // The editor adds it (and so holds the namespace lock) and has nothing to reveal it with.
    const context = await app.newContext();
    const editor = await context.newPage();
    await signIn(editor, EDITOR.username, EDITOR.password);
    await editor.getByRole('heading', { name: 'Apps' }).waitFor();
    await editor.goto('/apps/vault?env=DEV');
    await editor.getByRole('button', { name: 'Add item' }).click();
    const dialog = editor.getByRole('dialog');
    await dialog.getByLabel('Key').fill('db.password');
    await dialog.getByLabel('Value').fill('hunter2');
    await dialog.getByText('Secret: encrypted at rest, shown masked').click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    const editorRow = editor.locator('tr[data-key="db.password"]');
    await editorRow.getByText('secret', { exact: true }).waitFor();
    expect(await editorRow.getByTestId('secret-value').textContent()).toBe('******');
    expect(await editorRow.getByRole('button', { name: 'Reveal db.password' }).count()).toBe(0);
    // Saving with the mask left in place keeps the value.
    await editorRow.getByRole('button', { name: 'Edit db.password' }).click();
    const edit = editor.getByRole('dialog');
    expect(await edit.getByLabel('Value').inputValue()).toBe('******');
    await edit.getByText('Leave ****** to keep the current secret value.').waitFor();
    await edit.getByLabel('Comment').fill('rotated by ops');
    await edit.getByRole('button', { name: 'Save' }).click();
    await editorRow.getByText('rotated by ops').waitFor();
    await context.close();

    // A super administrator may reveal; the clear value stays in its row until hidden.
    await page.goto('/apps/vault?env=DEV');
    const row = page.locator('tr[data-key="db.password"]');
    await row.getByTestId('secret-value').filter({ hasText: '******' }).waitFor();
    expect(await page.getByTestId('namespace-panel').getByText('Values are shown to members').count()).toBe(
      0,
    );
    await row.getByRole('button', { name: 'Reveal db.password' }).click();
    await row.getByTestId('secret-value').filter({ hasText: 'hunter2' }).waitFor();
    await row.getByRole('button', { name: 'Hide db.password' }).click();
    await row.getByTestId('secret-value').filter({ hasText: '******' }).waitFor();

    // So may the holder of RevealSecrets, who may not edit.
    const revealerContext = await app.newContext();
    const revealer = await revealerContext.newPage();
    await signIn(revealer, REVEALER.username, REVEALER.password);
    await revealer.getByRole('heading', { name: 'Apps' }).waitFor();
    await revealer.goto('/apps/vault?env=DEV');
    const revealerRow = revealer.locator('tr[data-key="db.password"]');
    await revealerRow.getByRole('button', { name: 'Reveal db.password' }).click();
    await revealerRow.getByTestId('secret-value').filter({ hasText: 'hunter2' }).waitFor();
    expect(await revealer.getByRole('button', { name: 'Add item' }).count()).toBe(0);
    await revealerContext.close();
  });

  it("withdraws one's own pending review request from the namespace", async () => {
    await admin('PUT', '/api/envs/DEV/apps/withdrawn/review-policy', { required: true });
    await page.goto('/apps/withdrawn?env=DEV');
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Release title').fill('second-thoughts');
    await dialog.getByRole('button', { name: 'Request review' }).click();
    await page.getByText(/Review requested: second-thoughts/).waitFor();
    await dialog.waitFor({ state: 'detached' });
    const mine = page
      .getByTestId('namespace-panel')
      .locator('[data-testid="my-pending-review"][data-title="second-thoughts"]');
    await mine.getByRole('button', { name: 'Withdraw request' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Withdraw request' }).click();
    await mine.waitFor({ state: 'detached' });
    const withdrawn = await admin<{ content: { releaseTitle: string }[] }>(
      'GET',
      '/api/review-requests?status=WITHDRAWN&appId=withdrawn',
    );
    expect(withdrawn.content.map((request) => request.releaseTitle)).toEqual(['second-thoughts']);
    expect(await clientConfig(app, 'withdrawn')).toEqual({});
  });
});

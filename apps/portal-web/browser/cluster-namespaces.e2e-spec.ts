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

const READER = { username: 'nora', password: 'reader-password-1' };
const APP = '/api/envs/DEV/apps/pruned';

describe('the console in Chromium: namespaces of one cluster', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let page: Page;

  beforeAll(async () => {
    app = await startConsole();
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...READER, displayName: 'Reader' });
    for (const appId of ['pruned', 'consumer']) {
      await admin('POST', '/api/envs/DEV/apps', { appId, name: appId });
    }
    await admin('POST', `${APP}/appnamespaces`, { name: 'limits', format: 'properties', isPublic: false });
    await admin('POST', `${APP}/appnamespaces`, { name: 'shared', format: 'properties', isPublic: true });
    await admin('POST', '/api/envs/DEV/apps/consumer/associated-namespaces', { namespaceName: 'shared' });
    await admin('POST', `${APP}/clusters/default/namespaces/limits/items`, { key: 'max', value: '5' });
    await admin('POST', `${APP}/clusters/default/namespaces/limits/releases`, { releaseTitle: 'first' });
    const context = await app.newContext();
    page = await context.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('deletes a namespace from one cluster after naming what goes, and makes the missing ones again', async () => {
    await page.goto('/apps/pruned?env=DEV&ns=limits');
    const panel = page.getByTestId('namespace-panel');
    await panel.getByText('limits', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Delete from this cluster' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Delete limits from cluster default of DEV?').waitFor();
    expect(await dialog.getByTestId('delete-from-cluster-hint').textContent()).toContain(
      'Namespace limits is deleted from cluster default in environment DEV only: its items, releases and release history',
    );
    await dialogButton(dialog, 'Delete').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: /^limits/ }).waitFor({ state: 'detached' });
    const notice = page.getByTestId('missing-namespaces');
    await notice.getByText('Cluster default of DEV lacks namespaces this app has:').waitFor();
    await notice.getByText('limits', { exact: true }).waitFor();
    expect(await admin('GET', `${APP}/clusters/default/missing-namespaces`)).toEqual(['limits']);

    // A public namespace another app associates is refused, and the dialog says why.
    await page.getByRole('menuitem', { name: /^shared/ }).click();
    await panel.getByText('shared', { exact: true }).waitFor();
    await panel.getByRole('button', { name: 'Delete from this cluster' }).click();
    await dialog.getByText('Delete shared from cluster default of DEV?').waitFor();
    // The server's answer first, so that a failure says whether the refusal came or the page lost it.
    const refused = page.waitForResponse(
      (response) =>
        response.request().method() === 'DELETE' &&
        response.url().endsWith(`${APP}/clusters/default/namespaces/shared`),
    );
    await dialogButton(dialog, 'Delete').click();
    const refusal = await refused;
    expect({ status: refusal.status(), body: await refusal.json() }).toMatchObject({
      status: 409,
      body: { details: { reason: 'PUBLIC_NAMESPACE_ASSOCIATED', associatedBy: ['consumer'] } },
    });
    await dialog
      .getByRole('alert')
      .getByText('Other apps associate this public namespace (consumer): they must dissociate it first.')
      .waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('menuitem', { name: /^shared/ }).waitFor();

    // Someone who is not a master of the app sees neither the deletion nor the missing namespaces.
    const context = await app.newContext();
    const reader = await context.newPage();
    await signIn(reader, READER.username, READER.password);
    await reader.getByRole('heading', { name: 'Apps' }).waitFor();
    const asked: string[] = [];
    reader.on('request', (request) => asked.push(request.url()));
    const permissions = reader.waitForResponse((response) =>
      response.url().endsWith('/api/apps/pruned/permissions'),
    );
    await reader.goto('/apps/pruned?env=DEV&ns=shared');
    expect(await (await permissions).json()).toMatchObject({ isMaster: false });
    const readerPanel = reader.getByTestId('namespace-panel');
    await readerPanel.getByText('shared', { exact: true }).waitFor();
    await readerPanel.getByText('You may read this namespace').waitFor();
    expect(await readerPanel.getByRole('button', { name: 'Delete from this cluster' }).count()).toBe(0);
    expect(await reader.getByTestId('missing-namespaces').count()).toBe(0);
    expect(asked.filter((url) => url.includes('/missing-namespaces'))).toEqual([]);
    await context.close();

    // The master makes the missing namespace again, empty.
    await notice.getByRole('button', { name: 'Create them' }).click();
    await notice.waitFor({ state: 'detached' });
    await page.getByRole('menuitem', { name: /^limits/ }).waitFor();
    expect(await admin('GET', `${APP}/clusters/default/missing-namespaces`)).toEqual([]);
    expect(await admin('GET', `${APP}/clusters/default/namespaces/limits/items`)).toEqual([]);
  });
});

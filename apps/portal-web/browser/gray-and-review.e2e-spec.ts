import type { Page } from 'playwright-core';
import {
  ADMIN,
  clickAndSeeMessage,
  portalApi,
  signIn,
  startConsole,
  type ConsoleUnderTest,
} from './console-harness';

jest.setTimeout(300_000);

const RELEASER = { username: 'rel', password: 'releaser-password-1' };
const NS = (appId: string) => `/api/envs/DEV/apps/${appId}/clusters/default/namespaces/application`;

/** What an Apollo client at `ip` (reading with `label`, if given) reads now. */
async function clientConfig(
  app: ConsoleUnderTest,
  appId: string,
  ip: string,
  label?: string,
): Promise<Record<string, string>> {
  const query = new URLSearchParams({ ip, ...(label === undefined ? {} : { label }) });
  const response = await fetch(`${app.houston.configUrl}/configs/${appId}/default/application?${query}`);
  return response.status === 200
    ? ((await response.json()) as { configurations: Record<string, string> }).configurations
    : {};
}

describe('the console in Chromium: gray release and review', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let page: Page;

  beforeAll(async () => {
    app = await startConsole();
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...RELEASER, displayName: 'Releaser' });
    for (const appId of ['gray', 'reviewed']) {
      await admin('POST', '/api/envs/DEV/apps', { appId, name: appId });
      await admin('POST', `${NS(appId)}/items`, { key: 'timeout', value: '100' });
    }
    await admin('POST', `${NS('gray')}/releases`, { releaseTitle: 'base' });
    // Only this app needs review in DEV (an app master's choice, kept by the portal).
    await admin('PUT', '/api/envs/DEV/apps/reviewed/review-policy', { required: true });
    await admin('POST', '/api/apps/reviewed/roles', {
      username: RELEASER.username,
      role: 'ReleaseNamespace',
      namespace: 'application',
    });
    const context = await app.newContext();
    page = await context.newPage();
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('gray-releases a changed key to one IP, then merges it for everyone', async () => {
    await page.goto('/apps/gray?env=DEV');
    await page.getByRole('tab', { name: 'Gray release' }).click();
    await page.getByRole('button', { name: 'Create gray branch' }).click();
    const branch = page.getByTestId('gray-branch');
    await branch.locator('tr[data-key="timeout"]').getByText('from main').waitFor();

    await branch.locator('tr[data-key="timeout"]').getByRole('button', { name: 'Edit timeout' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('900');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await branch.locator('tr[data-key="timeout"]').getByText('gray value').waitFor();

    await branch.getByLabel('Client IPs').fill('10.0.0.7');
    await page.keyboard.press('Enter');
    await clickAndSeeMessage(page, branch.getByRole('button', { name: 'Save rules' }), 'Rules saved');
    await clickAndSeeMessage(
      page,
      branch.getByRole('button', { name: 'Gray publish' }),
      'Gray release published',
    );
    expect((await clientConfig(app, 'gray', '10.0.0.7'))['timeout']).toBe('900');
    expect((await clientConfig(app, 'gray', '10.0.0.8'))['timeout']).toBe('100');

    await branch.getByRole('button', { name: 'Merge to main and release' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Merge to main and release' }).click();
    await page.getByText('Merged and released').waitFor();
    await page.getByRole('button', { name: 'Create gray branch' }).waitFor();
    expect((await clientConfig(app, 'gray', '10.0.0.8'))['timeout']).toBe('900');
  });

  it('abandons a published gray release: its client goes back to the main release', async () => {
    await page.getByRole('button', { name: 'Create gray branch' }).click();
    const branch = page.getByTestId('gray-branch');
    await branch.locator('tr[data-key="timeout"]').getByRole('button', { name: 'Edit timeout' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('1200');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await branch.locator('tr[data-key="timeout"]').getByText('gray value').waitFor();
    await branch.getByLabel('Client IPs').fill('10.0.0.9');
    await page.keyboard.press('Enter');
    await clickAndSeeMessage(page, branch.getByRole('button', { name: 'Save rules' }), 'Rules saved');
    await clickAndSeeMessage(
      page,
      branch.getByRole('button', { name: 'Gray publish' }),
      'Gray release published',
    );
    expect((await clientConfig(app, 'gray', '10.0.0.9'))['timeout']).toBe('1200');

    await branch.getByRole('button', { name: 'Abandon' }).click();
    await page.locator('.ant-popconfirm').getByText('Abandon the gray release?', { exact: false }).waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Abandon' }).click();
    await page.getByText('Gray release abandoned').waitFor();
    await page.getByRole('button', { name: 'Create gray branch' }).waitFor();
    expect((await clientConfig(app, 'gray', '10.0.0.9'))['timeout']).toBe('900');
  });

  it('offers the labels of connected clients: the chosen one gets the gray value, another not', async () => {
    await admin('POST', '/api/envs/DEV/apps', { appId: 'labelled', name: 'labelled' });
    await admin('POST', `${NS('labelled')}/items`, { key: 'timeout', value: '100' });
    await admin('POST', `${NS('labelled')}/releases`, { releaseTitle: 'base' });
    // Two clients on one host, told apart by the label they read with.
    expect((await clientConfig(app, 'labelled', '10.0.1.1', 'canary'))['timeout']).toBe('100');
    expect((await clientConfig(app, 'labelled', '10.0.1.1', 'stable'))['timeout']).toBe('100');
    // Sightings are written in batches: wait until both are listed.
    for (let i = 0; i < 100; i++) {
      const listed = await admin<{ content: Array<{ label: string }> }>('GET', `${NS('labelled')}/instances`);
      if (listed.content.filter((instance) => instance.label !== '').length === 2) break;
      await new Promise((done) => setTimeout(done, 200));
    }

    await page.goto('/apps/labelled?env=DEV');
    await page.getByRole('tab', { name: 'Gray release' }).click();
    await page.getByRole('button', { name: 'Create gray branch' }).click();
    const branch = page.getByTestId('gray-branch');
    await branch.locator('tr[data-key="timeout"]').getByRole('button', { name: 'Edit timeout' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Value').fill('1500');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await branch.locator('tr[data-key="timeout"]').getByText('gray value').waitFor();

    await branch.getByLabel('Client labels').click();
    const options = page.locator(
      '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    );
    await options.filter({ hasText: 'stable' }).waitFor();
    expect((await options.allTextContents()).sort()).toEqual(['canary', 'stable']);
    await options.filter({ hasText: 'canary' }).click();
    await page.keyboard.press('Escape');
    await clickAndSeeMessage(page, branch.getByRole('button', { name: 'Save rules' }), 'Rules saved');
    await clickAndSeeMessage(
      page,
      branch.getByRole('button', { name: 'Gray publish' }),
      'Gray release published',
    );
    expect((await clientConfig(app, 'labelled', '10.0.1.1', 'canary'))['timeout']).toBe('1500');
    expect((await clientConfig(app, 'labelled', '10.0.1.1', 'stable'))['timeout']).toBe('100');
    expect((await clientConfig(app, 'labelled', '10.0.1.2'))['timeout']).toBe('100');
  });

  it('compares the namespace with another cluster and syncs a chosen key there', async () => {
    await admin('POST', '/api/envs/DEV/apps/gray/clusters', { name: 'blue' });
    await page.goto('/apps/gray?env=DEV');
    await page.getByRole('tab', { name: 'Compare & sync' }).click();
    await page.getByLabel('Compare with (environment:cluster)').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'DEV:blue' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const target = page.locator('[data-testid="compare-target"][data-target="DEV:blue"]');
    await target.locator('tr[data-key="timeout"][data-status="only-in-source"]').waitFor();
    await target.getByRole('checkbox', { name: 'timeout' }).check();
    await target.getByRole('button', { name: 'Sync chosen keys there' }).click();
    await page.getByText(/Synced to DEV:blue: 1 added/).waitFor();
    const blue = await admin<{ key: string; value: string }[]>(
      'GET',
      '/api/envs/DEV/apps/gray/clusters/blue/namespaces/application/items',
    );
    expect(blue.map(({ key, value }) => ({ key, value }))).toEqual([{ key: 'timeout', value: '900' }]);
  });

  it('turns a release into a review request that only someone else may approve', async () => {
    await page.goto('/apps/reviewed?env=DEV');
    await page.getByRole('button', { name: 'Release', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Releases here need review/).waitFor();
    await dialog.getByLabel('Release title').fill('needs-review');
    await dialog.getByRole('button', { name: 'Request review' }).click();
    await page.getByText(/Review requested: needs-review/).waitFor();
    expect(await clientConfig(app, 'reviewed', '10.0.0.1')).toEqual({});

    // The author sees the request as their own, with nothing to approve it with.
    await page.goto('/reviews');
    await page.getByRole('tab', { name: 'My requests' }).click();
    const own = page.locator('[data-testid="review-request"][data-title="needs-review"]');
    await own.getByText('Your own request: someone else approves it.').waitFor();
    expect(await own.getByRole('button', { name: 'Approve and release' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'To review' }).click();
    expect(
      await page.locator('[data-testid="review-request"][data-title="needs-review"]:visible').count(),
    ).toBe(0);
    // Nor does the API let them (the portal decides, not the page).
    const [request] = (
      await admin<{ content: { id: number }[] }>('GET', '/api/review-requests?status=PENDING')
    ).content;
    await expect(
      admin('POST', `${NS('reviewed')}/review-requests/${request!.id}/approve`, {}),
    ).rejects.toThrow(/403/);

    // Someone else with release permission sees the badge and approves.
    const context = await app.newContext();
    const reviewer = await context.newPage();
    await signIn(reviewer, RELEASER.username, RELEASER.password);
    await reviewer.getByTestId('review-badge').getByText('1').waitFor();
    await reviewer.getByTestId('reviews-link').click();
    const pending = reviewer.locator('[data-testid="review-request"][data-title="needs-review"]');
    await pending.getByTestId('diff-view').locator('tr[data-key="timeout"][data-kind="added"]').waitFor();
    // With the keyboard: the comment, then Tab to Approve, and Enter.
    await pending.getByLabel('Review comment').focus();
    await reviewer.keyboard.type('looks right');
    await reviewer.keyboard.press('Tab');
    await pending.locator('button:focus', { hasText: 'Approve and release' }).waitFor();
    await reviewer.keyboard.press('Enter');
    await reviewer.getByText('Approved: needs-review is released').waitFor();
    expect(await clientConfig(app, 'reviewed', '10.0.0.1')).toEqual({ timeout: '100' });
    await context.close();
  });
});

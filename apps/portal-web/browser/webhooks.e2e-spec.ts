import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Locator, Page } from 'playwright-core';
import {
  ADMIN,
  dialogButton,
  portalApi,
  signIn,
  startConsole,
  type ConsoleUnderTest,
} from './console-harness';

jest.setTimeout(300_000);

const MASTER = { username: 'alice', password: 'master-password-1' };
const VIEWER = { username: 'vera', password: 'viewer-password-1' };
const APP = '/api/envs/DEV/apps/hooked';
const NS = `${APP}/clusters/default/namespaces/application`;

interface Delivery {
  id: number;
  status: string;
  lastAttemptAt: string;
}

/** Clicks Reload until the locator shows (deliveries are not read again while none is under way). */
async function reloadUntil(page: Page, shown: Locator): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await shown.isVisible())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the deliveries to show it');
    await page.getByRole('button', { name: /^(Reload|刷新)$/ }).click();
    await shown.waitFor({ timeout: 1_000 }).catch(() => undefined);
  }
}

/**
 * The Webhooks page in Chromium: an app master adds a notification hook (its secret never shown
 * again), a receiver on 127.0.0.1 refuses the release's delivery so it fails (one attempt), the
 * page shows it failed with the receiver's answer and its time in the person's time zone, and
 * the master redelivers it, which the receiver now takes. A reader sees the same in Chinese,
 * without the master's buttons.
 */
describe('the console in Chromium: webhooks', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let receiver: Server;
  let receiverUrl: string;
  let accepting = false;
  const received: string[] = [];
  const secret = randomBytes(24).toString('hex');

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(String(req.headers['x-houston-delivery']));
        res.writeHead(accepting ? 204 : 500).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/houston`;
    app = await startConsole({
      HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      HOUSTON_WEBHOOK_POLL_INTERVAL: '100ms',
      HOUSTON_WEBHOOK_MAX_ATTEMPTS: '1',
      HOUSTON_WEBHOOK_TIMEOUT: '2s',
    });
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...MASTER, displayName: 'Alice' });
    await admin('POST', '/api/users', { ...VIEWER, displayName: 'Vera' });
    await admin('POST', '/api/envs/DEV/apps', {
      appId: 'hooked',
      name: 'Hooked',
      ownerName: MASTER.username,
    });
    await admin('POST', `${NS}/items`, { key: 'timeout', value: '100' });
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('lets the master add a hook, see a failed delivery with its time in her time zone, and redeliver it', async () => {
    const context = await app.newContext({ timezone: 'Asia/Tokyo' });
    const page = await context.newPage();
    await signIn(page, MASTER.username, MASTER.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.goto('/apps/hooked?env=DEV');
    await page.getByRole('link', { name: 'Webhooks', exact: true }).click();
    await page.getByText('No webhooks in this environment.').waitFor();

    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('URL').fill(receiverUrl);
    await dialog.getByLabel('Signing secret').fill('short');
    await dialogButton(dialog, 'Add').click();
    await dialog.getByText('16 to 256 characters').waitFor();
    await dialog.getByLabel('Signing secret').fill(secret);
    await dialogButton(dialog, 'Add').click();
    await dialog.waitFor({ state: 'hidden' });
    const hooks = page.getByTestId('webhooks');
    const hookRow = hooks.getByRole('row').filter({ hasText: receiverUrl });
    await hookRow.getByText('Notification').waitFor();
    for (const event of ['release', 'rollback', 'gray merged to main'])
      await hookRow.getByText(event, { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);

    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
    const deliveries = page.getByTestId('webhook-deliveries');
    const failedRow = deliveries.getByRole('row').filter({ hasText: 'failed' });
    await reloadUntil(page, failedRow);
    await failedRow.getByText('the receiver answered 500').waitFor();
    const [delivery] = await admin<Delivery[]>('GET', `${APP}/webhook-deliveries`);
    expect(delivery!.status).toBe('failed');
    const tokyo = new Intl.DateTimeFormat('en', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hour12: false,
      timeZone: 'Asia/Tokyo',
    }).format(new Date(delivery!.lastAttemptAt));
    await failedRow.getByText(tokyo).waitFor();

    accepting = true;
    await failedRow.getByRole('button', { name: 'Redeliver' }).click();
    const deliveredRow = deliveries.getByRole('row').filter({ hasText: 'delivered' });
    await deliveredRow.waitFor({ timeout: 20_000 });
    expect(await deliveredRow.getByRole('button', { name: 'Redeliver' }).count()).toBe(0);
    expect(received.filter((id) => id === String(delivery!.id)).length).toBeGreaterThanOrEqual(2);
    await context.close();
  });

  it('lets the master add a validation hook that lets releases through, and remove it', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signIn(page, MASTER.username, MASTER.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.goto('/apps/hooked/webhooks?env=DEV');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Kind').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Validation' }).click();
    await dialog.getByLabel('When it does not answer').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'let the release through' }).click();
    await dialog.getByLabel('URL').fill(`${receiverUrl}/check`);
    await dialog.getByLabel('Signing secret').fill(secret);
    await dialogButton(dialog, 'Add').click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page
      .getByTestId('webhooks')
      .getByRole('row')
      .filter({ hasText: `${receiverUrl}/check` });
    await row.getByText('Validation').waitFor();
    await row.getByText('before each release; no answer in 5000 ms: let the release through').waitFor();
    expect(await admin<unknown[]>('GET', `${APP}/release-webhooks`)).toHaveLength(1);

    await row.getByRole('button', { name: 'Delete' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    expect(await admin<unknown[]>('GET', `${APP}/release-webhooks`)).toEqual([]);
    expect(await admin<unknown[]>('GET', `${APP}/notification-webhooks`)).toHaveLength(1);
    await context.close();
  });

  it('shows a reader the hooks and deliveries in Chinese, without adding, removing or redelivering', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    await signIn(page, VIEWER.username, VIEWER.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('heading', { name: '应用' }).waitFor();
    await page.goto('/apps/hooked/webhooks?env=DEV');
    await page.getByTestId('webhooks').getByText(receiverUrl).waitFor();
    await page.getByTestId('webhook-deliveries').getByText('已投递').waitFor();
    // The events too, not the admin-service's names.
    const hookRow = page.getByTestId('webhooks').getByRole('row').filter({ hasText: receiverUrl });
    for (const event of ['发布', '回滚', '灰度全量发布'])
      await hookRow.getByText(event, { exact: true }).waitFor();
    expect(await hookRow.getByText('merge', { exact: true }).count()).toBe(0);
    await page
      .getByTestId('webhook-deliveries')
      .getByRole('row')
      .filter({ hasText: '已投递' })
      .getByText('发布', { exact: true })
      .waitFor();
    expect(await page.getByRole('button', { name: '添加 Webhook' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^删\s*除$/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '重新投递' }).count()).toBe(0);
    await context.close();
  });

  it('pages the deliveries past the first 50, with their total, and opens one to show the body it sent', async () => {
    accepting = true;
    // 55 releases, each with a key of its own, delivered to the receiver; with the earlier one, 56.
    for (let n = 1; n <= 55; n++) {
      await admin('POST', `${NS}/items`, { key: `paged-${n}`, value: String(n) });
      await admin('POST', `${NS}/releases`, { releaseTitle: `paged ${n}` });
    }
    const deadline = Date.now() + 60_000;
    while (
      (await admin<{ total: number }>('GET', `${APP}/webhook-deliveries/count?status=delivered`)).total < 56
    ) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the 56 deliveries');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { total } = await admin<{ total: number }>('GET', `${APP}/webhook-deliveries/count`);
    expect(total).toBe(56);
    const newest = await admin<Delivery[]>('GET', `${APP}/webhook-deliveries?size=100`);
    expect(newest).toHaveLength(56);

    const context = await app.newContext();
    const page = await context.newPage();
    await signIn(page, VIEWER.username, VIEWER.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
    await page.goto('/apps/hooked/webhooks?env=DEV');
    const deliveries = page.getByTestId('webhook-deliveries');
    // The pagination sits below the table, outside the element the test id marks.
    const pagination = page.locator('.ant-pagination');
    await pagination.getByText('56 deliveries').waitFor();
    const opens = deliveries.getByRole('button', { name: /^Details #\d+$/ });
    await deliveries.getByRole('button', { name: `Details #${newest[0]!.id}` }).waitFor();
    expect(await opens.count()).toBe(50);

    await pagination.getByTitle('2', { exact: true }).click();
    await deliveries.getByRole('button', { name: `Details #${newest[55]!.id}` }).waitFor();
    expect(await opens.count()).toBe(6);
    const second = (await opens.allTextContents()).map((text) => Number(text.slice(1)));
    expect(second).toEqual(newest.slice(50).map((delivery) => delivery.id));

    // The oldest on page 2 is the release that failed first, then was redelivered; one after it,
    // paged-1's release, shows what it sent.
    const paged1 = newest[54]!;
    await deliveries.getByRole('button', { name: `Details #${paged1.id}` }).click();
    const drawer = page.getByTestId('delivery-detail');
    await drawer.getByText(`Delivery #${paged1.id}`).waitFor();
    const body = drawer.getByTestId('delivery-body');
    await body.getByText('"paged-1"', { exact: false }).waitFor();
    const sent = JSON.parse((await body.textContent())!) as { event: string; appId: string };
    expect(sent).toMatchObject({ event: 'release', appId: 'hooked' });
    expect(await body.textContent()).toContain('\n  "event": "release"');
    await drawer.getByText('204', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await context.close();
  });
});

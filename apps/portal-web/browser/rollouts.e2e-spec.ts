import { inPercentage, stickyBucket } from '@houston/domain';
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

const RELEASER = { username: 'rel', password: 'releaser-password-1' };
const EDITOR = { username: 'ed', password: 'editor-password-1' };
const NS = '/api/envs/DEV/apps/canary/clusters/default/namespaces/application';

interface RolloutState {
  id: number;
  status: string;
  percentage: number;
  createdBy: string;
  branchName: string;
}

/**
 * An IP whose sticky bucket lies outside `percentage` of the rollout on `branchName`. The bucket is
 * salted with the branch name, which is new for every rollout, so no fixed IP is outside every
 * rollout's share: a fixed one sat inside a 10 % step one run in ten.
 */
function ipOutside(branchName: string, percentage: number): string {
  for (let host = 1; host < 255; host++) {
    const ip = `10.9.9.${host}`;
    if (!inPercentage(stickyBucket(branchName, 'canary', ip), percentage)) return ip;
  }
  throw new Error(`no IP of 10.9.9.0/24 outside ${percentage} % of ${branchName}`);
}

/** What an Apollo client of the app reads now; `ip` is the one it reports (a client outside any rollout by default). */
async function mainValue(app: ConsoleUnderTest, ip = '10.9.9.9'): Promise<string | undefined> {
  const response = await fetch(`${app.houston.configUrl}/configs/canary/default/application?ip=${ip}`);
  const body = (await response.json()) as { configurations: Record<string, string> };
  return body.configurations['timeout'];
}

describe('the console in Chromium: progressive rollouts', () => {
  let app: ConsoleUnderTest;
  let admin: Awaited<ReturnType<typeof portalApi>>;
  let page: Page;

  const openRollouts = async (on: Page) => {
    await on.goto('/apps/canary?env=DEV');
    await on.getByRole('tab', { name: 'Rollouts' }).click();
  };
  const detail = () => page.getByTestId('rollout-detail');
  const act = async (action: string, reason?: string) => {
    await detail().getByRole('button', { name: action, exact: true }).click();
    const dialog = page.getByRole('dialog');
    if (reason) await dialog.getByLabel('Reason (optional)').fill(reason);
    await dialogButton(dialog, action).click();
    await dialog.waitFor({ state: 'detached' });
  };
  const rollouts = () => admin<RolloutState[]>('GET', `${NS}/rollouts`);

  beforeAll(async () => {
    app = await startConsole();
    admin = await portalApi(app.portalUrl, ADMIN.username, ADMIN.password);
    await admin('POST', '/api/users', { ...RELEASER, displayName: 'Releaser' });
    await admin('POST', '/api/users', { ...EDITOR, displayName: 'Editor' });
    await admin('POST', '/api/envs/DEV/apps', { appId: 'canary', name: 'Canary' });
    await admin('POST', `${NS}/items`, { key: 'timeout', value: '100' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
    await admin('PUT', `${NS}/items/timeout`, { value: '200' });
    for (const [username, role] of [
      [RELEASER.username, 'ReleaseNamespace'],
      [EDITOR.username, 'ModifyNamespace'],
    ]) {
      await admin('POST', '/api/apps/canary/roles', { username, role, namespace: 'application' });
    }
    const context = await app.newContext();
    page = await context.newPage();
    await signIn(page, RELEASER.username, RELEASER.password);
    await page.getByRole('heading', { name: 'Apps' }).waitFor();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('starts a rollout from a plan, with what is wrong shown next to the field, then shows its state', async () => {
    await openRollouts(page);
    await page.getByText('No rollout of this namespace yet.').waitFor();
    await page.getByRole('button', { name: 'Start rollout' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Share of instances at step 2').fill('0.5');
    await dialogButton(dialog, 'Start').click();
    await dialog.getByText('Must be above the previous step’s 1 %').waitFor();

    // The console lets 5s through; the admin-service's least bake time (1 min) refuses it, and
    // the refusal lands under that step's field.
    await dialog.getByLabel('Share of instances at step 2').fill('10');
    await dialog.getByLabel('Bake time of step 1').fill('5s');
    await dialog.getByLabel('Rejected instances allowed').fill('2');
    await dialogButton(dialog, 'Start').click();
    const bakeItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('Bake time of step 1') });
    await bakeItem
      .locator('.ant-form-item-explain-error')
      .getByText(/bakeTime must be between/)
      .waitFor();
    expect(await rollouts()).toEqual([]);

    await dialog.getByLabel('Bake time of step 1').fill('10m');
    await dialogButton(dialog, 'Start').click();
    await dialog.waitFor({ state: 'detached' });
    await detail().getByTestId('rollout-status').getByText('running').waitFor();
    await detail().getByText('1 % of instances, step 1 of 3').waitFor();
    await detail()
      .getByTestId('rollout-bake')
      .getByText(/Bake time left: (9m|10m)/)
      .waitFor();
    await detail().getByTestId('rollout-gates').getByText('0 now, 2 allowed').waitFor();
    await detail().getByTestId('rollout-events').getByText('Started at 1 %').waitFor();
    const [started] = await rollouts();
    expect(started).toMatchObject({ status: 'running', percentage: 1, createdBy: RELEASER.username });
    // Clients outside the 1 % keep the released value.
    expect(await mainValue(app, ipOutside(started!.branchName, 1))).toBe('100');
  });

  it('shows it to someone without release permission, with no way to move it', async () => {
    const context = await app.newContext();
    const other = await context.newPage();
    await signIn(other, EDITOR.username, EDITOR.password);
    await other.getByRole('heading', { name: 'Apps' }).waitFor();
    await openRollouts(other);
    const shown = other.getByTestId('rollout-detail');
    await shown.getByText('1 % of instances, step 1 of 3').waitFor();
    for (const name of ['Pause', 'Advance', 'Abort']) {
      expect(await shown.getByRole('button', { name, exact: true }).count()).toBe(0);
    }
    expect(await other.getByRole('button', { name: 'Start rollout' }).count()).toBe(0);
    await context.close();
  });

  it('pauses, resumes and advances it, each in its history', async () => {
    await act('Pause', 'waiting for the dashboards');
    await detail().getByTestId('rollout-status').getByText('paused').waitFor();
    await detail()
      .getByText('Paused (waiting for the dashboards): resuming starts the step’s bake time over')
      .waitFor();
    expect((await rollouts())[0]!.status).toBe('paused');

    await act('Resume');
    await detail().getByTestId('rollout-status').getByText('running').waitFor();
    await act('Advance', 'looks good');
    await detail().getByText('10 % of instances, step 2 of 3').waitFor();
    const events = detail().getByTestId('rollout-events');
    for (const text of ['Paused at 1 %', 'Resumed at 1 %', 'Advanced to 10 %', 'looks good']) {
      await events.getByText(text).waitFor();
    }
    expect((await rollouts())[0]).toMatchObject({ status: 'running', percentage: 10 });
  });

  it('aborts it: every client stays on the main release, and nothing is left to roll out', async () => {
    await act('Abort', 'not today');
    await detail().getByTestId('rollout-status').getByText('aborted').waitFor();
    expect((await rollouts())[0]).toMatchObject({ status: 'aborted', percentage: 0 });
    expect(await mainValue(app)).toBe('100');
    expect(await page.getByRole('button', { name: 'Start rollout' }).isDisabled()).toBe(true);
  });

  it('rolls the next change out to 100 %: merged, and every client reads it', async () => {
    await admin('PUT', `${NS}/items/timeout`, { value: '300' });
    await openRollouts(page);
    await page.getByRole('button', { name: 'Start rollout' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Remove step 1' }).click();
    await dialogButton(dialog, 'Start').click();
    await dialog.waitFor({ state: 'detached' });
    await detail().getByText('10 % of instances, step 1 of 2').waitFor();
    await act('Advance');
    await detail().getByTestId('rollout-status').getByText('completed').waitFor();
    await detail().getByTestId('rollout-events').getByText('Completed: merged for everyone').waitFor();
    expect(await mainValue(app)).toBe('300');
    // Both rollouts are listed; the first one can be looked at again.
    await page.locator('tr[data-rollout]').filter({ hasText: 'aborted' }).click();
    await detail().getByTestId('rollout-events').getByText('not today').waitFor();
  });

  it('rolls a gray branch out from the Gray release tab, the dialog starting in its title', async () => {
    const { branchName } = await admin<{ branchName: string }>('POST', `${NS}/branches`, {});
    await admin('PUT', `${NS}/branches/${branchName}/items/timeout?createIfNotExists=true`, { value: '400' });
    await page.goto('/apps/canary?env=DEV');
    await page.getByRole('tab', { name: 'Gray release' }).click();
    await page.getByRole('button', { name: 'Roll out this branch' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`The keys of gray branch ${branchName}`).waitFor();
    await page.locator('#releaseTitle:focus').waitFor();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('gray-out');
    await dialog.getByRole('button', { name: 'Remove step 1' }).click();
    await dialogButton(dialog, 'Start').click();
    await dialog.waitFor({ state: 'detached' });
    // The page moves to the Rollouts tab, on the new rollout of that branch.
    await detail()
      .getByText(/Rollout #\d+: gray-out/)
      .waitFor();
    expect((await rollouts())[0]).toMatchObject({ status: 'running', branchName, percentage: 10 });
    expect(await mainValue(app, ipOutside(branchName, 10))).toBe('300');
  });
});

import { inPercentage, stickyBucket } from '@houston/domain';
import type { RunningHouston } from '../all-in-one';
import { call, waitFor } from './http-client';

const APP = 'rollshop';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
/** 300 clients, by the IP they report (what Apollo clients send). */
const IPS = Array.from({ length: 300 }, (_, i) => `10.20.${i >> 8}.${i & 255}`);

/** What each client reads now: its `price`. */
async function prices(configUrl: string, ips: readonly string[]): Promise<Map<string, string>> {
  const answers = new Map<string, string>();
  for (let i = 0; i < ips.length; i += 50) {
    const batch = ips.slice(i, i + 50);
    const read = await Promise.all(
      batch.map((ip) => call(configUrl, 'GET', `/configs/${APP}/default/application?ip=${ip}`)),
    );
    read.forEach((answer, index) => answers.set(batch[index]!, answer.body.configurations.price));
  }
  return answers;
}

const onNew = (answers: Map<string, string>) =>
  [...answers].filter(([, price]) => price === '12').map(([ip]) => ip);

/**
 * The clients a step of the rollout on `branchName` selects, in IPS order: the domain's sticky
 * bucket, salted with the branch name. A new branch name every run makes the share of 300 clients
 * vary (10 % is 30 on average); the exact set does not depend on chance.
 */
const chosen = (branchName: string, percentage: number) =>
  IPS.filter((ip) => inPercentage(stickyBucket(branchName, APP, ip), percentage));

/**
 * A progressive rollout driven by hand: the unreleased change goes to a sticky share of the
 * clients, widened step by step (only adding clients), then merged into main at 100 %. Every step
 * is in the release history and the audit log.
 */
export function manualRolloutSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  let rollout = 0;
  let branchName = '';
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });

  beforeAll(async () => {
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Roll shop' });
    await admin('PUT', `${NS}/items`, { configText: 'price = 10\ncolor = red\n' });
    expect((await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' })).status).toBe(201);
  });
  afterAll(async () => houston?.close());

  it('refuses a plan that does not end at 100 % and a rollout with nothing to roll out', async () => {
    const bad = await admin('POST', `${NS}/rollouts`, {
      steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 50 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toMatchObject({ field: 'steps[1].percentage' });
    const nothing = await admin('POST', `${NS}/rollouts`, {
      steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 100 }],
    });
    expect(nothing.status).toBe(409);
    expect(nothing.body.details).toMatchObject({ reason: 'NO_CHANGES' });
  });

  it('moves the unreleased change into a branch and serves it to a sticky share of the clients', async () => {
    await admin('PUT', `${NS}/items/price`, { value: '12' });
    const started = await admin('POST', `${NS}/rollouts`, {
      releaseTitle: 'price 12',
      steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 50, bakeTime: '1h' }, { percentage: 100 }],
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'running', stepIndex: 0, percentage: 10 });
    rollout = started.body.id;
    // Main's items are the active release again: a main release now cannot ship the change.
    expect((await admin('GET', `${NS}/unreleased-changes`)).body.hasChanges).toBe(false);

    branchName = started.body.branchName;
    const selected = chosen(branchName, 10);
    expect(selected.length).toBeGreaterThan(0);
    await waitFor(
      'the rollout to reach clients',
      async () => onNew(await prices(houston.configUrl, selected)).length === selected.length,
    );
    const first = onNew(await prices(houston.configUrl, IPS));
    expect(first).toEqual(selected);
    // Sticky: the same clients on every read.
    expect(onNew(await prices(houston.configUrl, IPS))).toEqual(first);
    // Another app's clients at the same addresses are not in this app's rule.
    const other = await call(
      houston.configUrl,
      'GET',
      `/configs/someone-else/default/application?ip=${first[0]}`,
    );
    expect(other.status).toBe(404);
    const refused = await admin('PUT', `${NS}/branches/${started.body.branchName}/rules`, {
      ruleItems: [{ clientAppId: APP, clientIpList: ['*'] }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.details).toMatchObject({ reason: 'ROLLOUT_ACTIVE', rolloutId: rollout });
    expect(
      (
        await admin('POST', `${NS}/rollouts`, {
          steps: [{ percentage: 10, bakeTime: '1h' }, { percentage: 100 }],
        })
      ).status,
    ).toBe(409);
  });

  it('widens on advance, only adding clients, and pauses and resumes on request', async () => {
    const before = onNew(await prices(houston.configUrl, IPS));
    const paused = await admin('POST', `${NS}/rollouts/${rollout}/pause`, { reason: 'lunch' });
    expect(paused.body).toMatchObject({ status: 'paused', reason: 'lunch' });
    const resumed = await admin('POST', `${NS}/rollouts/${rollout}/resume`, {});
    expect(resumed.body.status).toBe('running');
    const advanced = await admin('POST', `${NS}/rollouts/${rollout}/advance`, {});
    expect(advanced.status).toBe(200);
    expect(advanced.body).toMatchObject({ status: 'running', stepIndex: 1, percentage: 50 });
    const selected = chosen(branchName, 50);
    await waitFor(
      'the wider share',
      async () => onNew(await prices(houston.configUrl, IPS)).length === selected.length,
    );
    const after = onNew(await prices(houston.configUrl, IPS));
    for (const ip of before) expect(after).toContain(ip);
    expect(after).toEqual(selected);
  });

  it('merges into main at 100 %: everyone gets the release, recorded in history, audit and events', async () => {
    const done = await admin('POST', `${NS}/rollouts/${rollout}/advance`, { reason: 'looks good' });
    expect(done.body).toMatchObject({ status: 'completed', percentage: 100 });
    expect(done.body.mergedReleaseId).toBeGreaterThan(0);
    const latest = await admin('GET', `${NS}/releases/latest`);
    expect(latest.body.configurations).toEqual({ price: '12', color: 'red' });
    expect(latest.body.name).toBe('price 12');
    await waitFor(
      'every client on the new release',
      async () => onNew(await prices(houston.configUrl, IPS)).length === IPS.length,
    );
    expect((await admin('GET', `${NS}/branches`)).status).toBe(404);

    const histories = await admin('GET', `${NS}/releases/histories?page=0&size=50`);
    const operations = histories.body.content.map((row: { operation: number }) => row.operation).reverse();
    // release, gray release, rule at 10 %, rule at 50 %, merge, branch deleted after merge
    expect(operations).toEqual([0, 2, 3, 3, 4, 8]);
    const one = await admin('GET', `${NS}/rollouts/${rollout}`);
    expect(one.body.events.map((event: { kind: string }) => event.kind)).toEqual([
      'started',
      'paused',
      'resumed',
      'advanced',
      'completed',
    ]);
    const audits = await houston.runtime.database.repos.audits.listByEntity('Rollout', rollout);
    expect(audits.map((row) => row.comment.split(':')[0])).toEqual([
      'started',
      'paused',
      'resumed',
      'advanced',
      'completed',
    ]);
    expect(audits.every((row) => row.createdBy === 'ops')).toBe(true);
    expect((await admin('POST', `${NS}/rollouts/${rollout}/pause`, {})).status).toBe(409);
    expect((await admin('GET', `${NS}/rollouts`)).body).toHaveLength(1);
    expect(
      (await admin('GET', `/apps/${APP}/clusters/default/namespaces/other/rollouts/${rollout}`)).status,
    ).toBe(404);
  });
}

import type { RunningHouston } from '../all-in-one';
import { heldPolls } from './held-polls';
import { call, notificationsQuery, waitFor, type Answer } from './http-client';

const APP = 'shop';
const DEFAULT_NS = `/apps/${APP}/clusters/default/namespaces/application`;
const PROD_NS = `/apps/${APP}/clusters/prod/namespaces/application`;

/**
 * App ids and clusters spelt otherwise than stored: each read is either served the current
 * release of the stored names and woken by their releases, or refused. Never a stale answer.
 */
export function clientNamesSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'names' });
  const client = (path: string) => call(houston.configUrl, 'GET', path);
  /** A long poll given up after `ms` (status 0 then): a poll nobody wakes must not hang the suite. */
  const poll = async (path: string, ms: number): Promise<Answer> => {
    try {
      const response = await fetch(houston.configUrl + path, { signal: AbortSignal.timeout(ms) });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        text,
        headers: response.headers,
      };
    } catch {
      return { status: 0, body: undefined, text: '', headers: new Headers() };
    }
  };
  const release = async (ns: string, value: string) => {
    expect((await admin('PUT', `${ns}/items/timeout?createIfNotExists=true`, { value })).status).toBe(200);
    expect((await admin('POST', `${ns}/releases`, { releaseTitle: value })).status).toBe(201);
  };

  beforeAll(async () => {
    houston = await start();
    expect((await admin('POST', '/apps', { appId: APP, name: 'Shop' })).status).toBe(201);
    expect((await admin('POST', `/apps/${APP}/clusters`, { name: 'prod' })).status).toBe(201);
    await release(DEFAULT_NS, 'd1');
    await release(PROD_NS, 'p1');
  });
  afterAll(async () => houston?.close());

  const variants: Array<[string, string, 'd' | 'p']> = [
    ['app id in capitals', `/configs/SHOP/default/application`, 'd'],
    ['cluster in capitals', `/configs/${APP}/DEFAULT/application`, 'd'],
    ['both mixed case', `/configs/Shop/PROD/application`, 'p'],
    ['data center in capitals', `/configs/${APP}/unknown/application?dataCenter=PROD`, 'p'],
  ];

  it.each(variants)('%s: served the stored release, and the next release after it', async (_, path, ns) => {
    const before = await client(path);
    expect(before.status).toBe(200);
    expect(before.body.appId).toBe(APP);
    const current = (await client(`/configs/${APP}/${ns === 'd' ? 'default' : 'prod'}/application`)).body;
    expect(before.body.releaseKey).toBe(current.releaseKey);

    const value = `${ns}-${Math.random().toString(36).slice(2, 8)}`;
    await release(ns === 'd' ? DEFAULT_NS : PROD_NS, value);
    const after = await client(path);
    expect(after.status).toBe(200);
    expect(after.body.configurations.timeout).toBe(value);
    const json = await client(path.replace('/configs/', '/configfiles/json/'));
    expect(json.body.timeout).toBe(value);
  });

  it('wakes a long poll whose app id and cluster are spelt otherwise', async () => {
    const current = (await client(notificationsQuery(APP, -1))).body[0].notificationId;
    const held = poll(notificationsQuery('SHOP', current, 'application', 'DEFAULT'), 3_000);
    // Held before the release, so it is the release that answers it.
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    await release(DEFAULT_NS, 'woken');
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].notificationId).toBeGreaterThan(current);
    const config = await client(
      `/configs/SHOP/DEFAULT/application?messages=${encodeURIComponent(JSON.stringify(woken.body[0].messages))}`,
    );
    expect(config.body.configurations.timeout).toBe('woken');
  });

  const refused: Array<[string, string]> = [
    ['a trailing space in the app id', `/configs/${APP}%20/default/application`],
    ['a trailing space in the cluster', `/configs/${APP}/default%20/application`],
    ['a NUL in the app id', `/configs/${APP}%00/default/application`],
    ['a zero-width space in the app id', `/configs/${APP}%E2%80%8B/default/application`],
    ['a zero-width space in the cluster', `/configs/${APP}/default%E2%80%8B/application`],
    ['a trailing space in the namespace', `/configs/${APP}/default/application%20`],
    ['a trailing space in /configfiles', `/configfiles/${APP}%20/default/application`],
    ['a trailing space in /configfiles/json', `/configfiles/json/${APP}/default%20/application`],
    ['a trailing space in a long-poll app id', notificationsQuery(`${APP} `, -1)],
    [
      'a zero-width space in a long-poll cluster',
      notificationsQuery(APP, -1, 'application', 'default\u200b'),
    ],
    ['a NUL in a long-poll namespace', notificationsQuery(APP, -1, 'application\u0000')],
  ];

  it.each(refused)('refuses %s with 400', async (_, path) => {
    const answer = await poll(path, 3_000);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });
}

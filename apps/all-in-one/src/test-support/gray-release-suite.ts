import type { RunningHouston } from '../all-in-one';
import { heldPolls } from './held-polls';
import { call, notificationsQuery, waitFor } from './http-client';

const APP = 'shop';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const GRAY_IP = '10.0.0.5';
const MAIN_IP = '10.0.0.6';

export function grayReleaseSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  let branch = '';
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
  const read = (query: string, appId = APP, namespace = 'application') =>
    call(houston.configUrl, 'GET', `/configs/${appId}/default/${namespace}?${query}`).then(
      (answer) => answer.body,
    );
  /** Reads until the configuration `query` gets passes `check`: a change reaches the config-service by its scan. */
  const readUntil = (
    what: string,
    query: string,
    check: (configurations: Record<string, string>) => boolean,
    appId = APP,
    namespace = 'application',
  ) => waitFor(what, async () => check((await read(query, appId, namespace)).configurations ?? {}));
  const BR = () => `${NS}/branches/${branch}`;
  const BRANCH_ITEMS = () => `/apps/${APP}/clusters/${branch}/namespaces/application/items`;

  beforeAll(async () => {
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Shop' });
    await admin('PUT', `${NS}/items`, { configText: 'price = 10\ncolor = red\n' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
    // Starting includes a scratch database and its migrations: seconds on a busy machine.
  });
  afterAll(async () => houston?.close());

  it('creates a branch that starts from the released configuration', async () => {
    const created = await admin('POST', `${NS}/branches`, {});
    expect(created.status).toBe(201);
    branch = created.body.branchName;
    expect((await admin('POST', `${NS}/branches`, {})).status).toBe(409);
    const items = await admin('GET', BRANCH_ITEMS());
    expect(
      Object.fromEntries(items.body.map((item: { key: string; value: string }) => [item.key, item.value])),
    ).toEqual({ price: '10', color: 'red' });
  });

  it('publishes a gray release that only the clients its rules pick (by IP or label) receive', async () => {
    await admin('PUT', `${BRANCH_ITEMS()}/price`, { value: '8' });
    await admin('POST', BRANCH_ITEMS(), { key: 'promo', value: 'on' });
    await admin('DELETE', `${BRANCH_ITEMS()}/color`);
    const gray = await admin('POST', `${BR()}/releases`, { releaseTitle: 'gray 1' });
    expect(gray.status).toBe(201);
    expect(gray.body.configurations).toEqual({ price: '8', promo: 'on' });
    expect((await read(`ip=${GRAY_IP}`)).configurations.price).toBe('10'); // no rules yet

    const rules = await admin('PUT', `${BR()}/rules`, {
      ruleItems: [{ clientAppId: APP, clientIpList: [GRAY_IP], clientLabelList: ['canary'] }],
    });
    expect(rules.status).toBe(200);
    expect((await admin('PUT', `${BR()}/rules`, { ruleItems: [{ clientIpList: ['x'] }] })).status).toBe(400);
    // Apollo's tools send the rule DTO back whole (names from the path, times, nulls): accepted.
    const whole = await admin('PUT', `${BR()}/rules`, {
      appId: APP,
      clusterName: 'default',
      namespaceName: 'application',
      branchName: branch,
      dataChangeCreatedBy: null,
      dataChangeLastModifiedTime: '2026-01-01T00:00:00.000Z',
      ruleItems: [{ clientAppId: APP, clientIpList: [GRAY_IP], clientLabelList: ['canary'] }],
    });
    expect(whole.status).toBe(200);
    await readUntil('the rules to apply', `ip=${GRAY_IP}`, (config) => config['price'] === '8');
    expect((await read(`ip=${GRAY_IP}`)).configurations).toEqual({ price: '8', promo: 'on' });
    expect((await read(`ip=${MAIN_IP}&label=canary`)).configurations).toEqual({ price: '8', promo: 'on' });
    expect((await read(`ip=${MAIN_IP}`)).configurations).toEqual({ price: '10', color: 'red' });
    expect((await read(`ip=${GRAY_IP}`, 'someone-else')).code).toBe('NOT_FOUND'); // another app: nothing released
  });

  it('wakes every long poll of the namespace on a gray release; each client re-reads its own answer', async () => {
    const current = (await call(houston.configUrl, 'GET', notificationsQuery(APP, -1))).body[0]
      .notificationId;
    const poll = (ip: string) =>
      call(houston.configUrl, 'GET', `${notificationsQuery(APP, current)}&ip=${ip}`);
    const [inRule, outside] = [poll(GRAY_IP), poll(MAIN_IP)];
    // Held before the release, so it is the release that answers them.
    await waitFor('both long polls to be held', () => heldPolls(houston) === 2);
    await admin('PUT', `${BRANCH_ITEMS()}/price`, { value: '7' });
    await admin('POST', `${BR()}/releases`, { releaseTitle: 'gray 2' });
    expect((await inRule).status).toBe(200);
    expect((await outside).status).toBe(200);
    expect((await read(`ip=${GRAY_IP}`)).configurations.price).toBe('7');
    expect((await read(`ip=${MAIN_IP}`)).configurations.price).toBe('10');

    // A main release: the gray clients keep their branch's changes on top of the new main configuration.
    await admin('PUT', `${NS}/items/price`, { value: '11' });
    await admin('POST', `${NS}/items`, { key: 'size', value: 'M' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v2' });
    await readUntil('release v2', `ip=${MAIN_IP}`, (config) => config['price'] === '11');
    expect((await read(`ip=${MAIN_IP}`)).configurations).toEqual({ price: '11', color: 'red', size: 'M' });
    expect((await read(`ip=${GRAY_IP}`)).configurations).toEqual({ price: '7', promo: 'on', size: 'M' });
  }, 20_000);

  it('rolls back the branch, then merges it into main for everyone, with every step in history', async () => {
    const latestGray = await admin(
      'GET',
      `/apps/${APP}/clusters/${branch}/namespaces/application/releases/latest`,
    );
    // A gray client is held on the main key (what it watches): the rollback must wake it.
    const current = (await call(houston.configUrl, 'GET', notificationsQuery(APP, -1))).body[0]
      .notificationId;
    const held = call(houston.configUrl, 'GET', `${notificationsQuery(APP, current)}&ip=${GRAY_IP}`);
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    expect((await admin('PUT', `/releases/${latestGray.body.id}/rollback`)).status).toBe(200);
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].notificationId).toBeGreaterThan(current);
    expect((await read(`ip=${GRAY_IP}`)).configurations.price).toBe('7'); // the gray 2 release, carried onto v2 earlier
    const merged = await admin('POST', `${BR()}/merge`, { releaseTitle: 'merge gray' });
    expect(merged.status).toBe(201);
    expect(merged.body.configurations).toEqual({ price: '7', promo: 'on', size: 'M' });
    for (const ip of [GRAY_IP, MAIN_IP]) {
      expect((await read(`ip=${ip}`)).configurations).toEqual({ price: '7', promo: 'on', size: 'M' });
    }
    expect((await admin('GET', `${NS}/branches`)).status).toBe(404);
    const history = await admin('GET', `${NS}/releases/histories?size=50`);
    const operations = history.body.content.map((row: { operation: number }) => row.operation);
    expect(operations).toEqual(expect.arrayContaining([0, 1, 2, 3, 4, 5, 8]));
  });

  it('abandons a branch: its clients go back to the main release', async () => {
    branch = (await admin('POST', `${NS}/branches`, {})).body.branchName;
    await admin('PUT', `${BRANCH_ITEMS()}/price`, { value: '1' });
    await admin('POST', `${BR()}/releases`, {});
    await admin('PUT', `${BR()}/rules`, {
      ruleItems: [{ clientAppId: APP, clientIpList: ['*'], clientLabelList: [] }],
    });
    await readUntil('every client on the branch', `ip=${MAIN_IP}`, (config) => config['price'] === '1');
    expect((await admin('DELETE', BR())).status).toBe(204);
    await readUntil('the clients back on main', `ip=${MAIN_IP}`, (config) => config['price'] === '7');
    const history = await admin('GET', `${NS}/releases/histories?size=5`);
    expect(history.body.content[0].operationName).toBe('ABANDON_GRAY_RELEASE');
  });

  it('gray-releases a public namespace to one associating app, merged under its overrides', async () => {
    await admin('POST', '/apps', { appId: 'mw', name: 'Middleware' });
    await admin('POST', '/apps/mw/appnamespaces', { name: 'dal', isPublic: true });
    const OWNER = '/apps/mw/clusters/default/namespaces/dal';
    await admin('PUT', `${OWNER}/items`, { configText: 'timeout = 100\npool = 5\n' });
    await admin('POST', `${OWNER}/releases`, {});
    await admin('POST', `/apps/${APP}/associated-namespaces`, { namespaceName: 'dal' });
    await admin('POST', `/apps/${APP}/clusters/default/namespaces/dal/items`, { key: 'pool', value: '50' });
    await admin('POST', `/apps/${APP}/clusters/default/namespaces/dal/releases`, {});

    const ownerBranch = (await admin('POST', `${OWNER}/branches`, {})).body.branchName;
    await admin('PUT', `/apps/mw/clusters/${ownerBranch}/namespaces/dal/items/timeout`, { value: '300' });
    await admin('POST', `${OWNER}/branches/${ownerBranch}/releases`, {});
    await admin('PUT', `${OWNER}/branches/${ownerBranch}/rules`, {
      ruleItems: [{ clientAppId: APP, clientIpList: [GRAY_IP], clientLabelList: [] }],
    });
    await readUntil(
      "the owner's rules to apply",
      `ip=${GRAY_IP}`,
      (config) => config['timeout'] === '300',
      APP,
      'dal',
    );
    expect((await read(`ip=${GRAY_IP}`, APP, 'dal')).configurations).toEqual({ timeout: '300', pool: '50' });
    expect((await read(`ip=${MAIN_IP}`, APP, 'dal')).configurations).toEqual({ timeout: '100', pool: '50' });
    expect((await read(`ip=${GRAY_IP}`, 'mw', 'dal')).configurations.timeout).toBe('100'); // the rule names shop, not mw
  });
}

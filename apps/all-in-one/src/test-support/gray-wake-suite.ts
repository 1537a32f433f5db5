import { ConfigServiceLifecycle } from '@houston/config-service';
import type { RunningHouston } from '../all-in-one';
import { call, sleep, type Answer } from './http-client';

const APP = 'wake';
const NS = `/apps/${APP}/clusters/default/namespaces/application`;
const GRAY_IP = '10.0.0.5';
const MAIN_IP = '10.0.0.6';
const LABEL = 'canary';
/** What the clients must be woken within, on the database path (no hint, 1 s scans). */
const WAKE_WITHIN_MS = 1500;

const notifications = (id: number) =>
  encodeURIComponent(JSON.stringify([{ namespaceName: 'application', notificationId: id }]));

/**
 * The requests real clients send, byte for byte in shape:
 * - the official Java client's long poll: `appId, cluster, notifications, dataCenter, ip`, never
 *   `label` (it sends the label on `/configs` only);
 * - a Python client's long poll: neither `ip` nor `label` (its address, behind NAT or a sidecar,
 *   is not the client's);
 * - `/configs` with both `ip` and `label`, as the Java client reads after a wake-up.
 */
const javaPoll = (id: number) =>
  `/notifications/v2?appId=${APP}&cluster=default&notifications=${notifications(id)}&dataCenter=dc1&ip=${GRAY_IP}`;
const pythonPoll = (id: number) =>
  `/notifications/v2?appId=${APP}&cluster=default&notifications=${notifications(id)}`;
const configsAs = (ip: string, label: string) =>
  `/configs/${APP}/default/application?releaseKey=-1&ip=${ip}&label=${label}`;

/**
 * Every gray change wakes every client of the namespace, whatever its long poll carried, within
 * 1.5 s, by the config-service's scan of the ReleaseMessage table alone (start Houston without
 * the in-process hint); each client then reads its own answer with its IP and label.
 */
export function grayWakeSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  let branch = '';
  let notificationId = -1;
  const admin = async (method: string, path: string, body?: unknown) => {
    const answer = await call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    return answer;
  };
  const readAs = async (ip: string, label: string) =>
    (await call(houston.configUrl, 'GET', configsAs(ip, label))).body.configurations;
  const BR = () => `${NS}/branches/${branch}`;
  const BRANCH_ITEMS = () => `/apps/${APP}/clusters/${branch}/namespaces/application/items`;
  const heldPolls = () => houston.servers[0]!.app.get(ConfigServiceLifecycle).heldLongPolls;

  /** Holds a Java-shaped and a Python-shaped poll, makes the change, and expects both woken in time. */
  async function expectBothWoken(change: () => Promise<unknown>): Promise<void> {
    const timed = (path: string) =>
      call(houston.configUrl, 'GET', path).then((answer) => ({ answer, at: Date.now() }));
    const polls = [timed(javaPoll(notificationId)), timed(pythonPoll(notificationId))];
    while (heldPolls() < 2) await sleep(10);
    await change();
    const changedAt = Date.now();
    const woken = await Promise.all(polls);
    for (const { answer, at } of woken) {
      expect(answer.status).toBe(200);
      expect(answer.body[0].notificationId).toBeGreaterThan(notificationId);
      expect(at - changedAt).toBeLessThan(WAKE_WITHIN_MS);
    }
    notificationId = (woken[0]!.answer as Answer).body[0].notificationId;
  }

  beforeAll(async () => {
    houston = await start();
    await admin('POST', '/apps', { appId: APP, name: 'Wake' });
    await admin('PUT', `${NS}/items`, { configText: 'price = 10\ncolor = red\n' });
    await admin('POST', `${NS}/releases`, { releaseTitle: 'v1' });
    branch = (await admin('POST', `${NS}/branches`, {})).body.branchName;
    await admin('PUT', `${BRANCH_ITEMS()}/price`, { value: '8' });
    // Rules before any gray release: nobody is gray yet.
    await admin('PUT', `${BR()}/rules`, {
      ruleItems: [{ clientAppId: APP, clientIpList: [GRAY_IP], clientLabelList: [] }],
    });
    const first = await call(houston.configUrl, 'GET', pythonPoll(-1));
    notificationId = first.body[0].notificationId;
  });
  afterAll(async () => houston?.close());

  it('a gray publish wakes them', async () => {
    await expectBothWoken(() => admin('POST', `${BR()}/releases`, { releaseTitle: 'gray 1' }));
    expect(await readAs(GRAY_IP, 'none')).toEqual({ price: '8', color: 'red' });
    expect(await readAs(MAIN_IP, LABEL)).toEqual({ price: '10', color: 'red' });
  }, 15_000);

  it('a rule change wakes them (here from an IP rule to a label rule)', async () => {
    await expectBothWoken(() =>
      admin('PUT', `${BR()}/rules`, {
        ruleItems: [{ clientAppId: APP, clientIpList: [], clientLabelList: [LABEL] }],
      }),
    );
    expect(await readAs(GRAY_IP, 'none')).toEqual({ price: '10', color: 'red' });
    expect(await readAs(MAIN_IP, LABEL)).toEqual({ price: '8', color: 'red' });
  }, 15_000);

  it('a main release under gray wakes them', async () => {
    await admin('PUT', `${NS}/items/color`, { value: 'blue' });
    await expectBothWoken(() => admin('POST', `${NS}/releases`, { releaseTitle: 'v2' }));
    expect(await readAs(MAIN_IP, LABEL)).toEqual({ price: '8', color: 'blue' });
    expect(await readAs(MAIN_IP, 'none')).toEqual({ price: '10', color: 'blue' });
  }, 15_000);

  it('a gray rollback wakes them', async () => {
    await admin('PUT', `${BRANCH_ITEMS()}/price`, { value: '7' });
    await expectBothWoken(() => admin('POST', `${BR()}/releases`, { releaseTitle: 'gray 2' }));
    expect(await readAs(MAIN_IP, LABEL)).toEqual({ price: '7', color: 'blue' });
    const latest = await admin(
      'GET',
      `/apps/${APP}/clusters/${branch}/namespaces/application/releases/latest`,
    );
    await expectBothWoken(() => admin('PUT', `/releases/${latest.body.id}/rollback`));
    expect(await readAs(MAIN_IP, LABEL)).toEqual({ price: '8', color: 'blue' });
  }, 15_000);

  it('a merge wakes them', async () => {
    await expectBothWoken(() => admin('POST', `${BR()}/merge`, { releaseTitle: 'merge' }));
    expect(await readAs(MAIN_IP, 'none')).toEqual({ price: '7', color: 'blue' });
    expect(await readAs(MAIN_IP, LABEL)).toEqual({ price: '7', color: 'blue' });
  }, 15_000);

  it('an abandon wakes them', async () => {
    branch = (await admin('POST', `${NS}/branches`, {})).body.branchName;
    await admin('PUT', `${BRANCH_ITEMS()}/price`, { value: '1' });
    await expectBothWoken(() => admin('POST', `${BR()}/releases`, {}));
    await expectBothWoken(() =>
      admin('PUT', `${BR()}/rules`, {
        ruleItems: [{ clientAppId: APP, clientIpList: ['*'], clientLabelList: [] }],
      }),
    );
    expect(await readAs(MAIN_IP, 'none')).toEqual({ price: '1', color: 'blue' });
    await expectBothWoken(() => admin('DELETE', BR()));
    expect(await readAs(MAIN_IP, 'none')).toEqual({ price: '7', color: 'blue' });
  }, 15_000);
}

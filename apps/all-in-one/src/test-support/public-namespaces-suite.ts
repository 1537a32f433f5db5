import type { RunningHouston } from '../all-in-one';
import { heldPolls } from './held-polls';
import { call, notificationsQuery, waitFor } from './http-client';

/** A middleware team's public `dal` namespace, associated and partly overridden by `orders`. */
export function publicNamespaceSuite(start: () => Promise<RunningHouston>): void {
  let houston: RunningHouston;
  const admin = (method: string, path: string, body?: unknown) =>
    call(houston.adminUrl, method, path, body, { 'x-operator': 'ops' });
  const client = (path: string) => call(houston.configUrl, 'GET', path);
  const OWNER = '/apps/middleware/clusters/default/namespaces/dal';
  const OVERRIDE = '/apps/orders/clusters/default/namespaces/dal';

  beforeAll(async () => {
    houston = await start();
    for (const appId of ['middleware', 'orders', 'billing'])
      await admin('POST', '/apps', { appId, name: appId });
    expect(
      (await admin('POST', '/apps/middleware/appnamespaces', { name: 'dal', isPublic: true })).status,
    ).toBe(201);
    await admin('PUT', `${OWNER}/items`, { configText: 'timeout = 100\npool.size = 5\n' });
    expect((await admin('POST', `${OWNER}/releases`, { releaseTitle: 'dal v1' })).status).toBe(201);
  });
  afterAll(async () => houston?.close());

  it("serves the owner's release to an app that reads the public namespace", async () => {
    const config = await client('/configs/billing/default/dal');
    expect(config.status).toBe(200);
    expect(config.body.configurations).toEqual({ timeout: '100', 'pool.size': '5' });
  });

  it("merges an associating app's released overrides over the owner's release", async () => {
    expect((await admin('POST', '/apps/orders/associated-namespaces', { namespaceName: 'dal' })).status).toBe(
      201,
    );
    expect((await admin('POST', '/apps/orders/associated-namespaces', { namespaceName: 'dal' })).status).toBe(
      409,
    );
    expect((await admin('GET', '/apps/orders/associated-namespaces')).body).toEqual([
      { namespaceName: 'dal', ownerAppId: 'middleware', format: 'properties' },
    ]);
    expect((await admin('POST', `${OVERRIDE}/items`, { key: 'pool.size', value: '20' })).status).toBe(201);
    const override = await admin('POST', `${OVERRIDE}/releases`, { releaseTitle: 'orders dal' });
    expect(override.status).toBe(201);
    const owner = await admin('GET', `${OWNER}/releases/latest`);

    const config = await client('/configs/orders/default/dal');
    expect(config.body.configurations).toEqual({ timeout: '100', 'pool.size': '20' });
    expect(config.body.releaseKey).toBe(`${override.body.releaseKey}+${owner.body.releaseKey}`);
    // Another cluster of orders falls back to its default override, and to the owner's default release.
    await admin('POST', '/apps/orders/clusters', { name: 'shanghai' });
    expect((await client('/configs/orders/shanghai/dal')).body.configurations).toEqual({
      timeout: '100',
      'pool.size': '20',
    });
    expect((await client('/configs/billing/default/dal')).body.configurations['pool.size']).toBe('5');
  });

  it("wakes the associating app's clients when the owner releases, and they see the merge", async () => {
    const current = (await client(notificationsQuery('orders', -1, 'dal'))).body[0].notificationId;
    const held = client(notificationsQuery('orders', current, 'dal'));
    // Held before the owner's release, so it is that release that answers it.
    await waitFor('the long poll to be held', () => heldPolls(houston) === 1);
    await admin('PUT', `${OWNER}/items/timeout`, { value: '250' });
    await admin('POST', `${OWNER}/releases`, { releaseTitle: 'dal v2' });
    const woken = await held;
    expect(woken.status).toBe(200);
    expect(woken.body[0].namespaceName).toBe('dal');
    expect((await client('/configs/orders/default/dal')).body.configurations).toEqual({
      timeout: '250',
      'pool.size': '20',
    });
  });

  it('keeps the owner from deleting a public namespace others associate, until they let go', async () => {
    expect((await admin('DELETE', '/apps/middleware/appnamespaces/dal')).status).toBe(409);
    expect((await admin('DELETE', '/apps/orders/associated-namespaces/dal')).status).toBe(204);
    expect((await admin('GET', `${OVERRIDE}`)).status).toBe(404);
    // The deletion's release message reaches the config-service's scan: the override is gone.
    await waitFor(
      "orders to read the owner's pool.size again",
      async () => (await client('/configs/orders/default/dal')).body.configurations['pool.size'] === '5',
    );
    expect((await admin('DELETE', '/apps/middleware/appnamespaces/dal')).status).toBe(204);
  });
}

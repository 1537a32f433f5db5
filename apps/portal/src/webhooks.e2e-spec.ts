import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PortalClient } from './test-support/portal-client';
import { startTwoEnvironmentPortal, type TwoEnvironmentPortal } from './test-support/two-environment-portal';

// Two environments start as processes of their own: slow on a busy machine.
jest.setTimeout(180_000);

const APP = '/api/envs/DEV/apps/shop';
const NS = `${APP}/clusters/default/namespaces/application`;
const SECRET = randomBytes(24).toString('hex');

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Validation and notification webhooks through the portal, on DEV: any reader lists hooks and
 * deliveries, only the app master adds, removes and redelivers, and no answer carries a secret.
 * A receiver on 127.0.0.1 refuses the first delivery (one attempt only, so it fails at once) and
 * takes it when sent again.
 */
describe('portal webhooks, two environments', () => {
  let fixture: TwoEnvironmentPortal;
  let as: Record<string, PortalClient> = {};
  let receiver: Server;
  let receiverUrl: string;
  let accepting = false;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push(req.headers);
        res.writeHead(accepting ? 204 : 500).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/houston`;
    fixture = await startTwoEnvironmentPortal({
      houston: {
        HOUSTON_SECRET_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        HOUSTON_WEBHOOK_POLL_INTERVAL: '50ms',
        HOUSTON_WEBHOOK_MAX_ATTEMPTS: '1',
        HOUSTON_WEBHOOK_TIMEOUT: '2s',
      },
      users: ['alice', 'rel', 'nobody'],
      apps: [{ appId: 'shop', name: 'Shop', ownerName: 'alice' }],
    });
    as = fixture.as;
    const granted = await as['alice']!.post('/api/apps/shop/roles', {
      username: 'rel',
      role: 'ReleaseNamespace',
      namespace: 'application',
    });
    expect(granted.status).toBe(201);
    expect((await as['admin']!.post(`${NS}/items`, { key: 'timeout', value: '100' })).status).toBe(201);
  });
  afterAll(async () => {
    await fixture?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('lets only the app master add and remove a validation hook, which anyone may list without its secret', async () => {
    const hook = { url: receiverUrl, secret: SECRET, timeoutMs: 1000, failurePolicy: 'fail-open' };
    expect((await as['rel']!.post(`${APP}/release-webhooks`, hook)).status).toBe(403);
    const added = await as['alice']!.post(`${APP}/release-webhooks?operator=mallory`, hook);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ url: receiverUrl, failurePolicy: 'fail-open', createdBy: 'alice' });
    expect(JSON.stringify(added.body)).not.toContain(SECRET);
    const listed = await as['nobody']!.get(`${APP}/release-webhooks`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: added.body.id, url: receiverUrl })]);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    expect((await as['nobody']!.request('DELETE', `${APP}/release-webhooks/${added.body.id}`)).status).toBe(
      403,
    );
    expect((await as['alice']!.request('DELETE', `${APP}/release-webhooks/${added.body.id}`)).status).toBe(
      204,
    );
    expect((await as['nobody']!.get(`${APP}/release-webhooks`)).body).toEqual([]);
  });

  it('refuses a bad hook with the admin-service 400, nothing added', async () => {
    const before = (await as['alice']!.get(`${APP}/notification-webhooks`)).body;
    const bad = await as['alice']!.post(`${APP}/notification-webhooks`, { url: 'ftp://x', secret: 'short' });
    expect(bad.status).toBe(400);
    expect((await as['alice']!.get(`${APP}/notification-webhooks`)).body).toEqual(before);
  });

  // One hook's life, each step on what the one before made: added, a failed delivery, redelivered, removed.
  it('adds a notification hook for the master only; a release makes a delivery that fails and is listed to readers; only the master redelivers it, once; only the master removes the hook, in DEV alone', async () => {
    const hook = { url: receiverUrl, secret: SECRET, events: ['release'] };
    expect((await as['nobody']!.post(`${APP}/notification-webhooks`, hook)).status).toBe(403);
    const added = await as['alice']!.post(`${APP}/notification-webhooks`, hook);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ url: receiverUrl, events: ['release'], createdBy: 'alice' });
    expect(JSON.stringify(added.body)).not.toContain(SECRET);
    const hookId = added.body.id;
    const listed = await as['nobody']!.get(`${APP}/notification-webhooks`);
    expect(listed.body).toEqual([expect.objectContaining({ id: hookId })]);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);

    expect((await as['rel']!.post(`${NS}/releases`, { releaseTitle: 'v1' })).status).toBe(201);
    let deliveries: Array<{ id: number; status: string; attempts: number; lastStatus: number }> = [];
    await waitFor('the failed delivery', async () => {
      deliveries = (await as['nobody']!.get(`${APP}/webhook-deliveries?status=failed`)).body;
      return deliveries.length === 1;
    });
    expect(deliveries[0]).toMatchObject({
      webhookId: hookId,
      status: 'failed',
      attempts: 1,
      lastStatus: 500,
    });
    const deliveryId = deliveries[0]!.id;
    expect((await as['nobody']!.get(`${APP}/webhook-deliveries/count?status=failed`)).body).toEqual({
      total: 1,
    });
    expect((await as['nobody']!.get(`${APP}/webhook-deliveries/count?status=bogus`)).status).toBe(400);
    const one = await as['nobody']!.get(`${APP}/webhook-deliveries/${deliveryId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: deliveryId, event: 'release' });
    expect(one.body.payload).toMatchObject({ event: 'release', appId: 'shop', operator: 'rel' });
    expect(JSON.stringify(one.body)).not.toContain(SECRET);
    expect((await as['nobody']!.get(`${APP}/webhook-deliveries/999999`)).status).toBe(404);

    // Redelivered by the master only, the receiver takes it; a delivered one is not sent again (409).
    accepting = true;
    const redeliver = `${APP}/webhook-deliveries/${deliveryId}/redeliver`;
    expect((await as['rel']!.post(redeliver, {})).status).toBe(403);
    const again = await as['alice']!.post(redeliver, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: deliveryId });
    await waitFor('the redelivery', async () => {
      const one = await as['nobody']!.get(`${APP}/webhook-deliveries/${deliveryId}`);
      return one.body.status === 'delivered';
    });
    const headers = received.filter((h) => h['x-houston-delivery'] === String(deliveryId));
    expect(headers.length).toBeGreaterThanOrEqual(2);
    expect(headers.at(-1)!['x-houston-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect((await as['alice']!.post(redeliver, {})).status).toBe(409);

    // Removed by the master only; PRO never had it.
    expect((await as['nobody']!.request('DELETE', `${APP}/notification-webhooks/${hookId}`)).status).toBe(
      403,
    );
    expect((await as['alice']!.request('DELETE', `${APP}/notification-webhooks/${hookId}`)).status).toBe(204);
    expect((await as['nobody']!.get(`${APP}/notification-webhooks`)).body).toEqual([]);
    expect((await as['nobody']!.get('/api/envs/PRO/apps/shop/webhook-deliveries')).body).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@houston/domain';
import { startServerProcess, type ServerProcess } from '@houston/testing';
import { call, waitFor } from './http-client';
import { scrape } from './scrape';
import type { SharedDatabase } from './rollout-durability-suite';

const SECRET = 'notification-secret-of-some-length';

interface Received {
  path: string;
  deliveryId: number;
  attempt: number;
  event: string;
  timestamp: number;
  signed: boolean;
  body: Record<string, unknown>;
}

/**
 * A receiver on 127.0.0.1: `/ok` accepts, `/flaky` refuses each delivery's first two attempts,
 * `/down` refuses while `down` is set, `/hang` holds every request until `hanging` is cleared.
 */
class Receiver {
  readonly received: Received[] = [];
  down = true;
  hanging = true;
  private readonly held: ServerResponse[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    for (const response of this.held.splice(0)) response.destroy();
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  of(path: string): Received[] {
    return this.received.filter((entry) => entry.path === path);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      const entry: Received = {
        path: request.url ?? '',
        deliveryId: Number(request.headers['x-houston-delivery']),
        attempt: Number(request.headers['x-houston-attempt']),
        event: String(request.headers['x-houston-event']),
        timestamp: Number(request.headers['x-houston-timestamp']),
        signed: verifyWebhookSignature(
          SECRET,
          request.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined,
          text,
          Date.now(),
        ),
        body: JSON.parse(text) as Record<string, unknown>,
      };
      this.received.push(entry);
      const refuse = () => (response.writeHead(500, { 'content-type': 'text/plain' }), response.end('boom'));
      switch (entry.path) {
        case '/flaky':
          if (entry.attempt <= 2) return refuse();
          break;
        case '/down':
          if (this.down) return refuse();
          break;
        case '/hang':
          if (this.hanging) return void this.held.push(response);
          break;
      }
      response.writeHead(204);
      response.end();
    });
  }
}

/**
 * Notification webhooks with admin-services as real processes on one database: delivered signed,
 * retried with backoff until a flaky receiver takes it, failed after the last attempt and sent
 * again on request, never sent twice by two admin-services at once, and delivered after the
 * admin-service holding it was killed.
 */
export function notificationWebhooksSuite(open: () => Promise<SharedDatabase>): void {
  let database: SharedDatabase;
  let receiver: Receiver;
  const running: ServerProcess[] = [];
  const secretKeys = `k1:${randomBytes(32).toString('base64')}`;
  const adminService = async (env: Record<string, string> = {}) => {
    const server = await startServerProcess(
      'admin-service',
      {
        HOUSTON_DB_URL: database.url,
        HOUSTON_DB_POOL_SIZE: '4',
        HOUSTON_SECRET_KEYS: secretKeys,
        HOUSTON_ROLLOUT_TICK: '0',
        HOUSTON_WEBHOOK_POLL_INTERVAL: '50ms',
        HOUSTON_WEBHOOK_RETRY_DELAY: '100ms',
        HOUSTON_WEBHOOK_MAX_ATTEMPTS: '3',
        HOUSTON_WEBHOOK_TIMEOUT: '1s',
        ...env,
      },
      60_000,
    );
    running.push(server);
    return server;
  };
  const admin = (server: ServerProcess, method: string, path: string, body?: unknown) =>
    call(server.url, method, path, body, { 'x-operator': 'ops' });

  async function app(
    server: ServerProcess,
    appId: string,
    hookPath: string,
    events?: string[],
  ): Promise<number> {
    expect((await admin(server, 'POST', '/apps', { appId, name: appId })).status).toBe(201);
    const hook = await admin(server, 'POST', `/apps/${appId}/notification-webhooks`, {
      url: receiver.url + hookPath,
      secret: SECRET,
      ...(events ? { events } : {}),
    });
    expect(hook.status).toBe(201);
    return hook.body.id as number;
  }

  async function release(server: ServerProcess, appId: string, value: string, title = value) {
    const ns = `/apps/${appId}/clusters/default/namespaces/application`;
    expect((await admin(server, 'PUT', `${ns}/items/level?createIfNotExists=true`, { value })).status).toBe(
      200,
    );
    const published = await admin(server, 'POST', `${ns}/releases`, { releaseTitle: title });
    expect(published.status).toBe(201);
    return published.body as { id: number; releaseKey: string };
  }

  const deliveries = async (server: ServerProcess, appId: string, query = '') =>
    (await admin(server, 'GET', `/apps/${appId}/webhook-deliveries${query}`)).body as Array<{
      id: number;
      status: string;
      attempts: number;
      lastStatus: number;
      lastError: string;
      event: string;
    }>;

  beforeAll(async () => {
    database = await open();
    receiver = new Receiver();
    await receiver.start();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(running.splice(0).map((server) => server.stop()));
  });
  afterAll(async () => {
    await receiver?.stop();
    await database?.drop();
  });

  it('delivers signed; retries a failing receiver until it answers; fails after the last attempt and redelivers on request', async () => {
    const server = await adminService();
    await app(server, 'notified', '/ok', ['release', 'rollback']);
    const first = await release(server, 'notified', '1', 'first');
    await waitFor('the release notification', () => receiver.of('/ok').length === 1, 20_000);
    const [got] = receiver.of('/ok');
    const [listed] = await deliveries(server, 'notified');
    expect(got).toMatchObject({ signed: true, event: 'release', attempt: 1, deliveryId: listed!.id });
    expect(Math.abs(Date.now() - got!.timestamp)).toBeLessThan(60_000);
    expect(got!.body).toMatchObject({
      event: 'release',
      appId: 'notified',
      namespaceName: 'application',
      operator: 'ops',
      operation: 0,
      release: { id: first.id, key: first.releaseKey, title: 'first' },
      changes: { added: ['level'], modified: [], deleted: [] },
    });
    await waitFor(
      'delivered in the API',
      async () => (await deliveries(server, 'notified'))[0]!.status === 'delivered',
    );
    expect(await deliveries(server, 'notified')).toEqual([
      expect.objectContaining({ status: 'delivered', attempts: 1, lastStatus: 204, lastError: '' }),
    ]);
    const one = await admin(server, 'GET', `/apps/notified/webhook-deliveries/${listed!.id}`);
    expect(one.body.payload).toEqual(got!.body);

    // Two refusals, then the third attempt is taken.
    await app(server, 'flaky', '/flaky');
    await release(server, 'flaky', '1');
    await waitFor('the third attempt', () => receiver.of('/flaky').length === 3, 20_000);
    await waitFor(
      'delivered after retries',
      async () => (await deliveries(server, 'flaky'))[0]!.status === 'delivered',
    );
    expect((await deliveries(server, 'flaky'))[0]).toMatchObject({ attempts: 3, lastStatus: 204 });
    const flaky = receiver.of('/flaky');
    expect(flaky.map((entry) => entry.attempt)).toEqual([1, 2, 3]);
    expect(new Set(flaky.map((entry) => entry.deliveryId)).size).toBe(1);
    expect(flaky.every((entry) => entry.signed)).toBe(true);

    // Always refused: failed after three attempts, visible with its error; redelivered once up.
    await app(server, 'broken', '/down');
    await release(server, 'broken', '1');
    await waitFor(
      'failed after the last attempt',
      async () => (await deliveries(server, 'broken'))[0]?.status === 'failed',
      20_000,
    );
    const failed = (await deliveries(server, 'broken', '?status=failed'))[0]!;
    expect(failed).toMatchObject({
      attempts: 3,
      lastStatus: 500,
      lastError: 'the receiver answered 500: boom',
    });
    expect(receiver.of('/down')).toHaveLength(3);
    expect(
      (await admin(server, 'POST', `/apps/notified/webhook-deliveries/${listed!.id}/redeliver`)).status,
    ).toBe(409);
    expect((await admin(server, 'POST', `/apps/broken/webhook-deliveries/999999/redeliver`)).status).toBe(
      404,
    );
    receiver.down = false;
    const again = await admin(server, 'POST', `/apps/broken/webhook-deliveries/${failed.id}/redeliver`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: failed.id, attempts: 0 });
    await waitFor(
      'delivered after redelivery',
      async () => (await deliveries(server, 'broken'))[0]!.status === 'delivered',
    );
    expect((await deliveries(server, 'broken'))[0]).toMatchObject({ attempts: 1, lastStatus: 204 });

    const metrics = await scrape(server.url);
    const value = (name: string) => metrics.samples.find((sample) => sample.name === name)?.value;
    expect(value('houston_webhook_deliveries_sent_total')).toBe(3);
    expect(value('houston_webhook_deliveries_retried_total')).toBe(4);
    expect(value('houston_webhook_deliveries_failed_total')).toBe(1);
  }, 180_000);

  it('two admin-services polling one outbox send each delivery once', async () => {
    const [one, two] = [
      await adminService({ HOUSTON_WEBHOOK_POLL_INTERVAL: '20ms' }),
      await adminService({ HOUSTON_WEBHOOK_POLL_INTERVAL: '20ms' }),
    ];
    const before = receiver.of('/ok').length;
    const apps = ['race-a', 'race-b', 'race-c', 'race-d'];
    for (const [index, appId] of apps.entries()) await app(index % 2 ? two : one, appId, '/ok');
    for (let round = 1; round <= 5; round++) {
      await Promise.all(apps.map((appId, index) => release(index % 2 ? one : two, appId, String(round))));
    }
    await waitFor('20 notifications', () => receiver.of('/ok').length - before >= 20, 30_000);
    for (const appId of apps) {
      await waitFor(`${appId} settled`, async () =>
        (await deliveries(one, appId)).every((row) => row.status === 'delivered'),
      );
      const rows = await deliveries(two, appId);
      expect(rows).toHaveLength(5);
      expect(rows.every((row) => row.attempts === 1)).toBe(true);
    }
    const ids = receiver
      .of('/ok')
      .slice(before)
      .map((entry) => entry.deliveryId);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  }, 180_000);

  it('delivers after the admin-service holding the delivery is killed', async () => {
    const first = await adminService();
    await app(first, 'killed', '/hang');
    await release(first, 'killed', '1');
    await waitFor('the held request', () => receiver.of('/hang').length === 1, 20_000);
    expect((await deliveries(first, 'killed'))[0]).toMatchObject({ status: 'delivering', attempts: 1 });
    first.child.kill('SIGKILL');
    await new Promise((exited) => first.child.once('exit', exited));
    receiver.hanging = false;

    const second = await adminService();
    await waitFor(
      'delivered by the restarted admin-service',
      async () => (await deliveries(second, 'killed'))[0]!.status === 'delivered',
      30_000,
    );
    expect((await deliveries(second, 'killed'))[0]).toMatchObject({ attempts: 2, lastStatus: 204 });
    const hang = receiver.of('/hang');
    expect(hang.map((entry) => entry.attempt)).toEqual([1, 2]);
    expect(new Set(hang.map((entry) => entry.deliveryId)).size).toBe(1);
  }, 180_000);
}

import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InlineDocumentChecker } from '@houston/server-kit';
import { InMemoryDatabase } from '@houston/testing';
import type { AdminServiceOptions } from '../admin-service.options';
import { DeliveryPoller } from './delivery-poller';
import { NotificationOutbox } from './notification-outbox';

describe('DeliveryPoller', () => {
  let server: Server;
  let base: string;
  const held: ServerResponse[] = [];
  const answered: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        if (request.url === '/hang') return void held.push(response);
        answered.push(String(request.headers['x-houston-delivery']));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  async function until(what: string, condition: () => boolean | Promise<boolean>) {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((tick) => setTimeout(tick, 10));
    }
  }

  it('keeps its slots busy: a receiver that does not answer holds one, the others go on', async () => {
    const database = new InMemoryDatabase();
    const hook = (path: string) =>
      database.repos.releaseWebhooks.insert({
        appId: 'shop',
        namespaceName: '',
        kind: 'notify',
        events: 'release',
        url: base + path,
        secret: 'a-plain-secret-of-some-length',
        timeoutMs: 0,
        failOpen: false,
        createdBy: 'ann',
      });
    const [slow, fast] = [await hook('/hang'), await hook('/ok')];
    const row = {
      appId: 'shop',
      namespaceName: 'application',
      event: 'release',
      payload: '{}',
      nextAttemptAt: 0,
    };
    await database.repos.webhookDeliveries.insert([
      { ...row, webhookId: slow.id },
      ...Array.from({ length: 6 }, () => ({ ...row, webhookId: fast.id })),
    ]);
    const options = {
      database,
      limits: {} as AdminServiceOptions['limits'],
      governance: { namespaceLock: false, editorCannotRelease: false },
      documents: new InlineDocumentChecker(),
      notifications: {
        pollIntervalMs: 60_000,
        timeoutMs: 30_000,
        concurrency: 2,
        maxAttempts: 3,
        baseDelayMs: 1_000,
        maxDelayMs: 1_000,
      },
    } satisfies AdminServiceOptions;
    const outbox = new NotificationOutbox();
    const poller = new DeliveryPoller(options, outbox);
    poller.onApplicationBootstrap();
    try {
      outbox.queued();
      await until('the six answered deliveries', () => answered.length === 6);
      // The receiver counts a delivery when it has the request; the row says so once the answer
      // is back: wait for that too.
      const fastOnes = async () =>
        (await database.repos.webhookDeliveries.list('shop', { webhookId: fast.id }, 10)).map(
          (r) => r.status,
        );
      await until('the six marked delivered', async () =>
        (await fastOnes()).every((status) => status === 'delivered'),
      );
      expect(await fastOnes()).toEqual(Array.from({ length: 6 }, () => 'delivered'));
      const rows = await database.repos.webhookDeliveries.list('shop', {}, 10);
      expect(rows.find((r) => r.webhookId === slow.id)).toMatchObject({ status: 'delivering', attempts: 1 });
      expect(held).toHaveLength(1);
    } finally {
      held.splice(0).forEach((response) => response.writeHead(204).end());
      await poller.onModuleDestroy();
    }
    const [settled] = await database.repos.webhookDeliveries.list('shop', { webhookId: slow.id }, 1);
    expect(settled).toMatchObject({ status: 'delivered' });
  }, 20_000);
});

import { InMemoryDatabase } from '@houston/testing';
import type { ReleaseWebhookEntity } from '@houston/entities';
import { Registry } from 'prom-client';
import { WebhookMetrics } from '../metrics/webhook-metrics';
import { DeliveryWorker } from './delivery-worker';
import { LEASE_MARGIN_MS, type NotificationSettings } from './notification-settings';
import type { NotificationAttempt, NotificationRequest } from './send-notification';

const SETTINGS: NotificationSettings = {
  pollIntervalMs: 1_000,
  timeoutMs: 2_000,
  concurrency: 4,
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
};

/** A receiver whose answers the test decides, recording every request. */
class FakeReceiver {
  readonly requests: NotificationRequest[] = [];
  answers: NotificationAttempt[] = [];
  hold?: Promise<void>;

  send = async (request: NotificationRequest): Promise<NotificationAttempt> => {
    this.requests.push(request);
    await this.hold;
    return this.answers.shift() ?? { ok: true, status: 200, error: '' };
  };
}

describe('DeliveryWorker', () => {
  let database: InMemoryDatabase;
  let clock: number;
  let receiver: FakeReceiver;
  let hook: ReleaseWebhookEntity;
  let metrics: WebhookMetrics;

  const worker = (overrides: Partial<ConstructorParameters<typeof DeliveryWorker>[0]> = {}) =>
    new DeliveryWorker({
      repos: database.repos,
      settings: SETTINGS,
      send: receiver.send,
      open: (row) => ({ ...row, secret: `open:${row.secret}` }),
      now: () => clock,
      random: () => 0,
      metrics,
      ...overrides,
    });
  const queue = (count = 1) =>
    database.repos.webhookDeliveries.insert(
      Array.from({ length: count }, (_, index) => ({
        webhookId: hook.id,
        appId: 'shop',
        namespaceName: 'application',
        event: 'release',
        payload: JSON.stringify({ n: index }),
        nextAttemptAt: clock,
      })),
    );
  const stored = async () => database.repos.webhookDeliveries.list('shop', {}, 100);

  beforeEach(async () => {
    database = new InMemoryDatabase();
    clock = 1_000_000;
    receiver = new FakeReceiver();
    metrics = new WebhookMetrics(new Registry());
    hook = await database.repos.releaseWebhooks.insert({
      appId: 'shop',
      namespaceName: '',
      kind: 'notify',
      events: 'release',
      url: 'http://127.0.0.1:1/hook',
      secret: 'sealed',
      timeoutMs: 0,
      failOpen: false,
      createdBy: 'ann',
    });
  });

  it('sends a due delivery signed with the opened secret, its id and attempt, and marks it delivered', async () => {
    await queue();
    expect(await worker().runOnce()).toBe(1);
    expect(receiver.requests).toEqual([
      expect.objectContaining({
        url: hook.url,
        secret: 'open:sealed',
        attempt: 1,
        event: 'release',
        body: '{"n":0}',
        timeoutMs: 2_000,
      }),
    ]);
    const [row] = await stored();
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200, lastError: '' });
    expect(receiver.requests[0]!.deliveryId).toBe(row!.id);
    expect(metrics).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(await worker().runOnce()).toBe(0);
  });

  it('retries a failed attempt after an exponential backoff, then fails it after the last attempt', async () => {
    await queue();
    receiver.answers = [
      { ok: false, status: 503, error: 'the receiver answered 503' },
      { ok: false, status: 0, error: 'no answer within 2000 ms' },
      { ok: false, status: 500, error: 'the receiver answered 500' },
    ];
    await worker().runOnce();
    // random() = 0: half the delay, 500 ms after the first failure, 1,000 after the second.
    expect((await stored())[0]).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: clock + 500,
      lastStatus: 503,
      lastError: 'the receiver answered 503',
    });
    clock += 499;
    expect(await worker().runOnce()).toBe(0);
    clock += 1;
    expect(await worker().runOnce()).toBe(1);
    expect((await stored())[0]).toMatchObject({
      status: 'pending',
      attempts: 2,
      nextAttemptAt: clock + 1_000,
    });
    clock += 1_000;
    expect(await worker().runOnce()).toBe(1);
    expect((await stored())[0]).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500 });
    clock += 1_000_000;
    expect(await worker().runOnce()).toBe(0);
    expect(receiver.requests.map((request) => request.attempt)).toEqual([1, 2, 3]);
    expect(metrics).toMatchObject({ sent: 0, retried: 2, failed: 1 });
  });

  it('a failing receiver that recovers gets the delivery on the next attempt', async () => {
    await queue();
    receiver.answers = [{ ok: false, status: 502, error: 'the receiver answered 502' }];
    await worker().runOnce();
    clock += 1_000;
    await worker().runOnce();
    expect((await stored())[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
  });

  it('two workers polling at once send every delivery exactly once', async () => {
    await queue(10);
    const [one, two] = [worker(), worker()];
    let claimed = 0;
    for (let round = 0; round < 5; round++) {
      const counts = await Promise.all([one.runOnce(), two.runOnce()]);
      claimed += counts[0] + counts[1];
    }
    expect(claimed).toBe(10);
    const bodies = receiver.requests.map((request) => request.body).sort();
    expect(bodies).toEqual(Array.from({ length: 10 }, (_, index) => `{"n":${index}}`).sort());
    expect((await stored()).every((row) => row.status === 'delivered' && row.attempts === 1)).toBe(true);
  });

  it('takes over a delivery whose claim lapsed (its worker died), counting the lost attempt', async () => {
    await queue();
    const [due] = await database.repos.webhookDeliveries.listDue(clock, 1);
    await database.repos.webhookDeliveries.claim(
      due!,
      'dead-worker',
      clock + SETTINGS.timeoutMs + LEASE_MARGIN_MS,
    );
    expect(await worker().runOnce()).toBe(0);
    clock += SETTINGS.timeoutMs + LEASE_MARGIN_MS + 1;
    expect(await worker().runOnce()).toBe(1);
    expect((await stored())[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(receiver.requests.map((request) => request.attempt)).toEqual([2]);
  });

  it('does not record an outcome over a claim another worker took after the lease ran out', async () => {
    await queue();
    let release!: () => void;
    receiver.hold = new Promise((done) => (release = done));
    const slow = worker().runOnce();
    await new Promise((tick) => setImmediate(tick));
    expect(receiver.requests).toHaveLength(1);
    clock += SETTINGS.timeoutMs + LEASE_MARGIN_MS + 1;
    receiver.hold = undefined;
    receiver.answers = [{ ok: true, status: 204, error: '' }];
    expect(await worker().runOnce()).toBe(1);
    // The first call comes back last, with a failure: the delivery stays delivered.
    receiver.answers = [{ ok: false, status: 500, error: 'late' }];
    release();
    await slow;
    expect((await stored())[0]).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 204 });
    expect(metrics.sent).toBe(1);
  });

  it('fails the deliveries of a deleted hook without calling anyone', async () => {
    await queue();
    await database.repos.releaseWebhooks.delete('shop', hook.id, 'notify');
    await worker().runOnce();
    expect((await stored())[0]).toMatchObject({ status: 'failed', lastError: 'the webhook was deleted' });
    expect(receiver.requests).toEqual([]);
  });

  it('claims at most its concurrency, and one delivery per hook at a time, past busy hooks', async () => {
    const other = async () =>
      (
        await database.repos.releaseWebhooks.insert({
          ...hook,
          url: 'http://127.0.0.1:1/other',
        })
      ).id;
    const hooks = [hook.id, await other(), await other(), await other(), await other(), await other()];
    await queue(3); // three for the first hook, oldest first
    for (const webhookId of hooks.slice(1)) {
      await database.repos.webhookDeliveries.insert([
        {
          webhookId,
          appId: 'shop',
          namespaceName: 'application',
          event: 'release',
          payload: '{}',
          nextAttemptAt: clock,
        },
      ]);
    }
    // The four oldest due: three of the first hook, one of the second; one of each is claimed.
    const claimed = await worker().claim(4);
    expect(claimed.map((row) => row.webhookId)).toEqual(hooks.slice(0, 2));
    // The caller looks again past the hooks it holds: the others, up to its free slots.
    const next = await worker().claim(2, hooks.slice(0, 2));
    expect(next.map((row) => row.webhookId)).toEqual(hooks.slice(2, 4));
    expect((await worker().claim(4, hooks.slice(0, 4))).map((row) => row.webhookId)).toEqual(hooks.slice(4));
    expect(await worker().runOnce()).toBe(1); // the first hook's second delivery
  });
});

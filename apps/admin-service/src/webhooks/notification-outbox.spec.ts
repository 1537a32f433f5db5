import type { NotificationPayload } from '@houston/domain';
import { AppService } from '../apps/app.service';
import { BranchService } from '../branches/branch.service';
import { ItemService } from '../items/item.service';
import { ReleasePublisher } from '../releases/release-publisher';
import { RolloutService } from '../rollouts/rollout.service';
import { inMemoryAdmin, type InMemoryAdmin } from '../test-support/in-memory-admin';
import { testKeyRing } from '../test-support/secrets-suite';
import { NotificationWebhookService } from './notification-webhooks.service';

const NS = { appId: 'shop', cluster: 'default', namespace: 'application' };
const HOOK = { url: 'http://127.0.0.1:1/hook', secret: 'a-secret-of-at-least-16-chars' };

async function withShop(run: (admin: InMemoryAdmin) => Promise<void>) {
  // No poller: what the releases queue stays in the outbox to be looked at.
  const admin = await inMemoryAdmin({
    secretKeys: testKeyRing(),
    rollouts: { tickMs: 0, minBakeTimeMs: 0 },
    notifications: {
      pollIntervalMs: 0,
      timeoutMs: 1_000,
      concurrency: 1,
      maxAttempts: 1,
      baseDelayMs: 1_000,
      maxDelayMs: 1_000,
    },
  });
  try {
    await admin.get(AppService).create({ appId: 'shop', name: 'Shop' }, 'ann');
    await run(admin);
  } finally {
    await admin.close();
  }
}

const set = (admin: InMemoryAdmin, key: string, value: string) =>
  admin.get(ItemService).update(NS, key, { value }, 'ann', true);

async function queued(
  admin: InMemoryAdmin,
): Promise<Array<{ webhookId: number; payload: NotificationPayload }>> {
  const rows = await admin.database.repos.webhookDeliveries.list('shop', {}, 100);
  return rows
    .reverse()
    .map((row) => ({ webhookId: row.webhookId, payload: JSON.parse(row.payload) as NotificationPayload }));
}

describe('notification outbox', () => {
  it('queues one delivery per hook that asked for the event, in the release transaction, with the changed keys only', () =>
    withShop(async (admin) => {
      const hooks = admin.get(NotificationWebhookService);
      const all = await hooks.create('shop', { ...HOOK, events: ['release', 'rollback'] }, 'ann');
      const other = await hooks.create('shop', { ...HOOK, namespaceName: 'other' }, 'ann');
      const merges = await hooks.create('shop', { ...HOOK, events: ['merge'] }, 'ann');
      expect([all.events, other.events]).toEqual([
        ['release', 'rollback'],
        ['release', 'rollback', 'merge'],
      ]);

      await set(admin, 'timeout', '100');
      await set(admin, 'db.password', 'hunter2');
      const first = await admin.get(ReleasePublisher).publish(NS, { title: 'first' }, 'bob');
      await set(admin, 'timeout', '200');
      const second = await admin.get(ReleasePublisher).publish(NS, { title: 'second', comment: 'c' }, 'bob');
      await admin.get(ReleasePublisher).rollback(second.id, 'carol');

      const rows = await queued(admin);
      expect(rows.map((row) => [row.webhookId, row.payload.event])).toEqual([
        [all.id, 'release'],
        [all.id, 'release'],
        [all.id, 'rollback'],
      ]);
      expect(rows[0]!.payload).toMatchObject({
        appId: 'shop',
        clusterName: 'default',
        namespaceName: 'application',
        branchName: 'default',
        operator: 'bob',
        operation: 0,
        release: { id: first.id, key: first.releaseKey, title: 'first', comment: '' },
        previousReleaseId: 0,
        changes: { added: ['db.password', 'timeout'], modified: [], deleted: [], truncated: false },
      });
      expect(rows[1]!.payload.changes.modified).toEqual(['timeout']);
      expect(rows[2]!.payload).toMatchObject({
        operator: 'carol',
        operation: 1,
        release: { id: first.id },
        previousReleaseId: second.id,
        changes: { modified: ['timeout'] },
      });
      // Values are never in a notification.
      expect(JSON.stringify(rows)).not.toMatch(/hunter2|"100"|"200"/);
      expect(merges.id).toBeGreaterThan(0);
    }));

  it('queues nothing when the release is refused (the transaction undone)', () =>
    withShop(async (admin) => {
      await admin.get(NotificationWebhookService).create('shop', HOOK, 'ann');
      await set(admin, 'timeout', '100');
      await expect(
        admin.get(ReleasePublisher).publish(NS, { expectedBaseReleaseId: 42 }, 'bob'),
      ).rejects.toMatchObject({ code: 'RELEASE_PRECONDITION_FAILED' });
      expect(await queued(admin)).toEqual([]);
    }));

  it('tells gray releases, merges and abandons apart, to hooks that asked for them', () =>
    withShop(async (admin) => {
      const hook = await admin
        .get(NotificationWebhookService)
        .create('shop', { ...HOOK, events: ['gray_release', 'gray_rules', 'merge', 'gray_abandon'] }, 'ann');
      await set(admin, 'timeout', '100');
      await admin.get(ReleasePublisher).publish(NS, {}, 'bob');
      const branches = admin.get(BranchService);
      const { branchName } = await branches.create(NS, 'bob');
      await admin
        .get(ItemService)
        .update({ ...NS, cluster: branchName }, 'timeout', { value: '50' }, 'bob', true);
      await branches.publishGray(NS, branchName, { title: 'gray' }, 'bob');
      await branches.updateRules(
        NS,
        branchName,
        [{ clientAppId: 'shop', clientIpList: ['10.0.0.1'] }],
        'bob',
      );
      await branches.merge(NS, branchName, { title: 'merged' }, true, 'bob');
      const second = await branches.create(NS, 'bob');
      await branches.abandon(NS, second.branchName, 'bob');

      const rows = await queued(admin);
      expect(rows.every((row) => row.webhookId === hook.id)).toBe(true);
      expect(rows.map((row) => [row.payload.event, row.payload.operation])).toEqual([
        ['gray_release', 2],
        ['gray_rules', 3],
        ['merge', 4],
        ['gray_abandon', 7],
      ]);
      expect(rows[0]!.payload).toMatchObject({
        branchName,
        clusterName: 'default',
        changes: { modified: ['timeout'] },
      });
      expect(rows[2]!.payload.release).toMatchObject({ title: 'merged' });
    }));

  it('a deleted hook gets nothing more, and its undelivered deliveries are failed', () =>
    withShop(async (admin) => {
      const hooks = admin.get(NotificationWebhookService);
      const hook = await hooks.create('shop', HOOK, 'ann');
      await set(admin, 'timeout', '100');
      await admin.get(ReleasePublisher).publish(NS, {}, 'bob');
      await hooks.delete('shop', hook.id, 'ann');
      await set(admin, 'timeout', '200');
      await admin.get(ReleasePublisher).publish(NS, {}, 'bob');
      const rows = await hooks.deliveries('shop', { size: 50 });
      expect(rows.map((row) => [row.status, row.lastError])).toEqual([['failed', 'the webhook was deleted']]);
      expect(await hooks.deliveryCount('shop', { status: 'failed' })).toEqual({ total: 1 });
      expect(await hooks.deliveryCount('shop', { status: 'pending' })).toEqual({ total: 0 });
      await expect(hooks.deliveryCount('nowhere', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(hooks.redeliver('shop', rows[0]!.id, 'ann')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(hooks.delete('shop', hook.id, 'ann')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }));
  it("tells a rollout's steps and its abort, with the rollout's id, step and share", () =>
    withShop(async (admin) => {
      const hook = await admin
        .get(NotificationWebhookService)
        .create('shop', { ...HOOK, events: ['rollout_step', 'rollout_abort'] }, 'ann');
      await set(admin, 'timeout', '100');
      await admin.get(ReleasePublisher).publish(NS, {}, 'bob');
      await set(admin, 'timeout', '200');
      const rollouts = admin.get(RolloutService);
      const rollout = await rollouts.start(
        NS,
        {
          plan: {
            steps: [
              { percentage: 10, bakeTime: '1h' },
              { percentage: 50, bakeTime: '1h' },
              { percentage: 100 },
            ],
          },
        },
        'bob',
      );
      await rollouts.act(NS, rollout.id, 'advance', 'carol', 'looks fine');
      await rollouts.act(NS, rollout.id, 'abort', 'carol', 'not today');

      const rows = await queued(admin);
      expect(rows.every((row) => row.webhookId === hook.id)).toBe(true);
      expect(rows.map((row) => [row.payload.event, row.payload.operator, row.payload.rollout])).toEqual([
        ['rollout_step', 'bob', { id: rollout.id, step: 0, percentage: 10 }],
        ['rollout_step', 'carol', { id: rollout.id, step: 1, percentage: 50 }],
        ['rollout_abort', 'carol', expect.objectContaining({ id: rollout.id, step: 1 })],
      ]);
    }));
});

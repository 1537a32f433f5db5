import { ReleaseOperation } from '../releases/release-operation';
import { afterAttempt, retryDelayMs, type DeliveryRetryPolicy } from './delivery-schedule';
import {
  formatNotificationEvents,
  notificationEventOf,
  parseNotificationEvents,
} from './notification-events';
import { serializeNotificationPayload, type NotificationPayload } from './notification-payload';

const POLICY: DeliveryRetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 10_000 };

describe('retry delays', () => {
  it('double from the base, capped, with half of each delay random', () => {
    const low = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, POLICY, () => 0));
    const high = [1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(attempt, POLICY, () => 0.999_999));
    expect(low).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect(high).toEqual([999, 1_999, 3_999, 7_999, 9_999, 9_999]);
  });

  it('stay finite for absurd attempt numbers', () => {
    expect(retryDelayMs(10_000, POLICY, () => 0.5)).toBe(7_500);
    expect(retryDelayMs(0, POLICY, () => 0)).toBe(500);
  });
});

describe('after an attempt', () => {
  it('is delivered on success, whatever the count', () => {
    expect(afterAttempt(true, 5, 0, POLICY)).toEqual({ status: 'delivered' });
  });

  it('is retried after a failure until the last attempt, then failed', () => {
    expect(afterAttempt(false, 1, 100_000, POLICY, () => 0)).toEqual({
      status: 'pending',
      nextAttemptAt: 100_500,
    });
    expect(afterAttempt(false, 4, 100_000, POLICY, () => 0)).toEqual({
      status: 'pending',
      nextAttemptAt: 104_000,
    });
    expect(afterAttempt(false, 5, 100_000, POLICY)).toEqual({ status: 'failed' });
  });
});

describe('notification events', () => {
  it('name the release history operations, a rollout telling its steps and aborts apart', () => {
    const rollout = { rollout: { id: 1, step: 1, percentage: 10 } };
    expect(notificationEventOf(ReleaseOperation.NORMAL_RELEASE, {})).toBe('release');
    expect(notificationEventOf(ReleaseOperation.ROLLBACK, {})).toBe('rollback');
    expect(notificationEventOf(ReleaseOperation.GRAY_RELEASE, {})).toBe('gray_release');
    expect(notificationEventOf(ReleaseOperation.APPLY_GRAY_RULES, { rules: [] })).toBe('gray_rules');
    expect(notificationEventOf(ReleaseOperation.APPLY_GRAY_RULES, rollout)).toBe('rollout_step');
    expect(notificationEventOf(ReleaseOperation.GRAY_RELEASE_MERGE_TO_MASTER, {})).toBe('merge');
    expect(notificationEventOf(ReleaseOperation.ABANDON_GRAY_RELEASE, {})).toBe('gray_abandon');
    expect(notificationEventOf(ReleaseOperation.ABANDON_GRAY_RELEASE, rollout)).toBe('rollout_abort');
    expect(notificationEventOf(ReleaseOperation.MASTER_NORMAL_RELEASE_MERGE_TO_GRAY, {})).toBeUndefined();
    expect(notificationEventOf(ReleaseOperation.GRAY_RELEASE_DELETED_AFTER_MERGE, {})).toBeUndefined();
    expect(notificationEventOf(ReleaseOperation.ABANDON_GRAY_RELEASE, null)).toBe('gray_abandon');
  });

  it('are stored in one order without repeats, and unknown names are dropped when read', () => {
    expect(formatNotificationEvents(['merge', 'release', 'merge'])).toBe('release,merge');
    expect(parseNotificationEvents('release,bogus,rollback')).toEqual(['release', 'rollback']);
  });
});

describe('notification payloads', () => {
  const payload = (keys: number): NotificationPayload => ({
    event: 'release',
    appId: 'shop',
    clusterName: 'default',
    namespaceName: 'application',
    branchName: 'default',
    operator: 'alice',
    operation: 0,
    releaseHistoryId: 7,
    release: { id: 3, key: 'k', title: 't', comment: '' },
    previousReleaseId: 2,
    occurredAt: '2026-12-01T00:00:00.000Z',
    changes: {
      added: Array.from({ length: keys }, (_, index) => `key.${'x'.repeat(100)}.${index}`),
      modified: [],
      deleted: [],
      truncated: false,
    },
  });

  it('are sent whole when they fit', () => {
    expect(JSON.parse(serializeNotificationPayload(payload(3)))).toEqual(payload(3));
  });

  it('cut their key lists to fit, and say so', () => {
    const body = serializeNotificationPayload(payload(5_000), 16 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(16 * 1024);
    const parsed = JSON.parse(body) as NotificationPayload;
    expect(parsed.changes.truncated).toBe(true);
    expect(parsed.changes.added.length).toBeGreaterThan(0);
    expect(parsed.changes.added).toEqual(payload(5_000).changes.added.slice(0, parsed.changes.added.length));
  });
});

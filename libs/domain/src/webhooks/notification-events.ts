import { ReleaseOperation } from '../releases/release-operation';

/**
 * What an after-release (notification) webhook can be told of. Each is one release history row
 * of Apollo's operations, read with its context: a rollout's rule change is a step, its abandon
 * an abort. The rows Apollo writes alongside another one (a main release carried into a branch,
 * a branch deleted after its merge) are not events of their own.
 */
export const NOTIFICATION_EVENTS = [
  'release',
  'rollback',
  'gray_release',
  'gray_rules',
  'merge',
  'gray_abandon',
  'rollout_step',
  'rollout_abort',
] as const;

export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The events a hook gets when it names none: what changes what most clients get. */
export const DEFAULT_NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['release', 'rollback', 'merge'];

export function isNotificationEvent(value: unknown): value is NotificationEvent {
  return typeof value === 'string' && (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

/** The event a release history row stands for, or none. `context` is its parsed operationContext. */
export function notificationEventOf(operation: number, context: unknown): NotificationEvent | undefined {
  const underRollout =
    typeof context === 'object' && context !== null && 'rollout' in context && context.rollout != null;
  switch (operation) {
    case ReleaseOperation.NORMAL_RELEASE:
      return 'release';
    case ReleaseOperation.ROLLBACK:
      return 'rollback';
    case ReleaseOperation.GRAY_RELEASE:
      return 'gray_release';
    case ReleaseOperation.APPLY_GRAY_RULES:
      return underRollout ? 'rollout_step' : 'gray_rules';
    case ReleaseOperation.GRAY_RELEASE_MERGE_TO_MASTER:
      return 'merge';
    case ReleaseOperation.ABANDON_GRAY_RELEASE:
      return underRollout ? 'rollout_abort' : 'gray_abandon';
    default:
      return undefined;
  }
}

/** A hook's event list as stored (comma-separated), in the canonical order, without repeats. */
export function formatNotificationEvents(events: readonly NotificationEvent[]): string {
  return NOTIFICATION_EVENTS.filter((event) => events.includes(event)).join(',');
}

export function parseNotificationEvents(stored: string): NotificationEvent[] {
  return stored.split(',').filter(isNotificationEvent);
}

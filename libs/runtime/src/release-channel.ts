import type { Redis } from 'ioredis';
import { reportRedisErrors } from './redis-connection';
import type { WarningSink } from './throttled-warning';

/** The Redis channel admin-services announce committed release messages on. */
export const RELEASE_CHANNEL = 'houston:release-messages';

export interface AnnouncedMessage {
  id: number;
  message: string;
}

/**
 * The optional fast path: an admin-service publishes each committed release message here and
 * config-services scan at once instead of at their next tick. The ReleaseMessage table stays the
 * source of truth: a lost announcement (Redis down, a dropped message) only costs the wait for
 * the next scan.
 *
 * Fire and forget: this returns at once and never throws, so a frozen or unreachable Redis can
 * neither delay nor fail the publish that committed the release. The command itself is bounded
 * by the connection's timeouts (see `redisOptions`); a failure goes to `onError`.
 */
export function announceRelease(
  redis: Redis,
  message: AnnouncedMessage,
  onError: (error: unknown) => void = () => undefined,
): void {
  try {
    redis.publish(RELEASE_CHANNEL, JSON.stringify(message)).catch(onError);
  } catch (error) {
    onError(error);
  }
}

/**
 * Subscribes on a connection of its own (a subscribed Redis connection can do nothing else). The
 * subscription is queued until Redis is reachable and renewed after every reconnect; the wait for
 * it here is bounded by `timeoutMs` so a process starts (and scans) without Redis.
 */
export async function listenForReleases(
  redis: Redis,
  onRelease: () => void,
  options: { logger: WarningSink; timeoutMs: number },
): Promise<() => Promise<void>> {
  // Queued rather than refused while disconnected, and never timed out: a subscription has no
  // answer to wait for after its confirmation, and a frozen Redis only delays messages.
  const subscriber = redis.duplicate({ enableOfflineQueue: true, commandTimeout: undefined });
  reportRedisErrors(subscriber, options.logger, 'subscriber');
  subscriber.on('message', (channel: string) => {
    if (channel === RELEASE_CHANNEL) onRelease();
  });
  const subscribed = subscriber.subscribe(RELEASE_CHANNEL).then(
    () => undefined,
    () => undefined,
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    subscribed,
    new Promise<void>((done) => (timer = setTimeout(done, options.timeoutMs))),
  ]);
  clearTimeout(timer);
  return async () => {
    subscriber.disconnect();
  };
}

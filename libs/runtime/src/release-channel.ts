import type { Redis } from 'ioredis';

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
 * the next one-second scan.
 */
export async function announceRelease(redis: Redis, message: AnnouncedMessage): Promise<void> {
  await redis.publish(RELEASE_CHANNEL, JSON.stringify(message));
}

/** Subscribes on a connection of its own (a subscribed Redis connection can do nothing else). */
export async function listenForReleases(redis: Redis, onRelease: () => void): Promise<() => Promise<void>> {
  const subscriber = redis.duplicate();
  subscriber.on('message', (channel: string) => {
    if (channel === RELEASE_CHANNEL) onRelease();
  });
  await subscriber.subscribe(RELEASE_CHANNEL);
  return async () => {
    subscriber.disconnect();
  };
}

import { Redis, type RedisOptions } from 'ioredis';
import { throttledWarning, type WarningSink } from './throttled-warning';

export interface RedisSettings {
  url: string;
  /** Bounds connecting and every command: Redis is a hint, never worth waiting for. */
  timeoutMs: number;
  logger: WarningSink;
}

/** One line per this long at most while Redis keeps failing. */
export const REDIS_WARNING_INTERVAL_MS = 10_000;

/**
 * The options every Houston Redis connection shares. While Redis is down a command fails at once
 * instead of queueing behind the reconnects (`enableOfflineQueue: false`, one attempt); while it
 * is frozen a command fails after `timeoutMs`. Reconnects go on in the background, backing off
 * to 2 s.
 */
export function redisOptions(timeoutMs: number): RedisOptions {
  return {
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  };
}

/**
 * Gives a connection its error listener: without one ioredis prints `[ioredis] Unhandled error
 * event` with a stack on every failed reconnect. Errors go to the structured log, throttled.
 */
export function reportRedisErrors(redis: Redis, logger: WarningSink, connection: string): void {
  const warn = throttledWarning(logger, {
    context: 'Redis',
    msg: 'redis unreachable; retrying in the background (releases still reach config-services by their scan)',
    intervalMs: REDIS_WARNING_INTERVAL_MS,
  });
  redis.on('error', (error: unknown) => warn(error, { connection }));
}

/**
 * Connects, waiting for the connection at most `timeoutMs`: a process starts without Redis, and
 * with a reachable Redis its first commands do not fail for want of a connection.
 */
export async function openRedis(settings: RedisSettings): Promise<Redis> {
  const redis = new Redis(settings.url, redisOptions(settings.timeoutMs));
  reportRedisErrors(redis, settings.logger, 'commands');
  await new Promise<void>((done) => {
    const timer = setTimeout(finish, settings.timeoutMs);
    timer.unref();
    redis.once('ready', finish);
    function finish() {
      clearTimeout(timer);
      redis.off('ready', finish);
      done();
    }
  });
  return redis;
}

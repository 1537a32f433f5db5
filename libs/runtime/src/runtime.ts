import type { ServiceRegistry } from '@houston/discovery';
import {
  DatabaseInstanceStore,
  RedisInstanceStore,
  type Database,
  type InstanceStore,
} from '@houston/persistence';
import type { Redis } from 'ioredis';
import { createLogger, PinoNestLogger, type EnvValues } from '@houston/server-kit';
import { openDatabase } from './open-database';
import { openRegistry } from './open-registry';
import { openRedis } from './redis-connection';
import type { RUNTIME_ENV } from './runtime-env';

export type RuntimeEnv = EnvValues<typeof RUNTIME_ENV>;

/** What the servers of one process share: the logger, the database and the discovery registry. */
export interface Runtime {
  logger: PinoNestLogger;
  database: Database;
  registry: ServiceRegistry;
  /** Client-instance records: Redis when HOUSTON_REDIS_URL is set, the database otherwise. */
  instances: InstanceStore;
  redis?: Redis;
  close(): Promise<void>;
}

export async function openRuntime(env: RuntimeEnv, name: string): Promise<Runtime> {
  const logger = new PinoNestLogger(createLogger({ level: env.HOUSTON_LOG_LEVEL, name }));
  const database = await openDatabase(env, logger);
  const registry = openRegistry(env, database, logger);
  const redis = env.HOUSTON_REDIS_URL
    ? await openRedis({ url: env.HOUSTON_REDIS_URL, timeoutMs: env.HOUSTON_REDIS_TIMEOUT, logger })
    : undefined;
  const instances = redis ? new RedisInstanceStore(redis) : new DatabaseInstanceStore(database.dataSource);
  return {
    logger,
    database,
    registry,
    instances,
    redis,
    async close() {
      await registry.close();
      redis?.disconnect();
      await database.close();
    },
  };
}

import type { ServiceRegistry } from '@houston/discovery';
import {
  DatabaseInstanceStore,
  RedisInstanceStore,
  type Database,
  type InstanceStore,
} from '@houston/persistence';
import type { Redis } from 'ioredis';
import {
  createLogger,
  createMetricsRegistry,
  PinoNestLogger,
  type EnvValues,
  type MetricsRegistry,
} from '@houston/server-kit';
import { instrumentDatabase } from './database-metrics';
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
  /** The process's one metrics registry, served at `/metrics` by every server of the process. */
  metrics: MetricsRegistry;
  close(): Promise<void>;
}

export async function openRuntime(env: RuntimeEnv, name: string): Promise<Runtime> {
  const logger = new PinoNestLogger(createLogger({ level: env.HOUSTON_LOG_LEVEL, name }));
  const metrics = createMetricsRegistry();
  const database = await openDatabase(env, logger);
  instrumentDatabase(database, metrics);
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
    metrics,
    async close() {
      await registry.close();
      redis?.disconnect();
      await database.close();
    },
  };
}

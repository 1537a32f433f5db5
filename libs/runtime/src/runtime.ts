import type { ServiceRegistry } from '@houston/discovery';
import type { Database } from '@houston/persistence';
import { createLogger, PinoNestLogger, type EnvValues } from '@houston/server-kit';
import { openDatabase } from './open-database';
import { openRegistry } from './open-registry';
import type { RUNTIME_ENV } from './runtime-env';

export type RuntimeEnv = EnvValues<typeof RUNTIME_ENV>;

/** What the servers of one process share: the logger, the database and the discovery registry. */
export interface Runtime {
  logger: PinoNestLogger;
  database: Database;
  registry: ServiceRegistry;
  close(): Promise<void>;
}

export async function openRuntime(env: RuntimeEnv, name: string): Promise<Runtime> {
  const logger = new PinoNestLogger(createLogger({ level: env.HOUSTON_LOG_LEVEL, name }));
  const database = await openDatabase(env, logger);
  const registry = openRegistry(env, database, logger);
  return {
    logger,
    database,
    registry,
    async close() {
      await registry.close();
      await database.close();
    },
  };
}

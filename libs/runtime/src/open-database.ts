import { Database, describeDatabaseUrl, runMigrations } from '@houston/persistence';
import type { LoggerService } from '@nestjs/common';
import { openDataLayer } from './data-layer';
import { checkSqliteDirectory, databaseStartupError } from './startup-failure';

export interface DatabaseSettings {
  HOUSTON_DB_URL: string;
  HOUSTON_DB_POOL_SIZE: number;
  HOUSTON_DB_SKIP_MIGRATIONS: boolean;
  /** Defaults as in RUNTIME_ENV. */
  HOUSTON_DB_CONNECT_TIMEOUT?: number;
  HOUSTON_DB_QUERY_TIMEOUT?: number;
}

/**
 * Connects (through `TypeOrmModule`, see `openDataLayer`), and brings the schema up to date
 * unless told another process does that. `Database.close()` closes the data source.
 */
export async function openDatabase(settings: DatabaseSettings, logger: LoggerService): Promise<Database> {
  const where = describeDatabaseUrl(settings.HOUSTON_DB_URL);
  checkSqliteDirectory(settings.HOUSTON_DB_URL);
  const layer = await openDataLayer(
    {
      settings: {
        url: settings.HOUSTON_DB_URL,
        poolSize: settings.HOUSTON_DB_POOL_SIZE,
        connectTimeoutMs: settings.HOUSTON_DB_CONNECT_TIMEOUT,
        queryTimeoutMs: settings.HOUSTON_DB_QUERY_TIMEOUT,
      },
      describeFailure: (error) => databaseStartupError(settings.HOUSTON_DB_URL, 'cannot open', error),
      prepare: async (dataSource, close) => {
        try {
          if (!settings.HOUSTON_DB_SKIP_MIGRATIONS) {
            const applied = await runMigrations(dataSource);
            logger.log({ msg: 'database ready', database: where, migrationsApplied: applied }, 'Database');
          } else {
            logger.log({ msg: 'database ready, migrations skipped', database: where }, 'Database');
          }
        } catch (error) {
          throw databaseStartupError(settings.HOUSTON_DB_URL, 'migrations failed on', error);
        }
        return new Database(dataSource, close);
      },
    },
    logger,
  );
  return layer.value;
}

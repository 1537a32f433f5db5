import { createDataSource, Database, describeDatabaseUrl, runMigrations } from '@houston/persistence';
import type { LoggerService } from '@nestjs/common';
import { checkSqliteDirectory, databaseStartupError } from './startup-failure';

export interface DatabaseSettings {
  HOUSTON_DB_URL: string;
  HOUSTON_DB_POOL_SIZE: number;
  HOUSTON_DB_SKIP_MIGRATIONS: boolean;
  /** Defaults as in RUNTIME_ENV. */
  HOUSTON_DB_CONNECT_TIMEOUT?: number;
  HOUSTON_DB_QUERY_TIMEOUT?: number;
}

/** Connects, and brings the schema up to date unless told another process does that. */
export async function openDatabase(settings: DatabaseSettings, logger: LoggerService): Promise<Database> {
  const where = describeDatabaseUrl(settings.HOUSTON_DB_URL);
  checkSqliteDirectory(settings.HOUSTON_DB_URL);
  let dataSource: Awaited<ReturnType<typeof createDataSource>>;
  try {
    dataSource = await createDataSource({
      url: settings.HOUSTON_DB_URL,
      poolSize: settings.HOUSTON_DB_POOL_SIZE,
      connectTimeoutMs: settings.HOUSTON_DB_CONNECT_TIMEOUT,
      queryTimeoutMs: settings.HOUSTON_DB_QUERY_TIMEOUT,
    });
  } catch (error) {
    throw databaseStartupError(settings.HOUSTON_DB_URL, 'cannot open', error);
  }
  try {
    if (!settings.HOUSTON_DB_SKIP_MIGRATIONS) {
      const applied = await runMigrations(dataSource);
      logger.log({ msg: 'database ready', database: where, migrationsApplied: applied }, 'Database');
    } else {
      logger.log({ msg: 'database ready, migrations skipped', database: where }, 'Database');
    }
  } catch (error) {
    await dataSource.destroy();
    throw databaseStartupError(settings.HOUSTON_DB_URL, 'migrations failed on', error);
  }
  return new Database(dataSource);
}

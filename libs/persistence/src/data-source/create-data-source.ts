import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALL_ENTITIES, isLargeTextColumn } from '@houston/entities';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { MYSQL_MIGRATIONS } from '../migrations/mysql';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite';
import { parseDatabaseUrl, type DatabaseLocation } from './database-url';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceSettings {
  url: string;
  /** MySQL connection pool size per process. */
  poolSize?: number;
  /**
   * Only for tests that build a throw-away schema straight from the entities; every real
   * database is built by the migrations.
   */
  synchronizeForTests?: boolean;
  /**
   * Another service's own schema on the same stack (the portal's database); Houston's
   * configuration schema when absent.
   */
  schema?: DatabaseSchema;
}

export interface DatabaseSchema {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: { mysql: Array<new () => MigrationInterface>; sqlite: Array<new () => MigrationInterface> };
}

function optionsFor(location: DatabaseLocation, settings: DataSourceSettings): DataSourceOptions {
  const common = {
    entities: settings.schema?.entities ?? ALL_ENTITIES,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: settings.synchronizeForTests ?? false,
    migrationsRun: false,
    migrationsTableName: 'schema_migrations',
    logging: false,
  } as const;
  if (location.dialect === 'sqlite') {
    if (location.path !== ':memory:') mkdirSync(dirname(location.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: location.path,
      migrations: settings.schema?.migrations.sqlite ?? SQLITE_MIGRATIONS,
      // WAL lets readers run while the single writer commits; the busy timeout covers the
      // migration lock and a second process on the same file.
      prepareDatabase: (db: SqliteHandle) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('synchronous = NORMAL');
        beginTransactionsImmediately(db);
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: location.host,
    port: location.port,
    username: location.username,
    password: location.password,
    database: location.database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    poolSize: settings.poolSize ?? 20,
    migrations: settings.schema?.migrations.mysql ?? MYSQL_MIGRATIONS,
  };
}

interface SqliteHandle {
  pragma(sql: string): unknown;
  prepare(sql: string): unknown;
}

/**
 * TypeORM begins SQLite transactions DEFERRED: they start as readers and take the write lock at
 * their first write. When another process (a config-service on the same file, recording client
 * instances) has written in between, that upgrade fails at once with SQLITE_BUSY, without waiting
 * for the busy timeout, and a valid edit was answered 500. BEGIN IMMEDIATE takes the write lock
 * up front, waiting for it like any other write.
 */
function beginTransactionsImmediately(db: SqliteHandle): void {
  const prepare = db.prepare.bind(db);
  db.prepare = (sql: string) => prepare(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql);
}

/** Creates and connects the data source for a URL (see `parseDatabaseUrl`). Migrations are not run here. */
export async function createDataSource(settings: DataSourceSettings): Promise<DataSource> {
  const location = parseDatabaseUrl(settings.url);
  const dataSource = new DataSource(optionsFor(location, settings));
  await dataSource.initialize();
  if (location.dialect === 'mysql') {
    widenLargeTextColumns(dataSource);
    await describeMariaDbGeneratedColumns(dataSource);
  }
  return dataSource;
}

/**
 * MariaDB reports the default of a generated column as the text `NULL`, which TypeORM's `mysql`
 * driver reads as the string 'NULL'; without this the schema comparison would see the generated
 * columns (item.live_key) as changed on every MariaDB. Only the comparison reads it: generated
 * columns are never inserted.
 */
async function describeMariaDbGeneratedColumns(dataSource: DataSource): Promise<void> {
  const [row] = (await dataSource.query('SELECT VERSION() AS version')) as Array<{ version: string }>;
  if (!/mariadb/i.test(row?.version ?? '')) return;
  for (const entity of dataSource.entityMetadatas) {
    for (const column of entity.columns) {
      if (column.generatedType) column.default = 'NULL';
    }
  }
}

/** See `LargeTextColumn`: MySQL's TEXT stops at 64 KB, so those columns are LONGTEXT there. */
export function widenLargeTextColumns(dataSource: DataSource): void {
  for (const entity of dataSource.entityMetadatas) {
    for (const column of entity.columns) {
      if (isLargeTextColumn(entity.name, column.propertyName)) column.type = 'longtext';
    }
  }
}

export function dialectOf(dataSource: DataSource): 'sqlite' | 'mysql' {
  return dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALL_ENTITIES, isLargeTextColumn } from '@houston/entities';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { MYSQL_MIGRATIONS } from '../migrations/mysql';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite';
import { parseDatabaseUrl, type DatabaseLocation } from './database-url';
import { eventLoopTurns, type LoopTurns } from './loop-turns';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DataSourceSettings {
  url: string;
  /** MySQL connection pool size per process. */
  poolSize?: number;
  /** MySQL: how long opening a connection (TCP and handshake) may take. */
  connectTimeoutMs?: number;
  /**
   * MySQL: how long one statement may go unanswered before it fails (and its connection with
   * it). SQLite: how long a statement waits for another process's write lock.
   */
  queryTimeoutMs?: number;
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

/**
 * better-sqlite3 waits for another process's write lock synchronously, blocking the event loop,
 * so the statement timeout shortens that wait but never lengthens it past 5 s.
 */
const SQLITE_BUSY_TIMEOUT_MAX_MS = 5_000;

export function sqliteBusyTimeoutMs(queryTimeoutMs = DEFAULT_QUERY_TIMEOUT_MS): number {
  return Math.round(Math.min(queryTimeoutMs, SQLITE_BUSY_TIMEOUT_MAX_MS));
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;

/**
 * The TypeORM options for a URL (see `parseDatabaseUrl`): what `TypeOrmModule.forRootAsync` is
 * given, and `createDataSource` outside Nest (tests, the migration CLI).
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return optionsFor(parseDatabaseUrl(settings.url), settings);
}

/**
 * The folder and an empty database file, made readable by their owner only: the file holds
 * access-key secrets and password hashes, and the umask would leave it readable by every local
 * user. SQLite gives the -wal and -shm files it makes the database file's permissions. A file or
 * folder that exists keeps the permissions it has.
 */
function prepareSqliteFile(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    writeFileSync(path, '', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
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
    if (location.path !== ':memory:') prepareSqliteFile(location.path);
    return {
      ...common,
      type: 'better-sqlite3',
      database: location.path,
      migrations: settings.schema?.migrations.sqlite ?? SQLITE_MIGRATIONS,
      // WAL lets readers run while the single writer commits; the busy timeout covers the
      // migration lock and a second process on the same file.
      prepareDatabase: (db: SqliteHandle) => {
        db.pragma('journal_mode = WAL');
        db.pragma(`busy_timeout = ${sqliteBusyTimeoutMs(settings.queryTimeoutMs)}`);
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
    // A database that stops answering (a frozen server, a silent network) must fail requests
    // instead of holding them forever: mysql2 bounds the handshake, `boundStatements` the rest.
    connectTimeout: settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
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
export function createDataSource(settings: DataSourceSettings): Promise<DataSource> {
  return connectDataSource(dataSourceOptions(settings), settings);
}

/**
 * Connects a data source built from `dataSourceOptions(settings)` and adds what TypeORM's options
 * cannot say (statement deadlines and column fixes on MySQL). `TypeOrmModule`'s data source
 * factory: it gets the options back from the module and the settings from the caller.
 */
export async function connectDataSource(
  options: DataSourceOptions,
  settings: Pick<DataSourceSettings, 'queryTimeoutMs'>,
): Promise<DataSource> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  if (options.type === 'mysql') {
    boundStatements(dataSource, settings.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS);
    widenLargeTextColumns(dataSource);
    await describeMariaDbGeneratedColumns(dataSource);
  } else {
    takeTurnsBetweenStatements(dataSource, eventLoopTurns);
  }
  return dataSource;
}

/**
 * SQLite statements outside a transaction take turns with the rest of the event loop. Inside one
 * they never wait: the single connection holds the write lock, and a pause would hand the
 * connection to other requests' statements in the middle of the transaction for longer.
 */
export function takeTurnsBetweenStatements(dataSource: DataSource, turns: LoopTurns): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  // better-sqlite3 hands out one runner for every statement: it is wrapped once.
  const wrapped = new WeakSet<object>();
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (wrapped.has(runner)) return runner;
    wrapped.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      const pause = runner.isTransactionActive ? undefined : turns.pause();
      if (pause) await pause;
      return query(...args);
    }) as typeof runner.query;
    return runner;
  };
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

/** Data sources whose statements run unbounded for now (migrations). */
const unbounded = new WeakSet<DataSource>();

/**
 * Runs `work` with no statement timeout: migrations (an index over a large table, the wait for
 * another instance's migration lock) may rightly take longer than any request should. Only for
 * start-up, before the data source serves anything else.
 */
export async function withoutQueryTimeout<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  unbounded.add(dataSource);
  try {
    return await work();
  } finally {
    unbounded.delete(dataSource);
  }
}

interface PooledMysqlConnection {
  stream: { destroy(error?: Error): void; once(event: 'close', listener: () => void): void };
  destroy(): void;
}

/**
 * Gives every MySQL statement a deadline. mysql2's own per-query `timeout` is not enough: it
 * starts when the statement is sent, and a statement queued behind one that never got its
 * answer is never sent, so it would wait forever on a frozen server. Here a statement that
 * outlives the deadline takes its connection down: the socket is destroyed, which fails the
 * statement and everything queued on that connection with a timeout error, and the connection
 * leaves the pool so nothing else is queued on it.
 */
function boundStatements(dataSource: DataSource, timeoutMs: number): void {
  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      if (unbounded.has(dataSource)) return query(...args);
      const connection = (await runner.connect()) as PooledMysqlConnection;
      const deadline = setTimeout(() => abandon(connection, timeoutMs), timeoutMs);
      try {
        return await query(...args);
      } finally {
        clearTimeout(deadline);
      }
    }) as typeof runner.query;
    return runner;
  };
}

function abandon(connection: PooledMysqlConnection, timeoutMs: number): void {
  const error = Object.assign(new Error(`database statement unanswered after ${timeoutMs} ms`), {
    code: 'PROTOCOL_SEQUENCE_TIMEOUT',
  });
  // mysql2 fails the pending statements on the socket's error; then the pool lets go of it.
  connection.stream.once('close', () => connection.destroy());
  connection.stream.destroy(error);
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

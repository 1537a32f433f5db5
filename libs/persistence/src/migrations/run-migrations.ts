import type { DataSource } from 'typeorm';
import { dialectOf, withoutQueryTimeout } from '../data-source/create-data-source';

const MYSQL_LOCK = 'houston_schema_migrations';

/**
 * Brings the schema up to date. Several instances may start at once: on MySQL they serialise on
 * a named lock (GET_LOCK); on SQLite the migration transaction holds the single write lock.
 * Returns the names of the migrations applied. Statements run without the request timeout.
 */
export function runMigrations(dataSource: DataSource, lockTimeoutSeconds = 60): Promise<string[]> {
  return withoutQueryTimeout(dataSource, () => migrate(dataSource, lockTimeoutSeconds));
}

async function migrate(dataSource: DataSource, lockTimeoutSeconds: number): Promise<string[]> {
  if (dialectOf(dataSource) !== 'mysql') {
    return (await dataSource.runMigrations({ transaction: 'all' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [
      MYSQL_LOCK,
      lockTimeoutSeconds,
    ])) as Array<{ acquired: number | string | null }>;
    if (Number(row?.acquired) !== 1) {
      throw new Error(
        `could not take the migration lock "${MYSQL_LOCK}" within ${lockTimeoutSeconds}s: another instance is migrating`,
      );
    }
    try {
      // MySQL commits DDL implicitly, so each migration is its own unit.
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [MYSQL_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** Statements the entities would still need on a migrated database; empty when they agree. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

import { createDataSource, describeDatabaseUrl, dialectOf, runMigrations } from '@houston/persistence';
import type { LoggerService } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { PORTAL_SCHEMA } from './portal-schema';

/**
 * The portal's own database. SQLite has a single connection, where two concurrent transactions
 * would nest as savepoints of each other, so its transactions are queued (as Houston's are).
 */
export class PortalDatabase {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataSource: DataSource) {}

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const run = () => this.dataSource.transaction(work);
    if (dialectOf(this.dataSource) === 'mysql') return run();
    const next = this.sqliteQueue.then(run, run);
    this.sqliteQueue = next.catch(() => undefined);
    return next;
  }

  async ping(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Connects and brings the portal's schema up to date (its migrations, never `synchronize`). */
export async function openPortalDatabase(
  settings: { url: string; poolSize: number },
  logger: LoggerService,
): Promise<PortalDatabase> {
  const dataSource = await createDataSource({ ...settings, schema: PORTAL_SCHEMA });
  try {
    const applied = await runMigrations(dataSource);
    logger.log(
      {
        msg: 'portal database ready',
        database: describeDatabaseUrl(settings.url),
        migrationsApplied: applied,
      },
      'Database',
    );
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return new PortalDatabase(dataSource);
}

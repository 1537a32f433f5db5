import { describeDatabaseUrl, dialectOf, runMigrations } from '@houston/persistence';
import { openDataLayer } from '@houston/runtime';
import type { LoggerService } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { PORTAL_SCHEMA } from './portal-schema';

/**
 * The portal's own database. SQLite has a single connection, where two concurrent transactions
 * would nest as savepoints of each other, so its transactions are queued (as Houston's are).
 */
export class PortalDatabase {
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  /** `closeDataSource`: see `Database` (the Nest context that owns the data source closes it). */
  constructor(
    readonly dataSource: DataSource,
    private readonly closeDataSource?: () => Promise<void>,
  ) {}

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
    if (this.closeDataSource) await this.closeDataSource();
    else if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Connects (through `TypeOrmModule`, as a data source named `portal` so that it sits beside
 * Houston's own in the all-in-one) and brings the portal's schema up to date (its migrations,
 * never `synchronize`).
 */
export async function openPortalDatabase(
  settings: { url: string; poolSize: number },
  logger: LoggerService,
): Promise<PortalDatabase> {
  const layer = await openDataLayer(
    {
      name: PORTAL_DATA_SOURCE,
      settings: { ...settings, schema: PORTAL_SCHEMA },
      describeFailure: (error) => (error instanceof Error ? error : new Error(String(error))),
      prepare: async (dataSource, close) => {
        const applied = await runMigrations(dataSource);
        logger.log(
          {
            msg: 'portal database ready',
            database: describeDatabaseUrl(settings.url),
            migrationsApplied: applied,
          },
          'Database',
        );
        return new PortalDatabase(dataSource, close);
      },
    },
    logger,
  );
  return layer.value;
}

export const PORTAL_DATA_SOURCE = 'portal';

import type { DataSource, EntityManager } from 'typeorm';
import { dialectOf } from './data-source/create-data-source';
import { Repositories } from './repositories/repositories';
import { pingDataSource } from './data-source/ping-data-source';
import type { UnitOfWork } from './repositories/repository-ports';

/**
 * The one entry point services use: repositories outside a transaction, or a unit of work in which
 * every repository shares one transaction. SQLite has a single connection, where two concurrent
 * transactions would nest as savepoints of each other, so its transactions are queued.
 *
 * MySQL transactions run READ COMMITTED: writers serialize on row locks (the namespace row), and
 * each read after the lock must see what the previous holder committed. Under REPEATABLE READ a
 * read made before the lock fixes a snapshot in which that work is invisible, and the holder
 * would decide on stale rows (duplicate keys, spurious version conflicts, a stale revision
 * accepted).
 */
export class Database implements UnitOfWork {
  readonly dialect: 'sqlite' | 'mysql';
  readonly repos: Repositories;
  private sqliteQueue: Promise<unknown> = Promise.resolve();

  /**
   * `closeDataSource` is how whoever opened the data source lets go of it (the runtime closes the
   * Nest context that owns it); by default the data source is destroyed here.
   */
  constructor(
    readonly dataSource: DataSource,
    private readonly closeDataSource?: () => Promise<void>,
  ) {
    this.dialect = dialectOf(dataSource);
    this.repos = new Repositories(dataSource.manager);
  }

  transaction<T>(work: (repos: Repositories, manager: EntityManager) => Promise<T>): Promise<T> {
    const unit = (manager: EntityManager) => work(new Repositories(manager), manager);
    if (this.dialect === 'mysql') return this.dataSource.transaction('READ COMMITTED', unit);
    const run = () => this.dataSource.transaction(unit);
    const next = this.sqliteQueue.then(run, run);
    this.sqliteQueue = next.catch(() => undefined);
    return next;
  }

  ping(): Promise<boolean> {
    return pingDataSource(this.dataSource);
  }

  async close(): Promise<void> {
    if (this.closeDataSource) await this.closeDataSource();
    else if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

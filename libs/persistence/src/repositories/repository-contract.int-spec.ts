import { createScratchMysqlDatabase, describeWithMysql, repositoryContract } from '@houston/testing';
import { createDataSource } from '../data-source/create-data-source';
import { Database } from '../database';
import { runMigrations } from '../migrations/run-migrations';

/** The TypeORM repositories against the checks the in-memory ones of the unit tier pass too. */
async function migrated(url: string): Promise<Database> {
  const dataSource = await createDataSource({ url });
  await runMigrations(dataSource);
  return new Database(dataSource);
}

repositoryContract('SQLite', async () => {
  const database = await migrated('sqlite::memory:');
  return { database, close: () => database.close() };
});

describeWithMysql('on MariaDB', () => {
  repositoryContract('MariaDB', async () => {
    const scratch = await createScratchMysqlDatabase('houston_house_repos');
    const database = await migrated(scratch.url);
    return { database, close: async () => (await database.close(), await scratch.drop()) };
  });
});

import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { createDataSource } from '../data-source/create-data-source';
import { pendingSchemaChanges, runMigrations } from './run-migrations';

describeWithMysql('MySQL migrations on MariaDB', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_schema');
  });
  afterAll(async () => scratch?.drop());

  it('build the schema the entities describe', async () => {
    const dataSource = await createDataSource({ url: scratch.url, poolSize: 2 });
    try {
      expect((await runMigrations(dataSource)).length).toBeGreaterThan(0);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      // Text compares byte by byte, as on SQLite: no column may keep a case- or accent-folding collation.
      const folding = (await dataSource.query(
        "SELECT TABLE_NAME AS tableName, COLUMN_NAME AS columnName, COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL AND COLLATION_NAME NOT LIKE '%\\_bin' AND TABLE_NAME NOT IN ('schema_migrations', 'typeorm_metadata')",
      )) as unknown[];
      expect(folding).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('let several instances start at once: one migrates, the others wait on the lock and find nothing to do', async () => {
    const second = await createScratchMysqlDatabase('houston_schema');
    const sources = await Promise.all(
      [1, 2, 3].map(() => createDataSource({ url: second.url, poolSize: 2 })),
    );
    try {
      const applied = await Promise.all(sources.map((source) => runMigrations(source)));
      expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
      expect(await pendingSchemaChanges(sources[0]!)).toEqual([]);
    } finally {
      await Promise.all(sources.map((source) => source.destroy()));
      await second.drop();
    }
  });
});

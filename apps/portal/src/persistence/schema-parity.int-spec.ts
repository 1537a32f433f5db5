import { createDataSource, pendingSchemaChanges, runMigrations } from '@houston/persistence';
import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import { PORTAL_SCHEMA } from './portal-schema';

describeWithMysql('portal MySQL migrations on MariaDB', () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_portal_schema');
  });
  afterAll(async () => scratch?.drop());

  it('build the schema the entities describe, and applying them twice is a no-op', async () => {
    const dataSource = await createDataSource({ url: scratch.url, poolSize: 2, schema: PORTAL_SCHEMA });
    try {
      expect((await runMigrations(dataSource)).length).toBeGreaterThan(0);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      expect(await runMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, pendingSchemaChanges, runMigrations } from '@houston/persistence';
import { PORTAL_SCHEMA } from './portal-schema';

// The migrations, not `synchronize`, build every portal database: they must produce exactly the
// schema the portal's entities describe.
describe('portal SQLite migrations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-portal-schema-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('build the schema the entities describe, and applying them twice is a no-op', async () => {
    const dataSource = await createDataSource({
      url: `sqlite:${join(dir, 'parity.sqlite')}`,
      schema: PORTAL_SCHEMA,
    });
    try {
      expect((await runMigrations(dataSource)).length).toBeGreaterThan(0);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      expect(await runMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource } from '../data-source/create-data-source';
import { pendingSchemaChanges, runMigrations } from './run-migrations';

// The migrations, not `synchronize`, build every real database: they must produce exactly the
// schema the entities describe, or a column would silently differ between dev and production.
describe('SQLite migrations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-schema-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('build the schema the entities describe, and applying them twice is a no-op', async () => {
    const url = `sqlite:${join(dir, 'parity.sqlite')}`;
    const dataSource = await createDataSource({ url });
    try {
      expect((await runMigrations(dataSource)).length).toBeGreaterThan(0);
      expect(await pendingSchemaChanges(dataSource)).toEqual([]);
      expect(await runMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});

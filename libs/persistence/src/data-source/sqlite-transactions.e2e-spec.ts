import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { runMigrations } from '../migrations/run-migrations';
import { createDataSource } from './create-data-source';

// Two data sources on one file behave like two processes (an admin-service and a config-service
// on the embedded default): each has its own SQLite connection and locks.
describe('SQLite transactions across connections', () => {
  let dir: string;
  let admin: DataSource;
  let other: DataSource;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-sqlite-tx-'));
    const url = `sqlite:${join(dir, 'shared.sqlite')}`;
    admin = await createDataSource({ url });
    await runMigrations(admin);
    other = await createDataSource({ url });
    // The test runs both on one thread: a writer kept waiting would wait for the busy timeout.
    await other.query('PRAGMA busy_timeout = 50');
    await admin.query(`INSERT INTO app (app_id, name, org_id, org_name, owner_name, owner_email, created_by, last_modified_by)
      VALUES ('shop', 'shop', 'org', 'org', 'owner', 'owner@example.com', 'test', 'test')`);
  });
  afterEach(async () => {
    await other.destroy();
    await admin.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a transaction that reads, then writes, is not failed by another connection writing in between', async () => {
    let otherWrite: string | undefined;
    await admin.transaction(async (manager) => {
      await manager.query(`SELECT name FROM app WHERE app_id = 'shop'`);
      try {
        await other.query(`UPDATE app SET name = 'changed elsewhere' WHERE app_id = 'shop'`);
        otherWrite = 'done';
      } catch (error) {
        otherWrite = String(error);
      }
      await manager.query(`UPDATE app SET name = 'changed here' WHERE app_id = 'shop'`);
    });
    // The transaction held the write lock from its start: the other writer had to wait (and,
    // on this one thread, gave up), instead of invalidating the transaction's snapshot.
    expect(otherWrite).toMatch(/database is locked/);
    expect(await admin.query(`SELECT name FROM app WHERE app_id = 'shop'`)).toEqual([
      { name: 'changed here' },
    ]);
  });
});

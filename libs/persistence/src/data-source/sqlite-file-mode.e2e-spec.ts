import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '../migrations/run-migrations';
import { createDataSource } from './create-data-source';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('a SQLite database file Houston makes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'houston-sqlite-mode-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is readable by its owner only, with its folder, WAL and shared-memory files', async () => {
    const file = join(dir, 'data', 'houston.sqlite');
    const dataSource = await createDataSource({ url: `sqlite:${file}` });
    try {
      await runMigrations(dataSource);
      expect(modeOf(join(dir, 'data'))).toBe(0o700);
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(modeOf(`${file}-shm`)).toBe(0o600);
    } finally {
      await dataSource.destroy();
    }
  });

  it('keeps the permissions of a file that exists', async () => {
    const file = join(dir, 'shared.sqlite');
    writeFileSync(file, '');
    chmodSync(file, 0o640);
    const dataSource = await createDataSource({ url: `sqlite:${file}` });
    try {
      await runMigrations(dataSource);
      expect(modeOf(file)).toBe(0o640);
    } finally {
      await dataSource.destroy();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { runMigrations } from '../migrations/run-migrations';
import { ReleaseRepository } from './release.repository';

describe('ReleaseRepository.latestActiveIds (SQLite)', () => {
  let dir: string;
  let dataSource: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'houston-release-repo-'));
    dataSource = await createDataSource({ url: `sqlite:${join(dir, 'releases.sqlite')}` });
    await runMigrations(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the newest active release id of each namespace asked for, in one query', async () => {
    const releases = new ReleaseRepository(dataSource.manager);
    const release = (namespaceName: string, releaseKey: string, isAbandoned = false) =>
      releases.insert({
        appId: 'shop',
        clusterName: 'default',
        namespaceName,
        releaseKey,
        configurations: '{}',
        isAbandoned,
      });
    const first = await release('application', 'a1');
    await release('application', 'a2', true); // rolled back
    const other = await release('other', 'o1');
    await release('unasked', 'u1');

    const ids = await releases.latestActiveIds([
      { appId: 'shop', clusterName: 'default', namespaceName: 'application' },
      { appId: 'shop', clusterName: 'default', namespaceName: 'other' },
      { appId: 'shop', clusterName: 'default', namespaceName: 'never-released' },
    ]);
    expect(ids.sort((a, b) => a.id - b.id)).toEqual([
      { appId: 'shop', clusterName: 'default', namespaceName: 'application', id: first.id },
      { appId: 'shop', clusterName: 'default', namespaceName: 'other', id: other.id },
    ]);
    expect(await releases.latestActiveIds([])).toEqual([]);
  });
});

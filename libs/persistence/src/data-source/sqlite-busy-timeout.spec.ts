import { createDataSource } from './create-data-source';

describe('SQLite busy timeout', () => {
  async function busyTimeoutFor(queryTimeoutMs?: number): Promise<number> {
    const dataSource = await createDataSource({ url: 'sqlite::memory:', queryTimeoutMs });
    try {
      const [row] = (await dataSource.query('PRAGMA busy_timeout')) as Array<Record<string, number>>;
      return Object.values(row!)[0]!;
    } finally {
      await dataSource.destroy();
    }
  }

  it('follows a short statement timeout', async () => {
    expect(await busyTimeoutFor(1_500)).toBe(1_500);
  });

  it('never waits more than 5 s, since the wait blocks the event loop', async () => {
    expect(await busyTimeoutFor(60_000)).toBe(5_000);
    expect(await busyTimeoutFor()).toBe(5_000);
  });
});

import { createDataSource } from '@houston/persistence';
import { createMetricsRegistry, type MetricsRegistry } from '@houston/server-kit';
import type { DataSource } from 'typeorm';
import { instrumentDataSource } from './database-metrics';

async function selectCount(registry: MetricsRegistry): Promise<number> {
  const page = await registry.metrics();
  const line = page
    .split('\n')
    .find((row) => row.startsWith('houston_db_query_seconds_count{database="houston",statement="select"}'));
  return Number(line?.split(' ').pop());
}

describe('database metrics', () => {
  let dataSource: DataSource;
  let registry: MetricsRegistry;

  beforeEach(async () => {
    dataSource = await createDataSource({ url: 'sqlite::memory:' });
    registry = createMetricsRegistry();
    instrumentDataSource(dataSource, registry, 'houston');
  });
  afterEach(async () => {
    await dataSource.destroy();
  });

  // better-sqlite3 hands out one query runner for every statement: wrapping it again each time
  // nested one more wrapper per statement, so a statement cost more the longer the server ran and
  // was counted once per statement run before it.
  it('times each statement once, however many ran before it on the same SQLite runner', async () => {
    for (let i = 0; i < 50; i++) await dataSource.query('SELECT 1');
    expect(await selectCount(registry)).toBe(50);
    expect(dataSource.createQueryRunner()).toBe(dataSource.createQueryRunner());
  });
});

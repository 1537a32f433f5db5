import { createDataSource } from '@houston/persistence';
import { createMetricsRegistry, type MetricsRegistry } from '@houston/server-kit';
import { createScratchMysqlDatabase, describeWithMysql, type ScratchDatabase } from '@houston/testing';
import type { DataSource, QueryRunner } from 'typeorm';
import { instrumentDataSource } from './database-metrics';

/** The value of one series of the registry's page, `undefined` when it is not there. */
async function valueOf(registry: MetricsRegistry, series: string): Promise<number | undefined> {
  const line = (await registry.metrics()).split('\n').find((row) => row.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

async function until(what: string, condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((tick) => setImmediate(tick));
  }
}

/**
 * The pool figures are read from mysql2's pool as it is (its open, free and queued connections):
 * only a real pool proves they still say what the dashboard and the pool-exhaustion alert read.
 */
describeWithMysql('database pool metrics on MariaDB', () => {
  let scratch: ScratchDatabase;
  let dataSource: DataSource;
  let registry: MetricsRegistry;
  let holder: QueryRunner | undefined;

  beforeAll(async () => {
    scratch = await createScratchMysqlDatabase('houston_pool_metrics');
    dataSource = await createDataSource({ url: scratch.url, poolSize: 1 });
    registry = createMetricsRegistry();
    instrumentDataSource(dataSource, registry, 'houston');
  });
  afterAll(async () => {
    await holder?.release();
    await dataSource?.destroy();
    await scratch?.drop();
  });

  it('counts a statement waiting for the only connection, and none once it is free', async () => {
    holder = dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT 1');
    expect(await valueOf(registry, 'houston_db_pool_connections{database="houston",state="max"}')).toBe(1);
    expect(await valueOf(registry, 'houston_db_pool_connections{database="houston",state="idle"}')).toBe(0);
    expect(await valueOf(registry, 'houston_db_pool_waiting{database="houston"}')).toBe(0);

    const waiting = dataSource.query('SELECT 2 AS n');
    await until(
      'the statement to queue for the connection',
      async () => (await valueOf(registry, 'houston_db_pool_waiting{database="houston"}')) === 1,
    );

    await holder.commitTransaction();
    await holder.release();
    holder = undefined;
    expect(await waiting).toEqual([{ n: 2 }]);
    expect(await valueOf(registry, 'houston_db_pool_waiting{database="houston"}')).toBe(0);
  });
});

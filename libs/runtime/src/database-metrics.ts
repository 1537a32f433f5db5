import { performance } from 'node:perf_hooks';
import type { Database } from '@houston/persistence';
import {
  LatencyHistogram,
  registerPulledMetric,
  type LatencySeries,
  type MetricsRegistry,
} from '@houston/server-kit';

/** The statement kinds queries are labelled by: a handful of series, never the SQL itself. */
const STATEMENTS = ['select', 'insert', 'update', 'delete', 'transaction', 'other'] as const;
type Statement = (typeof STATEMENTS)[number];

function statementOf(sql: unknown): Statement {
  const head = typeof sql === 'string' ? sql.trimStart().slice(0, 12).toLowerCase() : '';
  if (head.startsWith('select')) return 'select';
  if (head.startsWith('insert')) return 'insert';
  if (head.startsWith('update')) return 'update';
  if (head.startsWith('delete')) return 'delete';
  if (/^(start|begin|commit|rollback|set trans|savepoint|release)/.test(head)) return 'transaction';
  return 'other';
}

/** mysql2's pool, read for its gauges (its own fields: the library has no public counters). */
interface MysqlPool {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
  config?: { connectionLimit?: number };
}

/**
 * Times every statement the data source runs (`houston_db_query_seconds` by statement kind),
 * counts the ones that fail (`houston_db_query_errors_total`), and on MySQL reports the pool:
 * open, idle and awaited connections. Wraps the driver's query runners, so every repository,
 * transaction and raw query is seen, whoever made the data source.
 */
export function instrumentDatabase(database: Database, registry: MetricsRegistry): void {
  const latency = new LatencyHistogram(
    'houston_db_query_seconds',
    'Time one database statement took, by statement kind (select, insert, update, delete, transaction, other)',
  ).register(registry);
  const series = new Map<Statement, LatencySeries>(
    STATEMENTS.map((statement) => [statement, latency.series({ statement })]),
  );
  const errors = new Map<Statement, number>(STATEMENTS.map((statement) => [statement, 0]));
  registerPulledMetric(registry, {
    name: 'houston_db_query_errors_total',
    help: 'Database statements that failed (refused, timed out, lost connection, constraint), by statement kind',
    type: 'counter',
    read: () => [...errors].map(([statement, value]) => ({ labels: { statement }, value })),
  });

  const driver = database.dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      const statement = statementOf(args[0]);
      const started = performance.now();
      try {
        return await query(...args);
      } catch (error) {
        errors.set(statement, errors.get(statement)! + 1);
        throw error;
      } finally {
        series.get(statement)!.observe((performance.now() - started) / 1000);
      }
    }) as typeof runner.query;
    return runner;
  };

  if (database.dialect !== 'mysql') return;
  const pool = () => (driver as unknown as { pool?: MysqlPool }).pool;
  registerPulledMetric(registry, {
    name: 'houston_db_pool_connections',
    help: 'MySQL pool connections: open (in use or idle), idle, and max (HOUSTON_DB_POOL_SIZE)',
    type: 'gauge',
    read: () => {
      const current = pool();
      return [
        { labels: { state: 'open' }, value: current?._allConnections?.length ?? 0 },
        { labels: { state: 'idle' }, value: current?._freeConnections?.length ?? 0 },
        { labels: { state: 'max' }, value: current?.config?.connectionLimit ?? 0 },
      ];
    },
  });
  registerPulledMetric(registry, {
    name: 'houston_db_pool_waiting',
    help: 'Requests waiting for a MySQL pool connection (all connections busy)',
    type: 'gauge',
    read: () => pool()?._connectionQueue?.length ?? 0,
  });
}

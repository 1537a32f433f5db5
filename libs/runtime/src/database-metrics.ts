import { performance } from 'node:perf_hooks';
import type { Database } from '@houston/persistence';
import type { DataSource } from 'typeorm';
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

interface DatabaseMetrics {
  latency: LatencyHistogram;
  /** Failed statements by `database|statement`. */
  errors: Map<string, number>;
  /** MySQL pools by database name, read at scrape time. */
  pools: Map<string, () => MysqlPool | undefined>;
}

const byRegistry = new WeakMap<MetricsRegistry, DatabaseMetrics>();

/** The database metrics of a process, registered once: every data source of it reports here. */
function databaseMetricsOf(registry: MetricsRegistry): DatabaseMetrics {
  const known = byRegistry.get(registry);
  if (known) return known;
  const created: DatabaseMetrics = {
    latency: new LatencyHistogram(
      'houston_db_query_seconds',
      "Time one database statement took, by database (houston, or the portal's own) and statement kind (select, insert, update, delete, transaction, other)",
    ).register(registry),
    errors: new Map(),
    pools: new Map(),
  };
  registerPulledMetric(registry, {
    name: 'houston_db_query_errors_total',
    help: 'Database statements that failed (refused, timed out, lost connection, constraint), by database and statement kind',
    type: 'counter',
    read: () =>
      [...created.errors].map(([key, value]) => {
        const [database, statement] = key.split('|') as [string, string];
        return { labels: { database, statement }, value };
      }),
  });
  registerPulledMetric(registry, {
    name: 'houston_db_pool_connections',
    help: 'MySQL pool connections by database: open (in use or idle), idle, and max (the pool size setting)',
    type: 'gauge',
    read: () =>
      [...created.pools].flatMap(([database, pool]) => {
        const current = pool();
        return [
          { labels: { database, state: 'open' }, value: current?._allConnections?.length ?? 0 },
          { labels: { database, state: 'idle' }, value: current?._freeConnections?.length ?? 0 },
          { labels: { database, state: 'max' }, value: current?.config?.connectionLimit ?? 0 },
        ];
      }),
  });
  registerPulledMetric(registry, {
    name: 'houston_db_pool_waiting',
    help: 'Requests waiting for a MySQL pool connection (all connections busy), by database',
    type: 'gauge',
    read: () =>
      [...created.pools].map(([database, pool]) => ({
        labels: { database },
        value: pool()?._connectionQueue?.length ?? 0,
      })),
  });
  byRegistry.set(registry, created);
  return created;
}

/**
 * Times every statement a data source runs (`houston_db_query_seconds` by database and
 * statement kind), counts the ones that fail (`houston_db_query_errors_total`), and on MySQL
 * reports the pool: open, idle and awaited connections. Wraps the driver's query runners, so
 * every repository, transaction and raw query is seen, whoever made the data source. `database`
 * names it in the labels: `houston`, or `portal` for the portal's own.
 */
export function instrumentDataSource(
  dataSource: DataSource,
  registry: MetricsRegistry,
  database: string,
): void {
  const metrics = databaseMetricsOf(registry);
  const series = new Map<Statement, LatencySeries>(
    STATEMENTS.map((statement) => [statement, metrics.latency.series({ database, statement })]),
  );
  for (const statement of STATEMENTS) metrics.errors.set(`${database}|${statement}`, 0);
  const failed = (statement: Statement) => {
    const key = `${database}|${statement}`;
    metrics.errors.set(key, metrics.errors.get(key)! + 1);
  };

  const driver = dataSource.driver;
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  // better-sqlite3 hands out one runner for every statement: it is wrapped once, not per call
  // (a wrapper per call nested one more layer per statement run).
  const timed = new WeakSet<object>();
  driver.createQueryRunner = (mode) => {
    const runner = createQueryRunner(mode);
    if (timed.has(runner)) return runner;
    timed.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      const statement = statementOf(args[0]);
      const started = performance.now();
      try {
        return await query(...args);
      } catch (error) {
        failed(statement);
        throw error;
      } finally {
        series.get(statement)!.observe((performance.now() - started) / 1000);
      }
    }) as typeof runner.query;
    return runner;
  };

  if (dataSource.options.type === 'mysql') {
    metrics.pools.set(database, () => (driver as unknown as { pool?: MysqlPool }).pool);
  }
}

/** Houston's configuration database, as `openRuntime` opens it. */
export function instrumentDatabase(database: Database, registry: MetricsRegistry): void {
  instrumentDataSource(database.dataSource, registry, 'houston');
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_BENCH } from './servers';

export const SQL_COUNTER_PRELOAD = join(DIST_BENCH, 'lib/sql-counter-preload.js');

export type SqlCounts = Record<string, number>;

export function readSqlCounts(file: string): SqlCounts {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SqlCounts) : {};
}

/** Statements run between two snapshots, most frequent first. */
export function sqlDelta(before: SqlCounts, after: SqlCounts): Array<{ sql: string; count: number }> {
  return Object.entries(after)
    .map(([sql, count]) => ({ sql, count: count - (before[sql] ?? 0) }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.count - a.count);
}

export function isRead(sql: string): boolean {
  return /^\s*(select|with)\b/i.test(sql);
}

// Loaded into a Houston server with `node --import` by the fan-out benchmark: counts the SQL
// statements the process runs, by statement text, and keeps the counts in the file named by
// HOUSTON_BENCH_SQL_COUNTS (rewritten every 100 ms while they change). The server code is untouched.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const target = process.env.HOUSTON_BENCH_SQL_COUNTS;
const require = createRequire(import.meta.url);
const counts = new Map<string, number>();
let dirty = false;

function count(sql: unknown): void {
  const text = typeof sql === 'string' ? sql : ((sql as { sql?: string } | undefined)?.sql ?? String(sql));
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 160);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  dirty = true;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

function wrap(
  proto: Record<string, unknown>,
  name: string,
  sqlOf: (self: unknown, args: unknown[]) => unknown,
): void {
  const original = proto[name] as Method | undefined;
  if (typeof original !== 'function') return;
  proto[name] = function (this: unknown, ...args: unknown[]) {
    count(sqlOf(this, args));
    return original.apply(this, args);
  };
}

try {
  // TypeORM caches prepared statements, so executions are counted, not prepare() calls.
  const Database = require('better-sqlite3') as new (path: string) => {
    prepare(sql: string): object;
    close(): void;
  };
  const probe = new Database(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const name of ['all', 'get', 'run', 'iterate']) {
    wrap(statementProto, name, (self) => (self as { source?: string }).source);
  }
} catch {
  // better-sqlite3 not loadable: nothing to count on SQLite
}

try {
  const mysql = require('mysql2') as { Connection?: { prototype: object } };
  let proto: object | null = mysql.Connection?.prototype ?? null;
  while (proto && !Object.prototype.hasOwnProperty.call(proto, 'query'))
    proto = Object.getPrototypeOf(proto) as object | null;
  if (proto) {
    wrap(proto as Record<string, unknown>, 'query', (_self, args) => args[0]);
    wrap(proto as Record<string, unknown>, 'execute', (_self, args) => args[0]);
  }
} catch {
  // mysql2 not loadable
}

if (target) {
  setInterval(() => {
    if (!dirty) return;
    dirty = false;
    writeFileSync(target, JSON.stringify(Object.fromEntries(counts)));
  }, 100).unref();
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { AdminClient, propertiesText } from '../lib/admin-client';
import { startHouston, type ServerProcess } from '../lib/servers';
import { fmt, markdownTable, summarize } from '../lib/stats';
import type { Section } from './section';

const MYSQL = { host: '127.0.0.1', port: 3306, user: 'root' };
const TARGET_MS = 200;

interface Database {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function sqliteDatabase(): Database {
  const dir = mkdtempSync(join(tmpdir(), 'houston-bench-admin-'));
  return {
    name: 'SQLite',
    url: `sqlite:${join(dir, 'h.sqlite')}`,
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A scratch database on the local MariaDB, or undefined when there is none to reach. */
async function mariadbDatabase(): Promise<Database | undefined> {
  const name = `houston_bench_${randomBytes(4).toString('hex')}`;
  try {
    const connection = await createConnection({ ...MYSQL, connectTimeout: 3000 });
    await connection.query(`CREATE DATABASE \`${name}\``);
    await connection.end();
  } catch {
    return undefined;
  }
  return {
    name: 'MariaDB',
    url: `mysql://${MYSQL.user}@${MYSQL.host}:${MYSQL.port}/${name}`,
    async drop() {
      const connection = await createConnection(MYSQL);
      await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await connection.end();
    },
  };
}

/** Publish latency (POST …/releases round trip) against namespace size, on SQLite and MariaDB. */
export const adminSection: Section = async (context) => {
  const sizes = context.smoke ? [10, 100] : [10, 1_000, 10_000];
  const publishes = context.smoke ? 2 : 10;
  const rows: string[][] = [];
  const data: unknown[] = [];
  const skipped: string[] = [];
  for (const open of [async () => sqliteDatabase(), mariadbDatabase]) {
    const database = await open();
    if (!database) {
      skipped.push(`MariaDB at ${MYSQL.host}:${MYSQL.port} is not reachable: its rows are skipped`);
      continue;
    }
    let server: ServerProcess | undefined;
    try {
      server = await startHouston('admin-service', { dbUrl: database.url, nodeArgs: context.profileArgs });
      const admin = new AdminClient(server.url);
      for (const size of sizes) {
        const appId = `bench-publish-${size}`;
        context.log(`admin: ${database.name}, ${size} items, ${publishes} publishes`);
        await admin.createApp(appId);
        const edit = await admin.setText(appId, propertiesText(size));
        await admin.release(appId, 'first'); // untimed: the first release has nothing to compare with
        const times: number[] = [];
        for (let i = 0; i < publishes; i++) {
          // Each publish releases one changed item on top of the whole namespace, as operators do.
          await admin.setItem(appId, 'bench.key.0', `v${i}`);
          const release = await admin.release(appId, `publish ${i}`);
          times.push(release.ms);
        }
        const stats = summarize(times);
        rows.push([
          database.name,
          fmt(size, 0),
          `${fmt(edit.ms, 0)} ms`,
          fmt(stats.p50, 0),
          fmt(stats.p99, 0),
          fmt(stats.max, 0),
          database.name === 'MariaDB' && size === 1_000 ? (stats.p50 < TARGET_MS ? 'met' : 'NOT met') : '–',
        ]);
        data.push({ database: database.name, size, textEditMs: edit.ms, publishes: times, stats });
      }
    } catch (error) {
      context.fail(`admin on ${database.name}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await server?.stop();
      await database.drop();
    }
  }
  const markdown = [
    `Publish (POST …/releases) round trip over ${publishes} publishes per size, each after a one-item edit; the admin-service is its own process.`,
    ...skipped,
    '',
    markdownTable(
      [
        'database',
        'items',
        'text edit (setup, once)',
        'publish p50 ms',
        'p99 ms',
        'max ms',
        'target (1,000 on MariaDB < 200 ms p50)',
      ],
      rows,
    ),
  ].join('\n');
  return { name: 'admin', markdown, data: { publishes, skipped, results: data } };
};

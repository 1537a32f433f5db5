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
const TEXT_EDIT_TARGET_MS = 1_000;
const TEXT_EDIT_TARGET_SIZE = 10_000;

interface Database {
  name: string;
  url: string;
  drop(): Promise<void>;
  /** The floor for writing `count` item-sized rows: multi-row INSERTs straight through the driver. */
  rawInsertMs?(count: number): Promise<number>;
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
    async rawInsertMs(count) {
      const connection = await createConnection({ ...MYSQL, database: name });
      try {
        await connection.query(
          'CREATE TABLE raw_item (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, namespace_id int NOT NULL, `key` varchar(128) NOT NULL, value longtext NOT NULL, comment varchar(256) NOT NULL, line_num int NOT NULL, created_by varchar(64) NOT NULL, last_modified_by varchar(64) NOT NULL)',
        );
        const started = performance.now();
        await connection.beginTransaction();
        for (let first = 0; first < count; first += 1_000) {
          const rows = [];
          for (let i = first; i < Math.min(count, first + 1_000); i++) {
            rows.push([1, `bench.key.${i}`, `value-${i}-abcdefghijklmnop`, '', i + 1, 'bench', 'bench']);
          }
          await connection.query(
            'INSERT INTO raw_item (namespace_id, `key`, value, comment, line_num, created_by, last_modified_by) VALUES ?',
            [rows],
          );
        }
        await connection.commit();
        return performance.now() - started;
      } finally {
        await connection.query('DROP TABLE IF EXISTS raw_item');
        await connection.end();
      }
    },
  };
}

/** Text-edit and publish latency against namespace size, on SQLite and MariaDB. */
export const adminSection: Section = async (context) => {
  const sizes = context.smoke ? [10, 100] : [10, 1_000, 10_000];
  const publishes = context.smoke ? 2 : 10;
  const rows: string[][] = [];
  const data: unknown[] = [];
  const skipped: string[] = [];
  const editRows: string[][] = [];
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
        context.log(`admin: ${database.name}, ${size} items, text edits and ${publishes} publishes`);
        await admin.createApp(appId);
        // Text edits: set every key of an empty namespace, change every value, then send it unchanged.
        const edit = await admin.setText(appId, propertiesText(size));
        const changeAll = await admin.setText(appId, propertiesText(size, 'changed-'));
        const unchanged = await admin.setText(appId, propertiesText(size, 'changed-'));
        const raw = database.rawInsertMs ? await database.rawInsertMs(size) : undefined;
        const judged = database.name === 'MariaDB' && size === TEXT_EDIT_TARGET_SIZE;
        editRows.push([
          database.name,
          fmt(size, 0),
          fmt(edit.ms, 0),
          fmt(changeAll.ms, 0),
          fmt(unchanged.ms, 0),
          raw === undefined ? '–' : `${fmt(raw, 0)} (${fmt(edit.ms / raw, 1)}×)`,
          judged ? (Math.max(edit.ms, changeAll.ms) < TEXT_EDIT_TARGET_MS ? 'met' : 'NOT met') : '–',
        ]);
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
          fmt(stats.p50, 0),
          fmt(stats.p99, 0),
          fmt(stats.max, 0),
          database.name === 'MariaDB' && size === 1_000 ? (stats.p50 < TARGET_MS ? 'met' : 'NOT met') : '–',
        ]);
        data.push({
          database: database.name,
          size,
          textEditMs: { setAll: edit.ms, changeAll: changeAll.ms, unchanged: unchanged.ms, rawInsert: raw },
          publishes: times,
          stats,
        });
      }
    } catch (error) {
      context.fail(`admin on ${database.name}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await server?.stop();
      await database.drop();
    }
  }
  const markdown = [
    `Text edits (PUT …/namespaces/{ns}/items with configText, round trip in ms): set every key of an empty namespace, change every value, send the same text again. Baseline: the same number of item-sized rows written by multi-row INSERTs straight through mysql2 into the same MariaDB database, in one transaction.`,
    ...skipped,
    '',
    markdownTable(
      [
        'database',
        'items',
        'set all ms',
        'change all ms',
        'unchanged ms',
        'raw INSERT ms (set all / raw)',
        `target (${fmt(TEXT_EDIT_TARGET_SIZE, 0)} on MariaDB < ${fmt(TEXT_EDIT_TARGET_MS, 0)} ms)`,
      ],
      editRows,
    ),
    '',
    `Publish (POST …/releases) round trip over ${publishes} publishes per size, each after a one-item edit; the admin-service is its own process.`,
    '',
    markdownTable(
      ['database', 'items', 'publish p50 ms', 'p99 ms', 'max ms', 'target (1,000 on MariaDB < 200 ms p50)'],
      rows,
    ),
  ].join('\n');
  return { name: 'admin', markdown, data: { publishes, skipped, results: data } };
};

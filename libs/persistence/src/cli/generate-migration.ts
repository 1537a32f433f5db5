/**
 * Writes a migration for each dialect that brings a database migrated to the current head up to
 * the entities: `npm run build && node dist/libs/persistence/src/cli/generate-migration.js AddFoo`.
 * MySQL runs on a scratch database of HOUSTON_GENERATE_MYSQL_URL (default
 * mysql://root@127.0.0.1:3306/houston_migration_gen, created and dropped here).
 * Review the output before committing it: a generated migration is a draft.
 */
import { resolve } from 'node:path';
import { generateMigrations } from '../migrations/generate-migrations';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: generate-migration <PascalCaseName>');
  process.exit(2);
}
await generateMigrations({
  name,
  sourceRoot: resolve(process.argv[3] ?? 'libs/persistence/src/migrations'),
  mysqlUrl: process.env['HOUSTON_GENERATE_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/houston_migration_gen',
  // A binary collation, so that text compares as on SQLite (see migrations/mysql/binary-collation.ts;
  // names and keys never end in spaces, so PAD SPACE cannot matter for them).
  report: (line) => console.log(line),
  tableCollation: 'utf8mb4_bin',
});

/**
 * Writes a migration for each dialect that brings a portal database migrated to the current head
 * up to the portal's entities: `npm run build && node dist/apps/portal/src/cli/generate-migration.js AddFoo`.
 * MySQL runs on a scratch database of HOUSTON_GENERATE_MYSQL_URL (default
 * mysql://root@127.0.0.1:3306/houston_portal_migration_gen, created and dropped here).
 * A generated migration is a draft: review it before committing.
 */
import { resolve } from 'node:path';
import { generateMigrations } from '@houston/persistence';
import { PORTAL_SCHEMA } from '../persistence/portal-schema';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: generate-migration <PascalCaseName>');
  process.exit(2);
}
await generateMigrations({
  name,
  sourceRoot: resolve('apps/portal/src/persistence/migrations'),
  schema: PORTAL_SCHEMA,
  mysqlUrl:
    process.env['HOUSTON_GENERATE_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/houston_portal_migration_gen',
  report: (line) => console.log(line),
  tableCollation: 'utf8mb4_unicode_ci',
});

/**
 * Writes a migration for each dialect that brings a database migrated to the current head up to
 * the entities: `npm run build && node dist/libs/persistence/src/cli/generate-migration.js AddFoo`.
 * SQLite is generated on a scratch file; MySQL on a scratch database of HOUSTON_GENERATE_MYSQL_URL
 * (default mysql://root@127.0.0.1:3306/houston_migration_gen, created and dropped here).
 * Review the output before committing it: a generated migration is a draft.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { parseDatabaseUrl } from '../data-source/database-url';

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: generate-migration <PascalCaseName>');
  process.exit(2);
}
const sourceRoot = resolve(process.argv[3] ?? 'libs/persistence/src/migrations');
const timestamp = Date.now();

function render(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function pendingQueries(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  await dataSource.runMigrations({ transaction: 'all' });
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return {
    // Tables state their character set so the schema does not depend on the server's default, and
    // a binary collation so that text compares as on SQLite (see migrations/mysql/binary-collation.ts;
    // names and keys never end in spaces, so PAD SPACE cannot matter for them).
    up: sql.upQueries.map((q) =>
      q.query.replace(/ENGINE=InnoDB$/, 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin'),
    ),
    down: sql.downQueries.map((q) => q.query).reverse(),
  };
}

function write(dialect: 'mysql' | 'sqlite', queries: { up: string[]; down: string[] }): void {
  if (queries.up.length === 0) {
    console.log(`${dialect}: schema already matches the entities, nothing written`);
    return;
  }
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
  writeFileSync(join(sourceRoot, dialect, `${file}.ts`), render(className, queries.up, queries.down));
  const indexPath = join(sourceRoot, dialect, 'index.ts');
  const index = readFileSync(indexPath, 'utf8')
    .replace(/^(import type .*\n)/m, `$1import { ${className} } from './${file}';\n`)
    .replace(/= \[([^\]]*)\];/s, (_m, list: string) => {
      const items = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      return `= [${[...items, className].join(', ')}];`;
    });
  writeFileSync(indexPath, index);
  console.log(`${dialect}: wrote ${file}.ts (${queries.up.length} statements)`);
}

const scratch = mkdtempSync(join(tmpdir(), 'houston-migration-'));
try {
  const sqlite = await createDataSource({ url: `sqlite:${join(scratch, 'gen.sqlite')}` });
  write('sqlite', await pendingQueries(sqlite));
  await sqlite.destroy();

  const mysqlUrl =
    process.env['HOUSTON_GENERATE_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306/houston_migration_gen';
  const location = parseDatabaseUrl(mysqlUrl);
  if (location.dialect !== 'mysql') throw new Error('HOUSTON_GENERATE_MYSQL_URL must be a mysql:// URL');
  const admin = await createConnection({
    host: location.host,
    port: location.port,
    user: location.username,
    password: location.password,
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${location.database}\``);
  await admin.query(
    `CREATE DATABASE \`${location.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  try {
    const mysql = await createDataSource({ url: mysqlUrl });
    write('mysql', await pendingQueries(mysql));
    await mysql.destroy();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS \`${location.database}\``);
    await admin.end();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
